"""No lost update on the register's edit forms: two people open the same object, both save; the
second save is refused with what changed and who saved it, nothing of the first is overwritten,
and what the second person typed stays in the form."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from partnerships.models import Amendment, Annex, Commitment, Participation, Partnership
from partnerships.services.amendments import amendment_create
from tests.factories import CommitmentFactory, UserFactory, before_signing

REFUSED = "Någon annan har ändrat det här medan du hade formuläret öppet."


@pytest.fixture
def two(staff):
    """Hanna (staff) and Olle (staff), each in their own browser session."""
    olle = UserFactory(username="olle", first_name="Olle", last_name="Olsson")
    hanna_client, olle_client = Client(), Client()
    hanna_client.force_login(staff)
    olle_client.force_login(olle)
    return hanna_client, olle_client


def _form_values(response):
    """The values a browser would send back from the rendered form, unchanged."""
    form = response.context["form"]
    values = {}
    for field in form:
        value = field.value()
        if value is None:
            continue
        if isinstance(value, datetime.date):
            value = value.isoformat()
        values[field.html_name] = value
    return values


def _race(url, two, first, second):
    """Both open `url`; the first saves `first`, then the second saves `second`."""
    hanna, olle = two
    hanna_sees = _form_values(hanna.get(url))
    olle_sees = _form_values(olle.get(url))
    saved = olle.post(url, {**olle_sees, **first, "reason": "Olles rättelse"})
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved
    return hanna.post(url, {**hanna_sees, **second, "reason": "Hannas ändring"})


def _assert_refused(response, *expected):
    assert response.status_code == 200
    body = response.content.decode()
    assert REFUSED in body
    assert "Olle Olsson sparade" in body
    for text in expected:
        assert text in body, text


def test_commitment_second_save_refused(partnership_a, two):
    annex = partnership_a.annexes.get()
    commitment = CommitmentFactory(annex=annex, title="Öppen verksamhet", description="Tre dagar.")
    url = reverse("partnerships:commitment_edit", args=[commitment.pk])
    response = _race(url, two, {"title": "Öppen verksamhet fem dagar"}, {"description": "Två."})
    _assert_refused(response, "rubrik: ”Öppen verksamhet” → ”Öppen verksamhet fem dagar”")
    assert "Två.</textarea>" in response.content.decode()  # what Hanna typed is kept
    commitment = Commitment.objects.get(pk=commitment.pk)
    assert commitment.title == "Öppen verksamhet fem dagar"
    assert commitment.description == "Tre dagar."


def test_annex_second_save_refused(partnership_a, two):
    annex = partnership_a.annexes.get()
    before = annex.title
    url = reverse("partnerships:annex_edit", args=[annex.pk])
    response = _race(url, two, {"title": "Olles bilaga"}, {"title": "Hannas bilaga"})
    _assert_refused(response, f"rubrik: ”{before}” → ”Olles bilaga”", 'value="Hannas bilaga"')
    assert Annex.objects.get(pk=annex.pk).title == "Olles bilaga"


def test_partnership_second_save_refused(partnership_a, two):
    before_signing(partnership_a)  # once signed, its terms are not edited at all
    before = partnership_a.title
    url = reverse("partnerships:edit", args=[partnership_a.pk])
    response = _race(url, two, {"title": "Olles titel"}, {"purpose": "Hannas syfte"})
    _assert_refused(response, f"”{before}” → ”Olles titel”", "Hannas syfte")
    partnership = Partnership.objects.get(pk=partnership_a.pk)
    assert partnership.title == "Olles titel"
    assert partnership.purpose != "Hannas syfte"


def test_partnership_edit_refused_after_a_lifecycle_step(partnership_a, two, staff):
    """A status change meanwhile (not on the form) would otherwise be undone by the stale
    instance the second form saves."""
    hanna, _olle = two
    # Before signing (once signed, its terms are not edited at all).
    before_signing(partnership_a)
    url = reverse("partnerships:edit", args=[partnership_a.pk])
    hanna_sees = _form_values(hanna.get(url))
    from partnerships.states import transition

    transition(partnership_a, Partnership.Status.DRAFT, actor=staff, reason="Omtag")
    response = hanna.post(url, {**hanna_sees, "title": "Ny", "reason": "Hannas ändring"})
    assert REFUSED in response.content.decode()
    label = Partnership.Status.DRAFT.label
    assert f"status: ”Förhandling” → ”{label}”" in response.content.decode()
    partnership = Partnership.objects.get(pk=partnership_a.pk)
    assert partnership.status == Partnership.Status.DRAFT
    assert partnership.title != "Ny"


def test_participation_second_save_refused(partnership_a, org_a, two):
    party = partnership_a.participations.get(organisation=org_a)
    url = reverse("partnerships:participation_edit", args=[party.pk])
    response = _race(url, two, {"unit": "Olles enhet"}, {"unit": "Hannas enhet"})
    _assert_refused(response, "”Olles enhet”", 'value="Hannas enhet"')
    assert Participation.objects.get(pk=party.pk).unit == "Olles enhet"


def test_amendment_draft_second_save_refused(partnership_a, two, staff):
    annex = partnership_a.annexes.get()
    commitment = CommitmentFactory(annex=annex, title="Läxhjälp", description="Två dagar.")
    amendment = amendment_create(
        partnership=partnership_a,
        target=Amendment.Target.COMMITMENT,
        commitment=commitment,
        title="Mer läxhjälp",
        changes={"description": "Tre dagar."},
        actor=staff,
        reason="Utkast",
    )
    url = reverse("partnerships:amendment_edit", args=[amendment.pk])
    response = _race(
        url, two, {"new_description": "Fyra dagar."}, {"new_description": "Fem dagar."}
    )
    _assert_refused(response, "ny text: ”Tre dagar.” → ”Fyra dagar.”", "Fem dagar.")
    assert Amendment.objects.get(pk=amendment.pk).changes == {"description": "Fyra dagar."}


def test_saving_again_after_reading_the_changes_goes_through(partnership_a, two):
    annex = partnership_a.annexes.get()
    url = reverse("partnerships:annex_edit", args=[annex.pk])
    hanna, _olle = two
    response = _race(url, two, {"title": "Olles bilaga"}, {"title": "Hannas bilaga"})
    again = hanna.post(url, {**_form_values(response), "reason": "Efter att ha läst"})
    assert again.status_code == 302
    assert Annex.objects.get(pk=annex.pk).title == "Hannas bilaga"


def test_a_form_without_its_version_saves_nothing(partnership_a, two):
    annex = partnership_a.annexes.get()
    url = reverse("partnerships:annex_edit", args=[annex.pk])
    hanna, _olle = two
    values = _form_values(hanna.get(url))
    values.pop("version")
    response = hanna.post(url, {**values, "title": "Utan version", "reason": "Test"})
    assert "Sidan saknar uppgift om vilken version du öppnade" in response.content.decode()
    assert Annex.objects.get(pk=annex.pk).title != "Utan version"


def test_saving_again_keeps_what_the_other_person_changed(partnership_a, two):
    """Fields the second person left alone take the saved value on the refused form, so saving
    again after reading the message changes only what they changed themselves."""
    annex = partnership_a.annexes.get()
    commitment = CommitmentFactory(annex=annex, title="Öppen verksamhet", description="Tre dagar.")
    url = reverse("partnerships:commitment_edit", args=[commitment.pk])
    hanna, _olle = two
    response = _race(url, two, {"title": "Olles rubrik"}, {"description": "Hannas text"})
    body = response.content.decode()
    assert "Fält som du inte själv ändrade visar nu det som sparades: Rubrik" in body
    assert 'value="Olles rubrik"' in body
    again = hanna.post(url, {**_form_values(response), "reason": "Efter att ha läst"})
    assert again.status_code == 302
    commitment = Commitment.objects.get(pk=commitment.pk)
    assert (commitment.title, commitment.description) == ("Olles rubrik", "Hannas text")
