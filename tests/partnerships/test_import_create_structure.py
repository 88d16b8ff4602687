"""The one step that creates an imported agreement creates its groups (governance), payment
plans and signatures (partnerships) and reporting periods (reporting) too, each with the
history reason "importerad från <filnamn>"; when any of it is refused, nothing is created."""

from pathlib import Path

import pytest
from django.urls import reverse

from governance.models import Group
from partnerships.models import AgreementImport, Partnership, PaymentPlan, Signature
from reporting.models import ReportingPeriod
from tests.partnerships.test_import_views import _review_data, _upload

pytestmark = pytest.mark.django_db

OWN = (Path(__file__).parent / "fixtures" / "idrott_uppsala.txt").read_text(encoding="utf-8")
REASON = "importerad från idrott.txt"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _review(client):
    _upload(client, OWN, "idrott.txt")
    return reverse("partnerships:import_review", args=[AgreementImport.objects.get().pk])


def test_groups_payment_plan_signatures_and_reporting_are_created_in_the_one_step(staff_client):
    review = _review(staff_client)
    page = staff_client.get(review).content.decode()
    for heading in ("Styrning och samverkan", "Rapportering", "Ekonomi", "Underskrifter"):
        assert f">{heading}</h2>" in page
    assert "Ur dokumentet: ”Styrgruppen är beslutsför" in page

    response = staff_client.post(review, _review_data(staff_client, review))
    partnership = Partnership.objects.get()
    assert response.status_code == 302
    steering = Group.objects.get(partnership=partnership, kind="steering")
    cooperation = Group.objects.get(partnership=partnership, kind="cooperation")
    assert (steering.city_seats_max, steering.ngo_seats_per_party, steering.quorum) == (2, 2, 3)
    assert (steering.chair_selection, steering.chair_term_months) == ("lottery", 12)
    assert steering.tie_rule == "chair_casting_vote"
    assert steering.established_on == partnership.start_date
    assert "ny förening" in steering.notes
    assert cooperation.reports_to == steering
    assert "fyra gånger per år" in cooperation.notes
    plan = PaymentPlan.objects.get(annex__partnership=partnership)
    assert plan.rule == "dates" and plan.month_days()[0] == (1, 25)
    signatures = Signature.objects.filter(partnership=partnership).order_by("signed_on")
    assert [(s.signatory_name, s.place, str(s.signed_on)) for s in signatures] == [
        ("Anna Lindqvist", "Uppsala", "2025-12-15"),
        ("Erik Johansson", "Uppsala", "2025-12-18"),
    ]
    periods = ReportingPeriod.objects.filter(partnership=partnership).order_by("start")
    assert [(p.kind, str(p.start), str(p.end)) for p in periods][:2] == [
        ("half_year", "2026-01-01", "2026-06-30"),
        ("half_year", "2026-07-01", "2026-12-31"),
    ]
    assert (periods[0].due_date - periods[0].end).days == 45
    for model_rows in (
        Group.history.filter(partnership_id=partnership.pk),
        PaymentPlan.history.all(),
        Signature.history.all(),
        ReportingPeriod.history.all(),
    ):
        assert {row.history_change_reason for row in model_rows} == {REASON}


def test_a_refusal_after_the_partnership_is_made_leaves_nothing_half_created(staff_client):
    review = _review(staff_client)
    data = _review_data(staff_client, review)
    # The payment plan kept, but no bilaga to pay under: refused once the partnership, its
    # parties and signatures already stand in the transaction.
    data.pop("annex-0-accept")
    response = staff_client.post(review, data)
    assert response.status_code == 200
    assert "ta med minst en bilaga" in response.content.decode()
    assert not Partnership.objects.exists()
    assert not Group.objects.exists() and not Signature.objects.exists()
    assert not ReportingPeriod.objects.exists()


def test_a_group_without_a_chair_rule_is_refused_with_a_message(staff_client):
    review = _review(staff_client)
    data = _review_data(staff_client, review)
    data["group-1-chair_selection"] = ""
    data["signature-0-signed_on"] = "inte ett datum"
    response = staff_client.post(review, data)
    page = response.content.decode()
    assert "Välj hur ordföranden utses." in page
    assert "Skriv datumet som ÅÅÅÅ-MM-DD." in page
    assert 'value="inte ett datum"' in page  # what was typed is kept
    assert not Partnership.objects.exists()


def _pdf():
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_bilagas_file_is_kept_with_the_agreement_and_downloaded_with_permission(
    staff_client, rep_b
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    client_b = Client()
    client_b.force_login(rep_b)

    review = _review(staff_client)
    agreement_import = AgreementImport.objects.get()
    add = reverse("partnerships:import_attachment_add", args=[agreement_import.pk])
    assert add in staff_client.get(review).content.decode()  # reachable from the review
    refused = staff_client.post(
        add, {"kind": "annex", "document": SimpleUploadedFile("bilaga.exe", b"MZ\x90\x00")}
    )
    assert refused.status_code == 200 and "Filen är inte sparad." in refused.content.decode()
    missing_number = staff_client.post(
        add, {"kind": "annex", "document": SimpleUploadedFile("bilaga.pdf", _pdf())}
    )
    assert "Ange vilken bilaga filen är." in missing_number.content.decode()
    response = staff_client.post(
        add,
        {
            "kind": "annex",
            "annex_number": "1",
            "document": SimpleUploadedFile("bilaga-1.pdf", _pdf()),
        },
    )
    assert response["Location"] == review
    attachment = agreement_import.attachments.get()
    download = reverse("partnerships:import_attachment", args=[attachment.pk])
    assert "Bilaga 1: bilaga-1.pdf" in staff_client.get(review).content.decode()
    assert staff_client.get(download).status_code == 200
    # Not a party's before the partnership is made (nor of a partnership it is not party to).
    assert client_b.get(download).status_code == 404
