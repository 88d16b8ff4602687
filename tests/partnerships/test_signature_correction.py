"""A recorded signature corrected ("Rätta") or removed, with a reason: linked where signatures are
listed, the document, party and date never changed by a correction, and no removal of a
signature that an amendment in force or a signed partnership rests on."""

import re
from datetime import date
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from iop.concurrency import current_version
from partnerships.models import Amendment, Partnership, Signature
from partnerships.services.amendments import amendment_create, amendment_submit, signature_create
from partnerships.states import transition
from partnerships.tabs import section_url
from tests.factories import (
    AnnexFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NEW_PDF = b"%PDF-1.7\n% the corrected scan\n%%EOF\n"
CANCEL = re.compile(r'<a href="([^"]*)">Avbryt</a>')
FIXED = "Handling, part och datum kan inte ändras"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _sign(partnership, party, staff, **fields):
    fields.setdefault("document", Signature.Document.AGREEMENT)
    return signature_create(
        partnership=partnership,
        participation=party,
        signatory_name="Anna Andersson",
        signatory_title="Ordförande",
        place="Stockholm",
        signed_on=date(2024, 1, 10),
        actor=staff,
        reason="Undertecknat original",
        **fields,
    )


def _party(partnership, name):
    return partnership.participations.get(organisation__name=name)


def _correct_url(signature):
    return reverse("partnerships:signature_correct", args=[signature.pk])


def _delete_url(signature):
    return reverse("partnerships:signature_delete", args=[signature.pk])


def _correction(signature, **fields):
    return {
        "signatory_name": "Anna Andersson-Berg",
        "signatory_title": "Ordförande",
        "place": "Solna",
        "version": current_version(signature),
        "reason": "Namnet var felstavat",
        **fields,
    }


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _awaiting_amendment(partnership, staff):
    amendment = amendment_create(
        partnership=partnership,
        title="Ny titel",
        target=Amendment.Target.PARTNERSHIP,
        changes={"title": "Partnerskap med A, andra året"},
        actor=staff,
        reason="Utkast",
    )
    return amendment_submit(amendment, actor=staff, reason="Skickad för underskrift")


def test_the_signatory_is_corrected_but_never_the_party_or_the_date(
    staff_client, staff, partnership_a, city
):
    signature = _sign(partnership_a, _party(partnership_a, "Förening A"), staff)
    tab = section_url(partnership_a.pk, "underskrifter").replace("#underskrifter", "")
    listed = _page(staff_client, tab)
    assert f'href="{_correct_url(signature)}"' in listed
    assert f'href="{_delete_url(signature)}"' in listed

    form = _page(staff_client, _correct_url(signature))
    assert FIXED in form and "ta bort underskriften och registrera den igen" in form
    facts = re.search(r'data-testid="signature-facts">(.*?)</dl>', form, re.S).group(1)
    assert "Överenskommelsen" in facts and "Förening A" in facts and "2024-01-10" in facts
    for fixed in ("document", "participation", "signed_on", "annex", "amendment"):
        assert f'name="{fixed}"' not in form
    assert unescape(CANCEL.search(form).group(1)) == section_url(partnership_a.pk, "underskrifter")

    # Fields the page does not offer, sent anyway, change nothing.
    posted = _correction(signature, participation=_party(partnership_a, city.name).pk)
    posted["signed_on"] = "2023-05-05"
    posted["document"] = "annex"
    response = staff_client.post(_correct_url(signature), posted, follow=True)
    assert response.redirect_chain[-1][0] == section_url(partnership_a.pk, "underskrifter")
    page = response.content.decode()
    assert "Rättelsen är sparad." in page and "Anna Andersson-Berg" in page and "Solna" in page

    signature.refresh_from_db()
    assert (signature.signatory_name, signature.place) == ("Anna Andersson-Berg", "Solna")
    assert signature.participation.organisation.name == "Förening A"
    assert (signature.document, signature.signed_on) == ("agreement", date(2024, 1, 10))
    latest = signature.history.first()
    assert (latest.history_change_reason, latest.history_user) == ("Namnet var felstavat", staff)
    history = _page(staff_client, reverse("partnerships:history", args=[partnership_a.pk]))
    assert "Namnet var felstavat" in history


def test_the_scan_is_replaced_or_removed(staff_client, staff, partnership_a):
    scan = SimpleUploadedFile("avtal.pdf", PDF_BYTES, "application/pdf")
    signature = _sign(partnership_a, _party(partnership_a, "Förening A"), staff, scan=scan)
    download = reverse("partnerships:signature_scan", args=[signature.pk])
    form = _page(staff_client, _correct_url(signature))
    # The stored scan is linked through the view that checks who may see it.
    assert f'<a href="{download}">underskrift-{signature.pk}.pdf</a>' in form
    assert "/media/" not in form

    replaced = SimpleUploadedFile("rätt sida.pdf", NEW_PDF, "application/pdf")
    staff_client.post(_correct_url(signature), _correction(signature, scan=replaced))
    assert b"".join(staff_client.get(download).streaming_content) == NEW_PDF

    signature.refresh_from_db()
    response = staff_client.post(
        _correct_url(signature), _correction(signature, **{"scan-clear": "on"})
    )
    assert response.status_code == 302
    signature.refresh_from_db()
    assert not signature.scan
    assert staff_client.get(download).status_code == 404


def test_a_refused_correction_keeps_what_was_typed(staff_client, staff, partnership_a):
    signature = _sign(partnership_a, _party(partnership_a, "Förening A"), staff)
    not_a_pdf = SimpleUploadedFile("avtal.pdf", b"<html>nej</html>", "application/pdf")
    response = staff_client.post(
        _correct_url(signature),
        _correction(signature, signatory_name="", signatory_title="Kassör", scan=not_a_pdf),
    )
    assert response.status_code == 200
    page = response.content.decode()
    # An empty name is allowed (the document may not give it); the scan is what is refused.
    assert "Filens innehåll är inte av en tillåten typ" in page
    assert 'value="Kassör"' in page and 'value="Namnet var felstavat"' in page
    signature.refresh_from_db()
    assert (signature.signatory_name, signature.signatory_title) == ("Anna Andersson", "Ordförande")


def test_two_people_correcting_the_same_signature(client, staff, partnership_a):
    signature = _sign(partnership_a, _party(partnership_a, "Förening A"), staff)
    opened = current_version(signature)
    client.force_login(staff)
    first = client.post(_correct_url(signature), _correction(signature, place="Solna"))
    assert first.status_code == 302
    second = client.post(
        _correct_url(signature), _correction(signature, place="Sundbyberg", version=opened)
    )
    assert second.status_code == 200
    page = second.content.decode()
    assert "Någon annan har ändrat det här medan du hade formuläret öppet." in page
    assert 'value="Sundbyberg"' in page
    signature.refresh_from_db()
    assert signature.place == "Solna"


def test_an_amendment_signature_removed_is_missing_again(staff_client, staff, partnership_a):
    amendment = _awaiting_amendment(partnership_a, staff)
    city_party = partnership_a.participations.exclude(organisation__name="Förening A").get()
    signature = _sign(partnership_a, city_party, staff, document="amendment", amendment=amendment)
    page = _page(staff_client, amendment.get_absolute_url())
    assert f'href="{_delete_url(signature)}"' in page
    assert f'href="{_correct_url(signature)}"' in page
    missing = re.search(r'data-testid="missing-signatures">(.*?)</p>', page, re.S).group(1)
    assert city_party.organisation.name not in missing

    confirm = _page(staff_client, _delete_url(signature))
    assert "träder i kraft först när alla parter har undertecknat" in confirm
    assert unescape(CANCEL.search(confirm).group(1)) == amendment.get_absolute_url()

    response = staff_client.post(
        _delete_url(signature), {"reason": "Registrerad på fel ändring"}, follow=True
    )
    assert response.redirect_chain[-1][0] == amendment.get_absolute_url()
    page = response.content.decode()
    assert "Underskriften är borttagen." in page
    missing = re.search(r'data-testid="missing-signatures">(.*?)</p>', page, re.S).group(1)
    assert city_party.organisation.name in missing
    assert not Signature.objects.filter(pk=signature.pk).exists()
    deletion = Signature.history.get(id=signature.pk, history_type="-")
    assert deletion.history_change_reason == "Registrerad på fel ändring"
    assert deletion.history_user == staff


def test_a_signature_of_an_amendment_in_force_stays(staff_client, staff, partnership_a):
    amendment = _awaiting_amendment(partnership_a, staff)
    signatures = [
        _sign(partnership_a, party, staff, document="amendment", amendment=amendment)
        for party in partnership_a.participations.all()
    ]
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.IN_FORCE
    signature = signatures[0]

    confirm = _page(staff_client, _delete_url(signature))
    refusal = "Underskriften kan inte tas bort: Ändring 1: Ny titel trädde i kraft"
    assert refusal in confirm
    assert 'name="reason"' not in confirm  # nothing to fill in that would be refused

    response = staff_client.post(_delete_url(signature), {"reason": "Försök"})
    assert response.status_code == 200 and refusal in response.content.decode()
    assert Signature.objects.filter(pk=signature.pk).exists()

    # How it was written down can still be corrected.
    response = staff_client.post(_correct_url(signature), _correction(signature))
    assert response["Location"] == amendment.get_absolute_url()
    signature.refresh_from_db()
    assert signature.signatory_name == "Anna Andersson-Berg"


def test_agreement_signatures_a_signed_partnership_rests_on_stay(staff_client, staff, city):
    partnership = PartnershipFactory(status=Partnership.Status.DECIDED)
    ParticipationFactory(partnership=partnership, organisation=city)
    ngo = ParticipationFactory(partnership=partnership)
    city_signature = _sign(partnership, _party(partnership, city.name), staff)
    wrong = _sign(partnership, ngo, staff)
    tab = section_url(partnership.pk, "underskrifter")
    register_again = f"?part={ngo.pk}"

    # Before the partnership is marked as signed a wrong signature can go.
    response = staff_client.post(_delete_url(wrong), {"reason": "Fel datum"})
    assert response.status_code == 302 and response["Location"] == tab
    assert register_again in _page(staff_client, tab.split("#")[0])
    _sign(partnership, ngo, staff)
    transition(partnership, Partnership.Status.SIGNED, actor=staff, reason="Alla har skrivit")

    confirm = _page(staff_client, _delete_url(city_signature))
    assert (
        "Underskriften kan inte tas bort: partnerskapet markerades som undertecknat med den och "
        "har nu status undertecknad." in confirm
    )
    response = staff_client.post(_delete_url(city_signature), {"reason": "Försök"})
    assert response.status_code == 200
    assert Signature.objects.filter(pk=city_signature.pk).exists()

    # A party that joined afterwards decided nothing with its signature.
    late = ParticipationFactory(partnership=partnership, organisation=OrganisationFactory())
    late_signature = _sign(partnership, late, staff)
    response = staff_client.post(_delete_url(late_signature), {"reason": "Fel part"})
    assert response.status_code == 302
    assert not Signature.objects.filter(pk=late_signature.pk).exists()


def test_an_active_partnership_without_a_recorded_step_keeps_its_signatures(
    staff_client, staff, partnership_a
):
    """Entered before the lifecycle was recorded: nothing says when it was signed, so it is
    taken to rest on every signature of the agreement."""
    signature = _sign(partnership_a, _party(partnership_a, "Förening A"), staff)
    response = staff_client.post(_delete_url(signature), {"reason": "Försök"})
    assert response.status_code == 200
    assert "har nu status aktiv" in response.content.decode()
    assert Signature.objects.filter(pk=signature.pk).exists()


def test_a_bilaga_signature_can_be_removed_from_the_tab(staff_client, staff, partnership_a):
    annex = partnership_a.annexes.get()
    signature = _sign(
        partnership_a, _party(partnership_a, "Förening A"), staff, document="annex", annex=annex
    )
    tab = section_url(partnership_a.pk, "underskrifter")
    listed = _page(staff_client, tab.split("#")[0])
    assert f'href="{_delete_url(signature)}"' in listed
    confirm = _page(staff_client, _delete_url(signature))
    assert annex.title in confirm and 'name="reason"' in confirm
    response = staff_client.post(_delete_url(signature), {"reason": "Fel bilaga"})
    assert response["Location"] == tab
    assert not Signature.objects.filter(pk=signature.pk).exists()


@pytest.fixture
def signature(partnership_a, staff):
    return _sign(partnership_a, _party(partnership_a, "Förening A"), staff)


@pytest.mark.parametrize("url", [_correct_url, _delete_url])
def test_only_staff_correct_or_remove_signatures(client, rep_a, rep_b, signature, url):
    for user in (rep_a, rep_b):
        client.force_login(user)
        assert client.get(url(signature)).status_code == 403
        response = client.post(url(signature), {**_correction(signature), "reason": "Jag"})
        assert response.status_code == 403
    client.logout()
    response = client.get(url(signature))
    assert response.status_code == 302 and "/logga-in/" in response["Location"]
    signature.refresh_from_db()
    assert signature.signatory_name == "Anna Andersson"


def test_unknown_signature_is_not_found(staff_client):
    assert (
        staff_client.get(reverse("partnerships:signature_correct", args=[999])).status_code == 404
    )
    assert staff_client.get(reverse("partnerships:signature_delete", args=[999])).status_code == 404


def test_amendment_page_query_count_does_not_grow_with_its_signatures(
    staff_client, staff, city, django_assert_num_queries
):
    def partnership_with(parties):
        partnership = PartnershipFactory()
        ParticipationFactory(partnership=partnership, organisation=city)
        for _ in range(parties):
            AnnexFactory(
                partnership=partnership, participation=ParticipationFactory(partnership=partnership)
            )
        amendment = _awaiting_amendment(partnership, staff)
        for party in list(partnership.participations.all())[:-1]:
            _sign(partnership, party, staff, document="amendment", amendment=amendment)
        return amendment

    small, large = partnership_with(1), partnership_with(8)
    staff_client.get(small.get_absolute_url())
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        staff_client.get(small.get_absolute_url())
    with django_assert_num_queries(len(few.captured_queries)):
        page = _page(staff_client, large.get_absolute_url())
    assert page.count("/ta-bort/") == 8


def test_who_signed_in_the_app_is_never_corrected(staff_client, staff, partnership_a):
    """A signature made in IOP after a strong sign-in says who signed: the correction refuses a
    new name and keeps it; the place may still be corrected."""
    signature = _sign(partnership_a, _party(partnership_a, "Förening A"), staff)
    signature.signer = staff
    signature.save()
    refused = staff_client.post(_correct_url(signature), _correction(signature))
    assert "vem som skrev under kan inte rättas" in unescape(refused.content.decode())
    signature.refresh_from_db()
    assert signature.signatory_name == "Anna Andersson"
    staff_client.post(
        _correct_url(signature),
        _correction(signature, signatory_name="Anna Andersson", place="Solna"),
    )
    signature.refresh_from_db()
    assert (signature.signatory_name, signature.place) == ("Anna Andersson", "Solna")
