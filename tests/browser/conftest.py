"""Browser tests: Debian's Chromium driven through Playwright against Django's live server.

Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make between
page actions are synchronous and safe, hence DJANGO_ALLOW_ASYNC_UNSAFE.
"""

import functools
import os
import shutil
from datetime import date, datetime, time, timedelta
from unittest import mock

import pytest

from tests.browser.every_page import People, world_of

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing: run `make test`, which installs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def login(page, username, password="demo1234"):
    """Log in through the real login form, as a person would."""
    page.goto(f"{page.base_url}/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


@pytest.fixture
def demo(transactional_db):
    """The real demo agreements, loaded as `make run` loads them: as they stand today."""
    from tests.browser.demo_snapshot import load_demo

    load_demo("today")


# A day Bostad Först ran (it ended 2026-06-30): its groups met, its parties reported.
LIVE_DAY = date(2025, 9, 15)


@pytest.fixture
def demo_live(transactional_db):
    """The demo as it stood on LIVE_DAY, for journeys that need an agreement that runs (a chair
    holding a meeting, a party writing its report): the clock (`timezone.now`, which
    `timezone.localdate` and the live server read) is set back to that day for the whole test
    and keeps running from there."""
    from django.utils import timezone

    from tests.browser.demo_snapshot import load_demo

    real_now = timezone.now
    shift = [real_now() - timezone.make_aware(datetime.combine(LIVE_DAY, time(9, 0)))]
    with mock.patch("django.utils.timezone.now", lambda: real_now() - shift[0]):
        loaded_until = load_demo("live")
        # Put back from a copy, the rows were made up to the end of the first load: the clock
        # starts there, so nothing the test records is older than the demo's own rows.
        behind = loaded_until - timezone.now()
        if behind > timedelta(0):
            shift[0] -= behind
        yield


AXE_SOURCE = os.path.join(os.path.dirname(__file__), "assets", "axe.min.js")
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@functools.cache
def _axe_source():
    with open(AXE_SOURCE) as handle:
        return handle.read()


def axe_violations(page):
    """Run axe-core (vendored, version in assets/) on the current page with the WCAG 2.1 A/AA
    rules; one line per violated rule: its id, help text and the first offending elements."""
    # Through DevTools (page.evaluate), not a <script> tag: the Content-Security-Policy rightly
    # refuses inline scripts, and the test must not weaken it.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        """async (tags) => await axe.run(document,
            {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        WCAG_AA_TAGS,
    )
    return [
        f"{v['id']}: {v['help']} -> "
        + "; ".join(str(node["target"][0]) if node["target"] else "?" for node in v["nodes"][:3])
        for v in result["violations"]
    ]


# References by id that lead nowhere: a screen reader then reads no description or no name.
# axe reports a dangling aria-describedby only as "needs review", so it is checked here.
BROKEN_REFERENCES = """() => {
  const broken = [];
  const attrs = ['aria-describedby', 'aria-labelledby', 'aria-controls', 'aria-errormessage'];
  for (const el of document.querySelectorAll(attrs.map(a => `[${a}]`).join(','))) {
    for (const attr of attrs) {
      for (const id of (el.getAttribute(attr) || '').split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) broken.push(`${attr}="${id}" on #${el.id || el.tagName}`);
      }
    }
  }
  for (const label of document.querySelectorAll('label[for]')) {
    if (!document.getElementById(label.htmlFor)) broken.push(`label for="${label.htmlFor}"`);
  }
  const ids = [...document.querySelectorAll('[id]')].map(el => el.id);
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) {
    broken.push(`id="${id}" is used more than once`);
  }
  return broken;
}"""


def broken_references(page):
    """Dangling aria-describedby/-labelledby/-controls/-errormessage and label[for], and ids
    used twice (axe checks duplicate ids only where they are referenced)."""
    return page.evaluate(BROKEN_REFERENCES)


def accessibility_problems(page):
    """axe-core's WCAG 2.1 A/AA violations and the broken references, one line each."""
    return axe_violations(page) + [
        f"broken-reference: {problem}" for problem in broken_references(page)
    ]


def assert_accessible(page):
    """No WCAG 2.1 A/AA violations (axe-core) and no reference to a missing id on the page."""
    details = "\n".join(accessibility_problems(page))
    assert not details, f"Accessibility violations on {page.url}:\n{details}"


# --- Every page, as each kind of user (tests/browser/every_page.py) ---------------------------


@pytest.fixture
def world_for(partnership_a, org_a, rep_a, staff, city, settings, tmp_path):
    """test_url_walk's world for NGO A (the objects a set of routes needs), and an
    authenticator app for A's representative, so the page asking for its code is a page."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IOP_REQUIRE_MFA = False

    def make(routes):
        TOTPDevice.objects.create(user=rep_a, name="Mobilen", confirmed=True)
        return world_of(routes, partnership_a, org_a, rep_a, staff, city)

    return make


@pytest.fixture
def people(browser, live_server, staff, rep_a):
    """The handläggare, NGO A's representative and an anonymous visitor, each in a browser."""
    people = People(browser, live_server, {"staff": staff, "ngo": rep_a, "anonymous": None})
    yield people
    people.close()


# WCAG 1.4.10 Reflow: 320 CSS px wide (a 1280 px screen zoomed to 400 %, or a small phone).
PHONE = {"width": 320, "height": 640}


@pytest.fixture
def people_on_phones(browser, live_server, staff, rep_a):
    """The same people, each on a screen 320 CSS px wide."""
    users = {"staff": staff, "ngo": rep_a, "anonymous": None}
    people = People(browser, live_server, users, viewport=PHONE)
    yield people
    people.close()
