"""WCAG 1.4.10 Reflow on EVERY HTML page: at 320 CSS px wide (a phone, or 1280 px zoomed to
400 %) nothing makes the page scroll sideways, nothing a person clicks or types into lies beyond
the screen's right edge, and no box of the page scrolls sideways inside it (a table in a
scrolling box is as hard to read on a phone as a page that scrolls). axe-core does not test this.

The pages, and who opens each, are tests/browser/every_page.py's: every page the axe walk
checks is checked here too. Set IOP_REFLOW_RESULTS to a directory to get each app's pages and
what failed on them as JSON (<app>.json); the accessibility statement's summary is written to
settings.IOP_A11Y_RESULTS in any case.
"""

import json
import os
from dataclasses import asdict
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from iop import a11y_results
from tests.browser.conftest import assert_accessible
from tests.browser.every_page import APPS, assert_no_problems, walk_app

# What breaks reflow on the page shown, one line each.
REFLOW_PROBLEMS = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const where = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + ` "${(el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 40)}"`;
  const scroll = document.documentElement.scrollWidth;
  if (scroll > width) problems.push(`the page scrolls sideways: ${scroll} px wide in ${width} px`);
  // Anything to click or type into must be on the screen (the skip link waits off-screen to
  // the left until focused; elements with no size are not shown).
  for (const el of document.querySelectorAll(
      'a[href], button, input:not([type=hidden]), select, textarea, summary')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= 0) continue;
    if (box.right > width + 0.5 || box.left < -0.5)
      problems.push(`${where(el)} is at ${Math.round(box.left)}–${Math.round(box.right)} px`);
  }
  // A box scrolling sideways inside the page: fields scroll their own text, and a visually
  // hidden text (1 px, read by screen readers) is meant to be clipped.
  for (const el of document.body.querySelectorAll('*')) {
    if (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) || el.clientWidth <= 1) continue;
    const overflow = getComputedStyle(el).overflowX;
    if (overflow !== 'visible' && el.scrollWidth > el.clientWidth + 1)
      problems.push(`${where(el)} scrolls or cuts sideways: ${el.scrollWidth} px in ${el.clientWidth} px`);
  }
  return problems;
}"""


def reflow_problems(page):
    """What makes the page fail WCAG 1.4.10 at the page's width, one line each."""
    return page.evaluate(REFLOW_PROBLEMS)


@pytest.mark.parametrize("app", sorted(APPS))
def test_every_page_reflows_at_320_px(app, world_for, people_on_phones):
    """Each page of the app, as everyone who sees it, at 320x640: see REFLOW_PROBLEMS."""
    visits = walk_app(app, world_for(APPS[app]), people_on_phones, reflow_problems)
    if results := os.environ.get("IOP_REFLOW_RESULTS"):
        Path(results).mkdir(parents=True, exist_ok=True)
        report = {"app": app, "width": 320, "pages": [asdict(visit) for visit in visits]}
        (Path(results) / f"{app}.json").write_text(json.dumps(report, indent=1))
    # What the accessibility statement says of how the site was assessed (iop/a11y_results.py).
    a11y_results.write("reflow", app, visits)
    assert_no_problems(app, visits)


def test_reflow_problems_are_found(people_on_phones):
    """The check itself: a table as wide as the desktop's, a link pushed off-screen inside a
    box that scrolls sideways."""
    page = people_on_phones.page("anonymous")
    page.goto(page.base_url + reverse("login"))
    assert reflow_problems(page) == []
    page.evaluate("""() => {
      const table = document.createElement('table');
      table.id = 'wide';
      table.innerHTML = '<tr>' + '<td>Rapport att skriva</td>'.repeat(6);
      table.style.whiteSpace = 'nowrap';  // through the CSSOM: the CSP refuses style attributes
      document.querySelector('main').append(table);
    }""")
    assert any("the page scrolls sideways" in p for p in reflow_problems(page))
    page.evaluate("""() => {
      document.getElementById('wide').remove();
      const box = document.createElement('div');
      box.style.cssText = 'overflow-x: auto; width: 200px';
      box.innerHTML = '<p><a href="#">Skriv rapport</a></p>';
      box.firstChild.style.cssText = 'margin-left: 400px; width: 200px';
      document.querySelector('main').append(box);
    }""")
    problems = reflow_problems(page)
    assert not any("the page scrolls sideways" in p for p in problems), problems
    assert any('"Skriv rapport" is at' in p for p in problems), problems
    assert any("scrolls or cuts sideways" in p for p in problems), problems


def test_portal_home_on_a_phone(world_for, people_on_phones, people):
    """The issue's case: at 375 px the portal's "Rapporter att skriva" spilled to 704 px and
    "Skriv rapport" was off-screen. At 320 px each report is a block, its cells named by their
    column, and the button on the screen; on the desktop the table is a table as before."""
    world_for(["portal:home"])
    phone = people_on_phones.page("ngo")
    phone.goto(phone.base_url + reverse("portal:home"))
    button = phone.get_by_role("button", name="Skriv rapport")
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320, box
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    period = phone.locator("#to-write ~ table td[data-label='Period']").first
    label = period.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Period: "', label
    expect(phone.locator("#to-write ~ table thead")).not_to_be_in_viewport()
    assert_accessible(phone)  # the stacked table too

    desktop = people.page("ngo")
    desktop.goto(desktop.base_url + reverse("portal:home"))
    cell = desktop.locator("#to-write ~ table td[data-label='Period']").first
    assert cell.evaluate("td => getComputedStyle(td).display") == "table-cell"
    assert cell.evaluate("td => getComputedStyle(td, '::before').content") == "none"
    expect(desktop.get_by_role("columnheader", name="Period")).to_be_visible()
