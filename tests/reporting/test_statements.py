"""Financial statements and their attachments; feedback and complaints."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting.models import FeedbackEntry, Status
from reporting.services.statements import (
    attachment_add,
    statement_accept,
    statement_return,
    statement_save,
    statement_submit,
)
from tests.reporting.conftest import PDF_BYTES


def _xlsx_bytes():
    """A real (minimal) Office Open XML spreadsheet: the shared check looks inside the zip."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


XLSX_BYTES = _xlsx_bytes()
XLS_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40


def test_budget_against_actuals_through_the_page(side_a, client_a):
    url = reverse("reporting:statement_edit", args=[side_a.statement.pk])
    line = f"line_{side_a.budget_line.pk}"
    response = client_a.post(
        url, {line: "-5", "own_money": "abc", "volunteer_hours": "10", "comment": ""}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[line] == ["Beloppet kan inte vara negativt."]
    assert form.errors["own_money"] == ["Ange ett belopp i kronor, till exempel 12500."]
    response = client_a.post(
        url,
        {line: "380 000", "own_money": "20000", "volunteer_hours": "120,5", "submit": "1"},
        follow=True,
    )
    html = response.content.decode()
    assert "Redovisningen är inskickad." in html
    side_a.statement.refresh_from_db()
    assert side_a.statement.status == Status.SUBMITTED
    assert str(side_a.statement.total_spent) == "380000.00"
    assert "400\xa0000\xa0kr" in html and "380\xa0000\xa0kr" in html


@pytest.mark.parametrize(
    "content,extension,content_type",
    [
        (PDF_BYTES, "pdf", "application/pdf"),
        (XLSX_BYTES, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (XLS_BYTES, "xls", "application/vnd.ms-excel"),
    ],
)
def test_attachment_type_is_read_from_the_content(side_a, content, extension, content_type):
    # The browser's Content-Type is ignored; the type comes from the bytes.
    upload = SimpleUploadedFile(f"../../etc/passwd.{extension}", content, "text/plain")
    attachment = attachment_add(statement=side_a.statement, upload=upload, actor=side_a.user)
    assert attachment.content_type == content_type
    # Server-generated name; the user's name is only a label.
    assert "passwd" not in attachment.file.name
    assert attachment.file.name.startswith("reporting/statements/")
    assert "/" not in attachment.original_name


def test_attachment_disguised_as_pdf_is_refused(side_a, client_a):
    response = client_a.post(
        reverse("reporting:attachment_upload", args=[side_a.statement.pk]),
        {"file": SimpleUploadedFile("faktura.pdf", b"<html><script>", "application/pdf")},
    )
    assert response.status_code == 400
    assert "Filens innehåll är inte av en tillåten typ" in response.content.decode()


@pytest.mark.parametrize(
    "name,content,message",
    [
        # a bare zip is not a spreadsheet (the shared check looks for OOXML inside)
        ("budget.xlsx", b"PK\x03\x04" + b"\x00" * 40, "inte av en tillåten typ"),
        # a PDF named as something else: the name must agree with the content
        ("kvitto.exe", PDF_BYTES, "Filnamnet slutar inte som en PDF-fil"),
        ("tom.pdf", b"", "tom"),
    ],
)
def test_attachment_refused_by_the_shared_checks(side_a, client_a, name, content, message):
    before = side_a.statement.attachments.count()
    response = client_a.post(
        reverse("reporting:attachment_upload", args=[side_a.statement.pk]),
        {"file": SimpleUploadedFile(name, content, "application/pdf")},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert side_a.statement.attachments.count() == before


def test_attachment_service_refuses_without_the_form(side_a):
    """The service is a write path of its own and checks too."""
    with pytest.raises(ValidationError) as info:
        attachment_add(
            statement=side_a.statement,
            upload=SimpleUploadedFile("x.pdf", b"<html>", "application/pdf"),
            actor=side_a.user,
        )
    assert "inte av en tillåten typ" in info.value.message_dict["file"][0]


def test_attachment_size_limit(side_a, settings):
    settings.MAX_UPLOAD_BYTES = 20
    with pytest.raises(ValidationError) as info:
        attachment_add(
            statement=side_a.statement,
            upload=SimpleUploadedFile("stor.pdf", PDF_BYTES, "application/pdf"),
            actor=side_a.user,
        )
    assert "för stor" in info.value.message_dict["file"][0]


def test_attachment_download_is_an_attachment_with_nosniff(side_a, client_a):
    response = client_a.get(reverse("reporting:attachment_download", args=[side_a.attachment.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="kvitton.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_submitted_statement_cannot_be_changed(side_a, staff):
    statement_submit(side_a.statement, actor=side_a.user)
    with pytest.raises(ValidationError):
        statement_save(
            side_a.statement,
            actuals={},
            own_money="0",
            volunteer_hours="0",
            comment="",
            actor=side_a.user,
        )
    statement_return(side_a.statement, comment="Bifoga kvitton.", actor=staff)
    statement_submit(side_a.statement, actor=side_a.user)
    statement_accept(side_a.statement, actor=staff)
    assert side_a.statement.status == Status.ACCEPTED


def test_a_copy_read_before_submission_cannot_save_over_it(side_a):
    # Two people of the organisation: one submits while the other's page, read before, saves.
    from reporting.models import FinancialStatement

    stale = FinancialStatement.objects.get(pk=side_a.statement.pk)
    statement_submit(side_a.statement, actor=side_a.user)
    with pytest.raises(ValidationError):
        statement_save(
            stale,
            actuals={},
            own_money="5",
            volunteer_hours="0",
            comment="Skrivet före inskickningen",
            actor=side_a.user,
        )
    side_a.statement.refresh_from_db()
    assert side_a.statement.status == Status.SUBMITTED
    assert side_a.statement.comment != "Skrivet före inskickningen"


def test_representative_starts_statement_for_an_agreement_year(side_a, client_a):
    from reporting.models import FinancialStatement

    FinancialStatement.objects.all().delete()
    response = client_a.post(
        reverse("reporting:statement_start", args=[side_a.annex.pk]),
        {"year_start": side_a.annex.start_date.isoformat()},
    )
    assert response.status_code == 302
    statement = FinancialStatement.objects.get()
    assert statement.annex == side_a.annex


def test_feedback_is_aggregated_and_private_to_the_organisation(side_a, side_b, client_a):
    response = client_a.post(
        reverse("reporting:feedback_create"),
        {"period": side_a.period.pk, "category": "opinion", "count": "-1", "handling": "x"},
    )
    assert response.context["form"].errors["count"]
    client_a.post(
        reverse("reporting:feedback_create"),
        {"period": side_a.period.pk, "category": "opinion", "count": "3", "handling": "Åtgärdat."},
    )
    assert FeedbackEntry.objects.filter(organisation=side_a.organisation).count() == 2
    # B's period is not offered to A.
    response = client_a.post(
        reverse("reporting:feedback_create"),
        {"period": side_b.period.pk, "category": "opinion", "count": "3", "handling": "x"},
    )
    assert "period" in response.context["form"].errors
    names = {field.name for field in FeedbackEntry._meta.get_fields()}
    assert names >= {"category", "count", "handling"}
    assert not names & {"name", "personnummer", "email"}


def test_staff_reach_feedback_from_reports_and_from_the_partnership(side_a, side_b, staff_client):
    feedback_url = reverse("reporting:feedback_list")
    reports_page = staff_client.get(reverse("reporting:report_list")).content.decode()
    assert f'href="{feedback_url}"' in reports_page

    for_a = f"{feedback_url}?partnership={side_a.partnership.pk}"
    detail = staff_client.get(side_a.partnership.get_absolute_url()).content.decode()
    assert f'href="{for_a}"' in detail
    reporting = staff_client.get(
        reverse("reporting:partnership", args=[side_a.partnership.pk])
    ).content.decode()
    assert f'href="{for_a}"' in reporting

    # Both organisations registered feedback; the partnership's link shows only its own.
    everything = staff_client.get(feedback_url).content.decode()
    assert "Förening A" in everything and "Förening B" in everything
    only_a = staff_client.get(for_a).content.decode()
    assert "Besvarade vid nästa möte." in only_a
    cell = '<td data-label="Organisation">{}</td>'
    assert cell.format("Förening A") in only_a and cell.format("Förening B") not in only_a


def test_feedback_filter_value_that_is_not_a_partnership_is_named_and_ignored(
    side_a, side_b, staff_client
):
    page = staff_client.get(reverse("reporting:feedback_list"), {"partnership": "abc"})
    assert page.status_code == 200
    content = page.content.decode()
    assert "Välj ett giltigt alternativ." in content
    cell = '<td data-label="Organisation">{}</td>'
    assert cell.format("Förening A") in content and cell.format("Förening B") in content


@pytest.mark.parametrize("value", ["NaN", "Infinity", "4.8e+32", "99999999999999999"])
def test_statement_amount_not_a_number_or_too_large_is_refused(side_a, client_a, value):
    """Found by tests/security/test_fuzz.py: these were a 500 (decimal.InvalidOperation)."""
    url = reverse("reporting:statement_edit", args=[side_a.statement.pk])
    response = client_a.post(url, {"own_money": value, "volunteer_hours": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors["own_money"][0] in (
        "Ange ett belopp i kronor, till exempel 12500.",
        "Beloppet är för stort.",
    )


def test_organisation_corrects_its_feedback_until_the_half_year_report_is_sent(
    side_a, side_b, client_a, staff
):
    """A wrong count is corrected (with a reason, in the history) or removed by the
    organisation that registered it, not by another one, and no longer once the half-year
    report has been sent with it."""
    from django.test import Client

    from reporting.services.compilations import halfyear_send

    entry = side_a.feedback
    edit = reverse("reporting:feedback_edit", args=[entry.pk])
    listing = client_a.get(reverse("reporting:feedback_list")).content.decode()
    assert edit in listing
    typed = {"category": "complaint", "count": "5", "handling": "Besvarade skriftligt."}
    form = client_a.get(edit).context["form"]
    version = form["version"].value()
    response = client_a.post(edit, {**typed, "version": version})  # no reason
    assert response.status_code == 200
    assert "count" not in response.context["form"].errors
    assert 'value="5"' in response.content.decode()
    entry.refresh_from_db()
    assert entry.count == 2
    response = client_a.post(edit, {**typed, "version": version, "reason": "Två missades"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.count, entry.handling) == (5, "Besvarade skriftligt.")
    latest = entry.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (side_a.user, "Två missades")

    other = Client()
    other.force_login(side_b.user)
    assert other.get(edit).status_code == 404
    staff_client = Client()
    staff_client.force_login(staff)
    assert staff_client.get(edit).status_code == 403

    halfyear_send(side_a.halfyear, actor=staff)
    version = client_a.get(edit).context["form"]["version"].value()
    response = client_a.post(edit, {**typed, "count": "6", "version": version, "reason": "Ännu en"})
    assert "Halvårsrapporten för perioden är redan skickad" in response.content.decode()
    entry.refresh_from_db()
    assert entry.count == 5
    delete = reverse("reporting:feedback_delete", args=[entry.pk])
    response = client_a.post(delete, {"reason": "Fel period"})
    assert response.status_code == 200 and FeedbackEntry.objects.filter(pk=entry.pk).exists()


def test_organisation_removes_a_feedback_entry_with_a_reason(side_a, client_a):
    entry = side_a.feedback
    delete = reverse("reporting:feedback_delete", args=[entry.pk])
    assert client_a.post(delete, {"reason": ""}).status_code == 200
    assert FeedbackEntry.objects.filter(pk=entry.pk).exists()
    response = client_a.post(delete, {"reason": "Registrerad två gånger"})
    assert response.status_code == 302
    assert not FeedbackEntry.objects.filter(pk=entry.pk).exists()
    gone = FeedbackEntry.history.filter(id=entry.pk).latest()
    assert gone.history_type == "-" and gone.history_change_reason == "Registrerad två gånger"
