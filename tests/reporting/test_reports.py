"""Activity reports: state flow, versions, lock, validation, drafts that survive."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from iop.concurrency import current_version
from reporting.models import ActivityReport, Status
from reporting.services.periods import period_add_extra
from reporting.services.reports import (
    report_accept,
    report_return,
    report_save_draft,
    report_start,
    report_submit,
)
from tests.reporting.conftest import valid_raw


@pytest.fixture
def a(side_a):
    return side_a


def test_flow_submit_return_resubmit_accept_keeps_every_version(a, staff):
    report = a.report
    report_submit(report, raw=valid_raw(a.template, total=12), actor=a.user)
    report_return(report, comment="Åldersfördelningen saknas.", actor=staff)
    assert report.status == Status.RETURNED
    report_submit(report, raw=valid_raw(a.template, total=14, women=7, men=6), actor=a.user)
    report_accept(report, actor=staff)
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED
    versions = list(report.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert [v.figures["total"] for v in versions] == [12, 14]
    assert versions[0].submitted_by == a.user
    # The history records who returned it and why.
    assert report.history.filter(history_change_reason="Åldersfördelningen saknas.").exists()


def test_accepted_report_is_locked(a, staff, client_a):
    report_submit(a.report, raw=valid_raw(a.template), actor=a.user)
    report_accept(a.report, actor=staff)
    with pytest.raises(ValidationError):
        report_save_draft(a.report, raw={"total": "1"}, actor=a.user)
    with pytest.raises(ValidationError):
        report_return(a.report, comment="Igen", actor=staff)
    response = client_a.post(
        reverse("reporting:report_edit", args=[a.report.pk]), {"total": "999", "submit": "1"}
    )
    # Nothing is saved; what was typed stays on the page with the reason.
    assert response.status_code == 409
    assert "Rapporten är godkänd och kan inte ändras." in response.content.decode()
    assert 'value="999"' in response.content.decode()
    a.report.refresh_from_db()
    assert a.report.figures["total"] == 12


def test_illegal_transition_has_swedish_message(a, staff):
    with pytest.raises(ValidationError) as info:
        report_accept(a.report, actor=staff)
    assert "Det går inte att gå från ”Utkast” till ”Godkänd”" in info.value.messages[0]


def test_return_needs_a_comment(a, staff):
    report_submit(a.report, raw=valid_raw(a.template), actor=a.user)
    with pytest.raises(ValidationError) as info:
        report_return(a.report, comment=" ", actor=staff)
    assert "comment" in info.value.message_dict


def test_validation_messages_next_to_their_fields(a, client_a):
    raw = valid_raw(a.template)
    raw.update(
        total="10",
        gender_women="4",
        gender_men="4",
        gender_other="1",  # 9, not 10
        age_0="-2",
        custom_0="2,5",
        country="Sverige 4",
        submit="1",
        version=current_version(a.report),
    )
    raw["q1"] = ""
    response = client_a.post(reverse("reporting:report_edit", args=[a.report.pk]), raw)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["gender_other"] == [
        "Summan per kön (9) ska vara lika med totalt antal (10)."
    ]
    assert form.errors["age_0"] == ["Antalet kan inte vara negativt."]
    assert form.errors["custom_0"] == ["Ange ett heltal, till exempel 12."]
    assert "Land: antal" in form.errors["country"][0]
    assert form.errors["q1"] == ["Svara på frågan."]
    html = response.content.decode()
    # The message is rendered right after its own input (and, as a link to it, in the error
    # summary at the top).
    assert 'aria-describedby="id_gender_other_error"' in html
    error_at = html.index('id="id_gender_other_error"')
    assert (
        html.index('id="id_gender_other"') < error_at < html.index("Summan per kön (9)", error_at)
    )
    summary = html[html.index('class="error-summary"') : html.index("<h1")]
    assert '<a href="#id_gender_other">' in summary and "Summan per kön (9)" in summary
    a.report.refresh_from_db()
    assert a.report.status == Status.DRAFT
    assert a.report.versions.count() == 0


def test_draft_survives_a_failed_submit(a, client_a):
    raw = valid_raw(a.template)
    raw.update(total="abc", submit="1", version=current_version(a.report))
    raw["q1"] = "Vi har haft öppet tre dagar i veckan."
    response = client_a.post(reverse("reporting:report_edit", args=[a.report.pk]), raw)
    assert "Allt du skrivit är sparat som utkast." in response.content.decode()
    # Coming back later (a new page load): everything typed is still there.
    response = client_a.get(reverse("reporting:report_edit", args=[a.report.pk]))
    html = response.content.decode()
    assert 'value="abc"' in html
    assert "Vi har haft öppet tre dagar i veckan." in html


def test_save_draft_then_submit_through_the_page(a, client_a):
    url = reverse("reporting:report_edit", args=[a.report.pk])
    raw = valid_raw(a.template)
    version = current_version(a.report)
    response = client_a.post(url, {**raw, "total": "", "draft": "1", "version": version})
    assert response.status_code == 302
    a.report.refresh_from_db()
    assert a.report.draft["q1"] == raw["q1"]
    assert "version" not in a.report.draft
    version = current_version(a.report)
    response = client_a.post(url, {**raw, "submit": "1", "version": version}, follow=True)
    assert "Rapporten är inskickad" in response.content.decode()
    a.report.refresh_from_db()
    assert a.report.status == Status.SUBMITTED
    assert a.report.figures["gender"] == {"women": 5, "men": 6, "other": 1}
    assert a.report.draft == {}


def test_staff_return_and_accept_through_the_page(a, staff_client):
    report_submit(a.report, raw=valid_raw(a.template), actor=a.user)
    url = reverse("reporting:report_review", args=[a.report.pk])
    response = staff_client.post(url, {"decision": "return", "comment": ""})
    assert response.status_code == 400
    assert "Skriv vad som behöver kompletteras." in response.content.decode()
    staff_client.post(url, {"decision": "return", "comment": "Komplettera åldrar."})
    a.report.refresh_from_db()
    assert a.report.status == Status.RETURNED


def test_report_keeps_its_template_version(a):
    from tests.reporting.conftest import make_template

    newer = make_template(a.partnership, age_bands=["0–5", "6–99"])
    a.report.refresh_from_db()
    assert a.report.template.version == 1
    assert newer.version == 2
    assert a.report.template.age_bands == ["0–17", "18–64", "65+"]


def test_no_personal_data_fields():
    names = {field.name for field in ActivityReport._meta.get_fields()}
    assert not names & {"name", "personnummer", "personal_number", "participants"}


def _extra_reports(a, count):
    for index in range(count):
        period = period_add_extra(
            partnership=a.partnership,
            start=a.period.start,
            end=a.period.end,
            due_date=a.period.due_date,
            actor=a.user,
            reason=f"Extra {index}",
        )
        report_start(period=period, organisation=a.organisation, actor=a.user)


def test_report_list_query_count(django_assert_num_queries, client_a, a):
    """Session, user, the partnerships for the filter, the page's reports (one row more than the
    page, instead of a count of every report the user may see) and the representative's
    organisation for the menu."""
    url = reverse("reporting:report_list")
    client_a.get(url)
    with django_assert_num_queries(5):
        client_a.get(url)
    _extra_reports(a, 30)
    with django_assert_num_queries(5):
        response = client_a.get(url)
    assert len(response.context["page"].object_list) == 25


def test_report_list_pages_without_counting(staff_client, a):
    """A page links to the next one only when there is one; no "page 1 of N"."""
    _extra_reports(a, 26)  # 27 reports with A's first one
    url = reverse("reporting:report_list")
    first = staff_client.get(url)
    html = first.content.decode()
    assert len(first.context["page"].object_list) == 25
    assert "Sida 1" in html and "Sida 1 av" not in html
    assert 'rel="next"' in html and 'rel="prev"' not in html
    second = staff_client.get(url, {"sida": 2})
    html = second.content.decode()
    assert len(second.context["page"].object_list) == 2
    assert 'rel="next"' not in html and 'rel="prev"' in html
    seen = [r.pk for r in first.context["page"].object_list + second.context["page"].object_list]
    assert sorted(seen) == sorted(ActivityReport.objects.values_list("pk", flat=True))
    assert staff_client.get(url, {"sida": "x"}).context["page"].number == 1
    # Far past the end: an empty page, and a number too large for an SQL offset is the first page.
    assert staff_client.get(url, {"sida": 1000}).context["page"].object_list == []
    huge = staff_client.get(url, {"sida": "99999999999999999999"})
    assert huge.status_code == 200 and huge.context["page"].number == 1


def test_report_list_newest_period_first_and_filtered_by_status(staff_client, a, staff):
    later = a.periods[1]
    report = report_start(period=later, organisation=a.organisation, actor=a.user)
    report_submit(report, raw=valid_raw(a.template), actor=a.user)
    url = reverse("reporting:report_list")
    listed = staff_client.get(url).context["page"].object_list
    assert [r.pk for r in listed] == [report.pk, a.report.pk]
    submitted = staff_client.get(url, {"status": "submitted"})
    assert [r.pk for r in submitted.context["page"].object_list] == [report.pk]
    assert 'value="submitted" selected' in submitted.content.decode()
    html = staff_client.get(url).content.decode()
    assert a.organisation.name in html and a.partnership.title in html
    assert f"{later.start:%Y-%m-%d} – {later.end:%Y-%m-%d}" in html


def test_report_list_filtered_by_partnership_and_organisation_keeps_valid_filters(
    staff_client, a, side_b
):
    """Staff narrow 30,000 reports to one partnership or one organisation; a refused value is
    named next to its field while the other filters still apply."""
    partnership_b, org_b, report_b = side_b.partnership, side_b.organisation, side_b.report
    url = reverse("reporting:report_list")

    def listed(**params):
        response = staff_client.get(url, params)
        assert response.status_code == 200
        return response, [r.pk for r in response.context["page"].object_list]

    _response, everything = listed()
    assert {a.report.pk, report_b.pk} <= set(everything)
    response, only_b = listed(partnership=partnership_b.pk)
    assert only_b == [report_b.pk]
    assert f'value="{partnership_b.pk}" selected' in response.content.decode()
    _response, by_name = listed(q=org_b.name[-3:].lower())
    assert by_name == [report_b.pk]
    response, kept = listed(partnership=partnership_b.pk, status="nonsense")
    assert kept == [report_b.pk]
    html = response.content.decode()
    assert "Välj ett giltigt alternativ" in html and 'aria-invalid="true"' in html
    # A partnership the user may not see is no choice: refused, the rest of the list shown.
    response, refused = listed(partnership=999999)
    assert set(refused) == set(everything)
    assert "Välj ett giltigt alternativ" in response.content.decode()


def test_periods_from_given_dates_through_the_page(partnership_a, staff_client):
    url = reverse("reporting:periods_generate", args=[partnership_a.pk])
    response = staff_client.post(
        url, {"rule": "given", "due_days": "20", "dates": "2024-01-01 2024-13-01", "reason": "x"}
    )
    assert response.context["form"].errors["dates"] == [
        "Rad 1: skriv två datum, t.ex. 2024-01-01 2024-03-31."
    ]
    staff_client.post(
        url,
        {
            "rule": "given",
            "due_days": "20",
            "dates": "2024-01-01 2024-03-31\n2024-04-01 – 2024-09-30",
            "reason": "Styrgruppens beslut",
        },
    )
    periods = list(partnership_a.reporting_periods.order_by("start"))
    assert [(str(p.start), str(p.due_date)) for p in periods] == [
        ("2024-01-01", "2024-04-20"),
        ("2024-04-01", "2024-10-20"),
    ]


def test_staff_moves_a_due_date_and_adds_an_extra_report_with_reasons(side_a, staff_client):
    url = reverse("reporting:period_move", args=[side_a.period.pk])
    response = staff_client.post(url, {"due_date": "2024-09-15"})
    assert response.context["form"].errors["reason"]
    staff_client.post(url, {"due_date": "2024-09-15", "reason": "Semester i juli"})
    side_a.period.refresh_from_db()
    assert str(side_a.period.due_date) == "2024-09-15"
    assert side_a.period.history.first().history_change_reason == "Semester i juli"
    staff_client.post(
        reverse("reporting:period_extra", args=[side_a.partnership.pk]),
        {
            "start": "2024-03-01",
            "end": "2024-03-31",
            "due_date": "2024-04-15",
            "reason": "Uppföljning efter klagomål",
        },
    )
    extra = side_a.partnership.reporting_periods.get(kind="extra")
    assert extra.reason == "Uppföljning efter klagomål"


# --- A party that has left ---------------------------------------------------------------


def _leave(side, day):
    from partnerships.models import Participation

    participation = Participation.objects.get(
        partnership=side.partnership, organisation=side.organisation
    )
    participation.left_on = day
    participation.leave_reason = Participation.LeaveReason.NOTICE
    participation.save()


def test_former_party_keeps_its_reports_but_cannot_start_one_after_it_left(a, client_a):
    from datetime import date

    first, later = a.periods[0], a.periods[1]  # 2024 H1 and H2
    _leave(a, date(2024, 6, 30))

    response = client_a.post(reverse("reporting:report_start", args=[later.pk]), follow=True)
    assert "lämnade partnerskapet" in response.content.decode()
    assert not ActivityReport.objects.filter(period=later, organisation=a.organisation).exists()
    # Its report for the period it was a party in is still there to finish.
    assert client_a.get(reverse("reporting:report_detail", args=[a.report.pk])).status_code == 200
    kept = client_a.post(reverse("reporting:report_start", args=[first.pk]))
    assert kept.url == reverse("reporting:report_edit", args=[a.report.pk])

    html = client_a.get(reverse("portal:home")).content.decode()
    assert f"{a.partnership.title} {first.start:%Y-%m-%d}" in html  # "Fortsätt skriva"
    assert f"{a.partnership.title} {later.start:%Y-%m-%d}" not in html  # no "Skriv rapport"


def test_party_that_leaves_during_a_period_reports_for_it(a, client_a):
    from datetime import date

    later = a.periods[1]
    _leave(a, date(2024, 8, 15))
    response = client_a.post(reverse("reporting:report_start", args=[later.pk]))
    report = ActivityReport.objects.get(period=later, organisation=a.organisation)
    assert response.url == reverse("reporting:report_edit", args=[report.pk])


def test_former_party_cannot_register_feedback_for_a_period_after_it_left(a, client_a):
    from datetime import date

    from reporting.models import FeedbackEntry
    from reporting.services.feedback import feedback_create

    first, later = a.periods[0], a.periods[1]
    _leave(a, date(2024, 6, 30))
    url = reverse("reporting:feedback_create")
    choices = client_a.get(url).context["form"].fields["period"].queryset
    assert first in choices and later not in choices
    response = client_a.post(
        url, {"period": later.pk, "category": "complaint", "count": 1, "handling": "x"}
    )
    assert response.status_code == 200  # the form again, with an error on the period
    assert "period" in response.context["form"].errors
    with pytest.raises(ValidationError, match="lämnade partnerskapet"):
        feedback_create(
            period=later,
            organisation=a.organisation,
            category="complaint",
            count=1,
            actor=a.user,
        )
    assert not FeedbackEntry.objects.filter(period=later).exists()
