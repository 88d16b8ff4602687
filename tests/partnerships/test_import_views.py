"""The import pages (issue 18): staff upload an agreement, review it, create the partnership in
one step through the services (history reason "importerad från <filnamn>"); a refused submit
keeps everything and creates nothing; the document is the agreement's original, downloaded
only by those who may see the partnership."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.models import AgreementImport, Organisation, Partnership
from tests.partnerships.import_documents import OWN_AGREEMENT

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(client, text=OWN_AGREEMENT, name="laxhjalp.txt"):
    return client.post(
        reverse("partnerships:import_upload"),
        {"document": SimpleUploadedFile(name, text.encode(), "text/plain")},
    )


def _review_data(client, url):
    """What the review page's form sends as shown: every proposal as proposed."""
    response = client.get(url)
    data = {}
    # Every form of the page: partnerships' proposals, the groups', the reporting's.
    for bound_form in response.context["forms"]:
        for field in bound_form:
            value = field.value()
            if value is not None and value is not False:
                data[field.html_name] = value
    return data


def test_staff_upload_review_and_create_the_partnership(staff_client, staff):
    response = _upload(staff_client)
    agreement_import = AgreementImport.objects.get()
    review = reverse("partnerships:import_review", args=[agreement_import.pk])
    assert response.status_code == 302 and response["Location"] == review
    page = staff_client.get(review).content.decode()
    assert "Ur dokumentet: ”Överenskommelsen gäller från och med 2025-01-01" in page
    assert "Läxhjälp och föräldrastöd i Järva" in page
    assert not Partnership.objects.exists()  # nothing is saved before the step that creates

    response = staff_client.post(review, _review_data(staff_client, review))
    partnership = Partnership.objects.get()
    # It started in the past: registered as it stands next.
    assert response["Location"] == reverse("partnerships:catch_up", args=[partnership.pk])
    assert partnership.title == "Läxhjälp och föräldrastöd i Järva"
    assert partnership.registration_number == "3.1.2-123/2025"
    assert [g.text for g in partnership.goals.all()][0].startswith("Att fler elever")
    assert sorted(p.organisation.name for p in partnership.participations.all()) == [
        "Föreningen Läxhjälpen",
        "Järva Föräldranätverk",
        "Stockholms stad, socialförvaltningen",
    ]
    assert partnership.clauses.filter(number="8", heading="Uppsägning").exists()
    reasons = {h.history_change_reason for h in partnership.history.all()}
    assert reasons == {"importerad från laxhjalp.txt"}
    organisation = Organisation.objects.get(org_number="802400-1235")
    assert organisation.history.get().history_change_reason == "importerad från laxhjalp.txt"
    agreement_import.refresh_from_db()
    assert agreement_import.partnership == partnership
    # The same document cannot make a second partnership.
    assert "redan skapat" in staff_client.get(review).content.decode()


def test_a_refused_review_keeps_what_was_typed_and_creates_nothing(staff_client):
    _upload(staff_client)
    review = reverse("partnerships:import_review", args=[AgreementImport.objects.get().pk])
    data = _review_data(staff_client, review)
    data["p-title"] = ""
    data["party-1-org_number"] = "802400-1236"  # a wrong check digit
    data["goal-0-text"] = "Ett mål skrivet om i granskningen"
    response = staff_client.post(review, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Partnerskapet är inte skapat" in page
    assert "fel kontrollsiffra" in page
    assert "Ett mål skrivet om i granskningen" in page
    assert not Partnership.objects.exists()
    assert not Organisation.objects.filter(name="Föreningen Läxhjälpen").exists()


def test_a_party_left_out_is_not_created(staff_client):
    _upload(staff_client)
    review = reverse("partnerships:import_review", args=[AgreementImport.objects.get().pk])
    data = _review_data(staff_client, review)
    data.pop("party-2-accept")
    staff_client.post(review, data)
    partnership = Partnership.objects.get()
    assert partnership.participations.count() == 2
    assert not Organisation.objects.filter(org_number="802511-2346").exists()


def test_a_bad_document_is_refused_in_swedish_and_nothing_stored(staff_client):
    response = staff_client.post(
        reverse("partnerships:import_upload"),
        {"document": SimpleUploadedFile("avtal.docm", b"PK\x03\x04xx")},
    )
    assert response.status_code == 200
    assert "makron" in response.content.decode()
    assert not AgreementImport.objects.exists()


def test_the_original_is_downloaded_only_by_those_who_see_the_partnership(
    staff, staff_client, client, rep_a, rep_b, partnership_a
):
    agreement_import = AgreementImport.objects.create(
        file=SimpleUploadedFile("avtal.txt", b"Avtalets text"),
        filename="avtal.txt",
        uploaded_by=staff,
        text="Avtalets text",
        partnership=partnership_a,
    )
    url = reverse("partnerships:import_original", args=[agreement_import.pk])
    response = staff_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Avtalets text"
    client.force_login(rep_a)
    assert client.get(url).status_code == 200
    client.force_login(rep_b)
    assert client.get(url).status_code == 404
    assert client.get(reverse("partnerships:import_upload")).status_code == 403
