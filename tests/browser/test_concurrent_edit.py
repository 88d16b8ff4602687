"""Two people edit the same commitment in two browsers: the second save is refused with what
the first changed, nothing is overwritten, and what the second typed is still in the form."""

import re

import pytest
from playwright.sync_api import expect

from partnerships.models import Commitment
from tests.browser.conftest import assert_accessible, login
from tests.factories import AnnexFactory, CommitmentFactory, UserFactory


@pytest.fixture
def commitment(transactional_db):
    UserFactory(username="handlaggare", first_name="Hanna", last_name="Handläggare")
    UserFactory(username="olle", first_name="Olle", last_name="Olsson")
    annex = AnnexFactory()
    return CommitmentFactory(annex=annex, title="Öppen verksamhet", description="Tre dagar.")


def _field(page, label):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def _open(browser, base_url, username, url):
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = base_url
    login(page, username)
    page.goto(base_url + url)
    return context, page


def test_second_browser_is_refused_and_keeps_its_text(browser, live_server, commitment):
    url = f"/partnerskap/ataganden/{commitment.pk}/andra/"
    hanna_context, hanna = _open(browser, live_server.url, "handlaggare", url)
    olle_context, olle = _open(browser, live_server.url, "olle", url)
    try:
        # Olle saves first.
        _field(olle, "Rubrik").fill("Öppen verksamhet fem dagar")
        olle.get_by_label("Anledning till ändringen").fill("Beslut i styrgruppen")
        olle.get_by_role("button", name="Spara").click()
        expect(olle.get_by_text("Ändringen är sparad.")).to_be_visible()

        # Hanna's form was opened before Olle saved.
        _field(hanna, "Beskrivning").fill("Två dagar i veckan.")
        hanna.get_by_label("Anledning till ändringen").fill("Mindre budget")
        hanna.get_by_role("button", name="Spara").click()
        alert = hanna.locator("#form-errors")
        expect(alert).to_contain_text("Någon annan har ändrat det här")
        expect(alert).to_contain_text("Olle Olsson sparade")
        expect(alert).to_contain_text("rubrik: ”Öppen verksamhet” → ”Öppen verksamhet fem dagar”")
        expect(_field(hanna, "Beskrivning")).to_have_value("Två dagar i veckan.")
        assert_accessible(hanna)

        saved = Commitment.objects.get(pk=commitment.pk)
        assert saved.title == "Öppen verksamhet fem dagar"
        assert saved.description == "Tre dagar."

        # Having read what Olle changed, Hanna saves again on purpose; it goes through.
        hanna.get_by_role("button", name="Spara").click()
        expect(hanna.get_by_text("Ändringen är sparad.")).to_be_visible()
        saved = Commitment.objects.get(pk=commitment.pk)
        assert saved.description == "Två dagar i veckan."
        assert saved.title == "Öppen verksamhet fem dagar"  # Olle's title was on her form now
    finally:
        hanna_context.close()
        olle_context.close()
