"""The signatories of a two-party agreement sign it in the app in turn, each after confirming
the sign-in with a code from their authenticator app; the sealed PDF is downloaded and the
verify page says it is intact and timestamped (also for the downloaded file uploaded again)."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from partnerships import sealing
from partnerships.models import Partnership
from tests.browser.conftest import login
from tests.browser.test_security import code_for
from tests.esign_support import LoopbackTSA, use_demo_ca


@pytest.fixture
def decided(partnership_a, staff, rep_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IOP_REQUIRE_MFA = False
    ca = use_demo_ca(settings, tmp_path / "ca")
    partnership_a.status = Partnership.Status.DECIDED
    partnership_a.save(update_fields=["status"])
    staff.title = "Socialdirektör"
    staff.save()
    for user in (staff, rep_a):
        TOTPDevice.objects.create(user=user, name="Mobilen", confirmed=True)
    with LoopbackTSA(ca) as tsa_url:  # the seal is timestamped by an RFC 3161 TSA on loopback
        settings.TSA_URL = tsa_url
        yield partnership_a


def _confirm_with_code(page, user):
    expect(page.get_by_test_id("needs-strong-login")).to_be_visible()
    page.get_by_role("link", name="Bekräfta med engångskod").click()
    page.wait_for_url(re.compile(r"/konto/tvafaktor/"))
    page.get_by_label("Engångskod").fill(code_for(TOTPDevice.objects.get(user=user)))
    page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_url(re.compile(r"/underteckna/$"))


def _sign(page):
    page.get_by_label("Jag har läst handlingen och undertecknar den för min part.").check()
    page.get_by_role("button", name="Underteckna").click()
    expect(page.locator(".messages")).to_contain_text("Du har undertecknat")


def test_two_signatories_sign_in_turn_and_the_sealed_pdf_verifies(
    page, live_server, decided, staff, rep_a
):
    # The handläggare, from the partnership's "Ändringar och underskrifter" tab.
    login(page, "handlaggare")
    page.goto(f"{page.base_url}/partnerskap/{decided.pk}/")
    page.get_by_role("navigation", name="Partnerskapets delar").get_by_role(
        "link", name="Ändringar och underskrifter"
    ).click()
    page.get_by_role("link", name="Underteckna överenskommelsen").click()
    expect(page.locator("h1")).to_have_text("Underteckna överenskommelsen")
    _confirm_with_code(page, staff)
    expect(page.locator("main")).to_contain_text("Du undertecknar som Hanna Handläggare")
    _sign(page)
    expect(page.get_by_role("table")).to_contain_text("Socialdirektör")
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(re.compile(r"/logga-in/|/$"))

    # NGO A's representative, from their own page of the partnership.
    login(page, rep_a.username)
    page.goto(f"{page.base_url}/portal/partnerskap/{decided.pk}/")
    page.get_by_role("link", name="Underteckna överenskommelsen").click()
    expect(page.locator("h1")).to_have_text("Underteckna överenskommelsen")
    _confirm_with_code(page, rep_a)
    _sign(page)
    expect(page.get_by_test_id("sealed")).to_contain_text("Alla parter har undertecknat")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ned den förseglade handlingen (PDF)").click()
    sealed = open(download_info.value.path(), "rb").read()
    assert sealing.verify_pdf(sealed).ok

    page.get_by_role("link", name="Kontrollera förseglingen").click()
    result = page.get_by_test_id("verify-result")
    expect(result).to_contain_text("Förseglingen är giltig")
    expect(result).to_contain_text("oförändrat")
    expect(result).to_contain_text("(giltig)")  # the timestamp
    print("\n--- verify page ---\n" + result.inner_text())

    # The same file, sent on by someone, uploaded for checking.
    page.get_by_label("PDF att kontrollera").set_input_files(download_info.value.path())
    page.get_by_role("button", name="Kontrollera", exact=True).click()
    page.wait_for_url(re.compile(r"/kontrollera-underskrift/$"))
    expect(page.get_by_test_id("verify-result")).to_contain_text("Förseglingen är giltig")
