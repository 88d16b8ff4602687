"""Signing the agreement and an amendment in the app, the seal, and verifying it."""

import hashlib

import pytest
from django.urls import reverse

from partnerships import sealing
from partnerships.models import Amendment, Partnership, Signature, SignedDocument
from partnerships.services.amendments import amendment_create, amendment_submit
from tests.esign_support import LoopbackTSA, sign_in_strongly, use_demo_ca

pytestmark = pytest.mark.django_db


@pytest.fixture
def ca(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return use_demo_ca(settings, tmp_path / "ca")


@pytest.fixture
def decided(partnership_a):
    partnership_a.status = Partnership.Status.DECIDED
    partnership_a.save(update_fields=["status"])
    return partnership_a


@pytest.fixture
def staff_title(staff):
    staff.title = "Avdelningschef"
    staff.save()
    return staff


def _sign(client, url, **extra):
    page = client.get(url)
    sha = page.context["document"].sha256
    return client.post(url, {"sha256": sha, "confirm": "on", "place": "Stockholm", **extra})


def _sealed_bytes(document):
    document.refresh_from_db()
    with document.sealed_pdf.open("rb") as handle:
        return handle.read()


def test_without_a_strong_sign_in_the_page_says_how_to_get_one(client, rep_a, decided, ca):
    client.force_login(rep_a)
    url = reverse("partnerships:agreement_sign", args=[decided.pk])
    page = client.get(url)
    assert "stark autentisering" in page.content.decode()
    assert reverse("mfa:verify") in page.content.decode()
    sha = page.context["document"].sha256
    refused = client.post(url, {"sha256": sha, "confirm": "on"})
    assert "Logga in med stark autentisering" in refused.content.decode()
    assert not Signature.objects.filter(partnership=decided).exists()


def test_both_parties_sign_and_the_agreement_is_sealed(
    client, staff_title, rep_a, decided, ca, django_capture_on_commit_callbacks
):
    url = reverse("partnerships:agreement_sign", args=[decided.pk])
    sign_in_strongly(client, staff_title)
    with django_capture_on_commit_callbacks(execute=True):
        assert _sign(client, url).status_code == 302
    document = SignedDocument.objects.get(partnership=decided, amendment=None)
    assert not document.sealed_pdf  # one party left
    sign_in_strongly(client, rep_a, provider="BankID")
    with django_capture_on_commit_callbacks(execute=True):
        assert _sign(client, url).status_code == 302

    with document.pdf.open("rb") as handle:
        shown = hashlib.sha256(handle.read()).hexdigest()
    city, ngo = Signature.objects.filter(signed_document=document).order_by("signed_at")
    assert city.participation.organisation.kind == "public"
    assert (city.signatory_name, city.signatory_title) == ("Hanna Handläggare", "Avdelningschef")
    assert city.identity_provider == "IOP, lösenord och engångskod"
    assert (
        ngo.identity_provider == "BankID" and ngo.participation.organisation == rep_a.organisation
    )
    assert ngo.asserted_at.isoformat() == "2026-12-01T08:30:00+00:00"
    assert city.document_sha256 == ngo.document_sha256 == document.sha256 == shown
    decided.refresh_from_db()
    assert decided.status == Partnership.Status.SIGNED

    sealed = _sealed_bytes(document)
    assert sealed.startswith(
        open(document.pdf.path, "rb").read()
    )  # signed bytes kept, sealed after
    result = sealing.verify_pdf(sealed)
    assert result.ok and result.intact and result.trusted and result.whole_file
    assert "Demokommunen" in result.signer
    # Every later download of the agreement is the sealed file.
    download = client.get(reverse("partnerships:agreement_pdf", args=[decided.pk]))
    assert b"".join(download.streaming_content) == sealed


def test_a_changed_byte_fails_verification(
    client, staff, rep_a, decided, ca, django_capture_on_commit_callbacks
):
    url = reverse("partnerships:agreement_sign", args=[decided.pk])
    for user in (staff, rep_a):
        sign_in_strongly(client, user)
        with django_capture_on_commit_callbacks(execute=True):
            _sign(client, url)
    document = SignedDocument.objects.get(partnership=decided)
    sealed = bytearray(_sealed_bytes(document))
    assert sealing.verify_pdf(bytes(sealed)).ok
    sealed[len(sealed) // 3] ^= 0x01
    changed = sealing.verify_pdf(bytes(sealed))
    assert not changed.ok

    page = client.post(
        reverse("partnerships:verify_upload"),
        {"file": _upload(bytes(sealed))},
    )
    text = page.content.decode()
    assert "Förseglingen är giltig" not in text
    assert "ändrats" in text or "skadad" in text
    page = client.get(reverse("partnerships:esign_verify", args=[document.pk]))
    assert "Förseglingen är giltig" in page.content.decode()


def _upload(data, name="avtal.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_a_representative_signs_for_their_own_organisation_only(client, rep_a, rep_b, decided, ca):
    url = reverse("partnerships:agreement_sign", args=[decided.pk])
    sign_in_strongly(client, rep_b)
    assert client.get(url).status_code == 404  # not B's partnership
    sign_in_strongly(client, rep_a)
    _sign(client, url)
    (signature,) = Signature.objects.filter(partnership=decided)
    assert signature.participation.organisation == rep_a.organisation
    again = _sign(client, url)
    assert "har redan undertecknat" in again.content.decode()


def test_the_pdf_read_must_be_the_one_signed(client, rep_a, decided, ca):
    url = reverse("partnerships:agreement_sign", args=[decided.pk])
    sign_in_strongly(client, rep_a)
    client.get(url)
    refused = client.post(url, {"sha256": "0" * 64, "confirm": "on"})
    assert "inte den som undertecknas" in refused.content.decode()
    assert not Signature.objects.filter(partnership=decided).exists()


def test_an_amendment_signed_by_all_comes_into_force_and_is_sealed_with_a_timestamp(
    client, staff, rep_a, partnership_a, ca, settings, django_capture_on_commit_callbacks
):
    amendment = amendment_create(
        partnership=partnership_a,
        actor=staff,
        reason="test",
        title="Ny rubrik",
        target=Amendment.Target.PARTNERSHIP,
        changes={"title": "Partnerskap med A, nytt namn"},
    )
    amendment_submit(amendment, actor=staff, reason="klar")
    url = reverse("partnerships:amendment_sign", args=[amendment.pk])
    with LoopbackTSA(ca) as tsa_url:
        settings.TSA_URL = tsa_url
        for user in (staff, rep_a):
            sign_in_strongly(client, user)
            with django_capture_on_commit_callbacks(execute=True):
                assert _sign(client, url).status_code == 302
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.IN_FORCE
    partnership_a.refresh_from_db()
    assert partnership_a.title == "Partnerskap med A, nytt namn"
    document = SignedDocument.objects.get(amendment=amendment)
    result = sealing.verify_pdf(_sealed_bytes(document))
    assert result.ok and result.timestamp_at is not None and result.timestamp_ok
    page = client.get(reverse("partnerships:esign_verify", args=[document.pk]))
    assert "(giltig)" in page.content.decode()


def test_sealing_twice_changes_nothing(
    client, staff, rep_a, decided, ca, django_capture_on_commit_callbacks
):
    url = reverse("partnerships:agreement_sign", args=[decided.pk])
    for user in (staff, rep_a):
        sign_in_strongly(client, user)
        with django_capture_on_commit_callbacks(execute=True):
            _sign(client, url)
    document = SignedDocument.objects.get(partnership=decided)
    before = _sealed_bytes(document)
    sealing.seal_signed_document(document.pk)
    assert _sealed_bytes(document) == before


def test_a_file_without_a_signature_is_said_to_have_none(staff_client, ca):
    page = staff_client.post(
        reverse("partnerships:verify_upload"), {"file": _upload(b"%PDF-1.4\n%%EOF\n")}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "ingen elektronisk underskrift" in text or "kan inte läsas" in text


def test_create_demo_seal_writes_a_ca_once(tmp_path):
    from django.core.management import call_command

    call_command("create_demo_seal", directory=str(tmp_path))
    root = (tmp_path / "root-cert.pem").read_bytes()
    call_command("create_demo_seal", directory=str(tmp_path))
    assert (tmp_path / "root-cert.pem").read_bytes() == root
    assert (tmp_path / "seal-key.pem").stat().st_mode & 0o077 == 0


def test_a_text_changed_before_anyone_signed_is_what_is_then_signed(client, rep_a, decided, ca):
    url = reverse("partnerships:agreement_sign", args=[decided.pk])
    sign_in_strongly(client, rep_a)
    first = client.get(url).context["document"].sha256
    decided.purpose = "Ett nytt syfte, skrivet efter att handlingen öppnades."
    decided.save()
    refused = client.post(url, {"sha256": first, "confirm": "on"})
    assert "inte den som undertecknas" in refused.content.decode()
    assert refused.context["document"].sha256 != first
    assert not Signature.objects.filter(partnership=decided).exists()
