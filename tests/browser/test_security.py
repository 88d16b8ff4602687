"""In a real browser: the Content-Security-Policy blocks nothing on our pages, and the second
factor journey (a code by e-mail, set up an authenticator app, save the recovery codes, log in
with a code)."""

import re
import time

from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnerships.models import Partnership
from tests.browser.conftest import login

# Collects CSP violations the browser reports on each page, before any page script runs.
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def code_for(device):
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_pages_cause_no_csp_violations(page, demo):
    page.add_init_script(LISTEN)
    partnership = Partnership.objects.get(registration_number="SOF 2023/202")
    visited = []
    page.goto(page.base_url + "/logga-in/")
    visited.append((page.url, page.evaluate("window.__csp")))
    login(page, "handlaggare")
    for path in [
        "/att-gora/",
        "/partnerskap/",
        f"/partnerskap/{partnership.pk}/",
        f"/partnerskap/{partnership.pk}/historik/",
        "/konto/tvafaktor/konfigurera/",
    ]:
        page.goto(page.base_url + path)
        visited.append((page.url, page.evaluate("window.__csp")))
    assert [v for v in visited if v[1]] == []
    # The stylesheet did load (a blocked one would leave the page unstyled).
    colour = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert colour == "rgb(11, 79, 138)"


def test_second_factor_journey(page, demo, settings):
    settings.IOP_REQUIRE_MFA = True
    login(page, "streetminds")
    # Password alone leads to a code sent by e-mail, not to the portal nor to the app.
    assert "/konto/tvafaktor/bekrafta/" in page.url
    assert page.locator("h1").inner_text() == "Bekräfta att det är du"
    page.get_by_role("button", name="Skicka kod till min e-post").click()
    code = re.search(r"^\s+(\d{6})\s*$", mail.outbox[-1].body, re.MULTILINE)[1]
    page.get_by_label("Kod från e-postmeddelandet").fill(code)
    page.get_by_role("button", name="Fortsätt").click()
    assert "/konto/tvafaktor/konfigurera/" in page.url
    assert page.locator("h1").inner_text() == "Slå på tvåfaktorsinloggning"
    assert page.locator(".qr-image svg").is_visible()
    device = TOTPDevice.objects.get(user__username="streetminds", confirmed=False)
    page.get_by_label("Engångskod").fill(code_for(device))
    page.get_by_role("button", name="Slå på").click()
    assert page.locator("h1").inner_text() == "Reservkoder"
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Jag har sparat koderna – fortsätt").click()
    assert "Min sida" in page.locator("h1").inner_text()

    # Log out and in again: now a code is asked for; a recovery code works too.
    page.get_by_role("button", name="Logga ut").click()
    login(page, "streetminds")
    assert page.locator("h1").inner_text() == "Ange engångskod"
    page.get_by_label("Engångskod").fill(codes[0])
    page.get_by_role("button", name="Fortsätt").click()
    assert "Min sida" in page.locator("h1").inner_text()
    assert "reservkod" in page.locator(".messages").inner_text()
