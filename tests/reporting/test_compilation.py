"""Half-year and annual sums equal the sum of the accepted reports; small counts are hidden so
that no hidden cell can be recomputed by subtraction."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from reporting.compilation import (
    Breakdown,
    Compilation,
    compile_period,
    compile_year,
    economic_follow_up,
    protect,
    suppressed,
)
from reporting.exports import rows
from reporting.models import AnnualCompilation
from reporting.services.compilations import annual_send, annual_update
from reporting.services.reports import report_accept, report_start, report_submit
from reporting.services.statements import statement_save, statement_submit
from tests.factories import OrganisationFactory, ParticipationFactory, RepresentativeFactory
from tests.reporting.conftest import valid_raw


@pytest.fixture
def three_reports(side_a, staff):
    """Three organisations report on partnership A for the same period; two are accepted."""
    partnership, period, template = side_a.partnership, side_a.period, side_a.template
    figures = [(12, 5, 6, 1), (30, 20, 9, 1), (7, 3, 4, 0)]
    reports = [side_a.report]
    for index in range(2):
        organisation = OrganisationFactory(name=f"Förening extra {index}")
        ParticipationFactory(partnership=partnership, organisation=organisation)
        user = RepresentativeFactory(organisation=organisation)
        reports.append(report_start(period=period, organisation=organisation, actor=user))
    for report, (total, women, men, other) in zip(reports, figures, strict=True):
        report_submit(report, raw=valid_raw(template, total, women, men, other), actor=staff)
    report_accept(reports[0], actor=staff)
    report_accept(reports[1], actor=staff)
    return reports


def test_half_year_sums_equal_sum_of_accepted_reports(three_reports, side_a):
    compilation = compile_period(side_a.period)
    accepted = three_reports[:2]
    assert compilation.total == sum(r.figures["total"] for r in accepted) == 42
    gender = compilation.breakdown("gender").cells
    assert list(gender.values()) == [25, 15, 2]
    assert sum(gender.values()) == compilation.total
    assert compilation.breakdown("age").cells["0–17"] == 42
    assert compilation.breakdown("country").cells == {"Sverige": 16, "Syrien": 8}
    assert [row["total"] for row in compilation.organisations] == [12, 30]
    assert compilation.feedback == [{"label": "Klagomål", "count": 2}]


def test_annual_sums_equal_sum_of_the_years_accepted_reports(three_reports, side_a, staff):
    second = side_a.periods[1]
    report = report_start(period=second, organisation=side_a.organisation, actor=staff)
    report_submit(report, raw=valid_raw(side_a.template, 20, 10, 10, 0), actor=staff)
    report_accept(report, actor=staff)
    year = compile_year(side_a.partnership, side_a.period.start.year)
    assert year.total == 12 + 30 + 20
    assert year.total == compile_period(side_a.period).total + compile_period(second).total
    assert sum(year.breakdown("gender").cells.values()) == year.total


def test_half_year_page_pdf_and_send(three_reports, side_a, staff_client):
    url = reverse("reporting:halfyear_detail", args=[side_a.halfyear.pk])
    response = staff_client.get(url)
    html = response.content.decode()
    assert "Sammanställd ur 2 godkända verksamhetsrapporter." in html
    assert "<svg" in html
    staff_client.post(url, {"summary": "Ett bra halvår."})
    pdf = staff_client.get(reverse("reporting:halfyear_pdf", args=[side_a.halfyear.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    staff_client.post(reverse("reporting:halfyear_send", args=[side_a.halfyear.pk]))
    side_a.halfyear.refresh_from_db()
    assert side_a.halfyear.status == "sent"
    assert side_a.halfyear.figures["total"] == 42
    assert side_a.halfyear.summary == "Ett bra halvår."


def test_annual_pdf_is_pdfa_with_chart(three_reports, side_a, staff_client):
    import io

    from pypdf import PdfReader

    response = staff_client.get(reverse("reporting:annual_pdf", args=[side_a.annual.pk]))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid" in xmp  # PDF/A identification
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Fler ska nås av verksamheten." in text  # the goal with the NGOs' answers
    assert "Per kön" in text


def test_economic_follow_up_compares_compensation_with_used(side_a):
    statement_save(
        side_a.statement,
        actuals={str(side_a.budget_line.pk): "380000"},
        own_money="20000",
        volunteer_hours="120",
        comment="",
        actor=side_a.user,
    )
    statement_submit(side_a.statement, actor=side_a.user)
    rows_ = economic_follow_up(side_a.partnership, side_a.annex.start_date.year)
    assert rows_ == [
        {
            "name": side_a.organisation.name,
            "paid": Decimal("500000"),
            "used": Decimal("380000"),
            "own": Decimal("20000"),
            "hours": Decimal("120.0"),
        }
    ]


def _public(total, cells):
    compilation = Compilation(
        total=total, breakdowns=[Breakdown("gender", "Per kön", dict(enumerate(cells)))]
    )
    shown_total, tables = suppressed(compilation)
    return shown_total, tables[0][1]


def test_small_cell_is_shown_as_below_threshold_and_a_second_cell_hidden():
    shown_total, cells = _public(42, [25, 15, 2])
    assert [c.shown for c in cells] == ["25", "..", "<5"]
    assert shown_total == "42"


def test_threshold_is_configurable(settings):
    settings.IOP_SMALL_COUNT_THRESHOLD = 3
    _total, cells = _public(42, [25, 15, 2])
    assert [c.shown for c in cells] == ["25", "..", "<3"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=6))
def test_suppression_cannot_be_undone_by_subtraction(cells):
    """Whatever the figures: a hidden cell is never the only unknown under a visible total."""
    total = sum(cells)
    shown_total, public = _public(total, cells)
    hidden = [c for c in public if c.hidden]
    for cell in public:
        if 0 < cell.value < 5:
            assert cell.hidden
    if shown_total != "<5" and hidden:
        assert len(hidden) >= 2 or len(cells) == 1
        # Total minus the visible cells leaves at least two unknowns.
        remainder = total - sum(c.value for c in public if not c.hidden)
        assert remainder == sum(c.value for c in hidden)


def test_protect_hides_everything_under_a_small_total():
    hidden, total_hidden = protect(3, [2, 1, 0])
    assert total_hidden and hidden == {0, 1, 2}


def test_exports_are_suppressed(three_reports, side_a, staff_client):
    response = staff_client.get(reverse("reporting:annual_export", args=[side_a.annual.pk, "csv"]))
    content = response.content.decode("utf-8-sig")
    assert "Annan könsidentitet eller uppgift saknas;<5" in content
    # 15 is hidden too, so that 2 cannot be computed as 42 - 25 - 15; it is not "<5".
    assert "Män och pojkar;.." in content
    assert "Kvinnor och flickor;25" in content
    xlsx = staff_client.get(reverse("reporting:annual_export", args=[side_a.annual.pk, "xlsx"]))
    assert xlsx.content.startswith(b"PK")
    figures = compile_year(side_a.partnership, side_a.period.start.year)
    assert ["Totalt", "Personer som nåtts", "42"] in [list(map(str, r)) for r in rows(figures)]


def test_public_annual_page_hides_small_counts(three_reports, side_a, staff_client):
    url = reverse("reporting:annual_detail", args=[side_a.annual.pk])
    internal = staff_client.get(url).content.decode()
    public = staff_client.get(url + "?version=publik").content.decode()
    assert "&lt;5" in public
    assert "&lt;5" not in internal


def test_assessment_per_goal_is_saved(side_a, staff_client):
    goal = side_a.partnership.goals.get()
    url = reverse("reporting:annual_detail", args=[side_a.annual.pk])
    staff_client.post(url, {"summary": "Året i korthet.", f"goal_{goal.pk}": "Målet är nått."})
    side_a.annual.refresh_from_db()
    assert side_a.annual.assessments == {str(goal.pk): "Målet är nått."}
    assert "Målet är nått." in staff_client.get(url).content.decode()


def test_annual_compilation_sent_to_the_committee_keeps_its_assessment(side_a, staff_client):
    """Sending is the compilation's one step: the button shows while it is a draft; after it
    the page says so and the assessment it was sent with can no longer be changed."""
    goal = side_a.partnership.goals.get()
    url = reverse("reporting:annual_detail", args=[side_a.annual.pk])
    send = reverse("reporting:annual_send", args=[side_a.annual.pk])
    staff_client.post(url, {"summary": "Året i korthet.", f"goal_{goal.pk}": "Målet är nått."})
    page = staff_client.get(url).content.decode()
    assert f'action="{send}"' in page and "Markera som skickad till nämnden" in page

    response = staff_client.post(send)
    assert response.status_code == 302
    side_a.annual.refresh_from_db()
    assert side_a.annual.status == "sent" and side_a.annual.sent_at is not None
    page = staff_client.get(url).content.decode()
    assert "Skickad till nämnden" in page and f'action="{send}"' not in page
    assert "Spara bedömningen" not in page and "Året i korthet." in page

    # An edit written on a page read before the send: refused with a message at the top of the
    # page (the form is no longer shown), and nothing of the send is undone.
    response = staff_client.post(
        url, {"summary": "Ändrat i efterhand.", f"goal_{goal.pk}": "Ändrat."}, follow=True
    )
    assert "Sammanställningen är redan skickad till nämnden." in response.content.decode()
    side_a.annual.refresh_from_db()
    assert side_a.annual.status == "sent"
    assert side_a.annual.summary == "Året i korthet."
    assert side_a.annual.assessments == {str(goal.pk): "Målet är nått."}
    response = staff_client.post(send, follow=True)
    assert "Det går inte att gå från ”Skickad till nämnden”" in response.content.decode()


def test_unknown_export_format_is_404(side_a, staff_client):
    response = staff_client.get(reverse("reporting:annual_export", args=[side_a.annual.pk, "pdf"]))
    assert response.status_code == 404


def test_a_copy_read_before_the_send_neither_edits_nor_unsends_the_compilation(side_a, staff):
    """The service decides on the locked row, not on the copy it was given."""
    stale = AnnualCompilation.objects.get(pk=side_a.annual.pk)
    annual_send(side_a.annual, actor=staff)
    with pytest.raises(ValidationError):
        annual_update(stale, summary="Sent i efterhand.", assessments={}, actor=staff)
    side_a.annual.refresh_from_db()
    assert side_a.annual.status == "sent" and side_a.annual.summary != "Sent i efterhand."
