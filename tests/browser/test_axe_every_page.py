"""axe-core on EVERY HTML page of the project, as each kind of user sees it; refused forms that
tie each error to its field; a form filled in and sent with the keyboard alone.

The pages, and who opens each, are tests/browser/every_page.py's (shared with the reflow walk):
axe-core must find no WCAG 2.1 A/AA violation on any, nor may an aria-describedby or label point
to a missing id. One test per app, each listing every page and rule that failed, and writing
its result for the accessibility statement (settings.IOP_A11Y_RESULTS).
Django's admin is walked model by model as a superuser: list, add form, change form.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from iop import a11y_results
from tests.browser.conftest import accessibility_problems, assert_accessible
from tests.browser.every_page import (
    APPS,
    NOT_HTML,
    REDIRECTS,
    _draft_report,
    assert_no_problems,
    html_routes,
    walk_app,
)
from tests.factories import PartnershipFactory, UserFactory, before_signing, write_terms
from tests.security.test_url_walk import project_routes


def test_every_html_route_is_walked():
    """Every route of the project is walked here unless it is POST-only; what is listed here as
    not a page, or as a redirect, is among the walked routes (and the walk checks it)."""
    walked, post_only = html_routes()
    assert walked | post_only == {name for name, _ in project_routes()}
    assert walked & post_only == set()
    assert set(NOT_HTML) | set(REDIRECTS) <= walked


@pytest.mark.parametrize("app", sorted(APPS))
def test_every_page_has_no_wcag_aa_violations(app, world_for, people):
    """axe-core must find no WCAG 2.1 A/AA violation on any page, nor may an aria-describedby
    or label point to a missing id."""
    visits = walk_app(app, world_for(APPS[app]), people, accessibility_problems)
    # What the accessibility statement says of how the site was assessed (iop/a11y_results.py).
    a11y_results.write("axe", app, visits)
    assert_no_problems(app, visits)


# --- Django's admin --------------------------------------------------------------------------


def _admin_objects(world, staff):
    """What test_url_walk's world lacks for an object of every model in the admin: attendance
    and votes at the meeting, a rotation order, a second group to escalate to, a user group,
    django-axes' records of a failed login, a set of recovery codes and a queued task's result."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group as UserGroup
    from django.utils import timezone
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_tasks_db.models import DBTaskResult

    from governance.services.escalations import escalation_raise
    from governance.services.groups import rotation_set
    from governance.services.meetings import attendance_record
    from governance.services.minutes import decision_record
    from iop.accounts.models import AccountEvent
    from tests.governance.factories import GroupFactory

    reason = "Administrationens genomgång"
    members = list(world.group.members.all())
    attendance_record(meeting=world.meeting, present=members, actor=staff, reason=reason)
    decision_record(
        item=world.item,
        text="Beslut med röster",
        type="general",
        votes={member: "for" for member in members},
        actor=staff,
        reason=reason,
    )
    rotation_set(group=world.group, members=members, actor=staff, reason=reason)
    cooperation = GroupFactory(
        partnership=world.partnership, kind="cooperation", reports_to=world.group
    )
    escalation_raise(
        from_group=cooperation,
        title="Ny part",
        kind="new_party",
        raised_on=world.partnership.start_date,
        actor=staff,
        reason=reason,
    )
    UserGroup.objects.create(name="Handläggare")
    StaticDevice.objects.create(user=world.user, name="Reservkoder")
    AccountEvent.objects.create(
        user=world.user, action=AccountEvent.Action.DEACTIVATED, actor=staff, reason="Slutat"
    )
    login = {
        "username": "okand",
        "ip_address": "192.0.2.1",
        "user_agent": "Mozilla/5.0",
        "path_info": "/logga-in/",
    }
    AccessAttempt.objects.create(failures_since_start=1, get_data="", post_data="", **login)
    AccessFailureLog.objects.create(**login)
    AccessLog.objects.create(attempt_time=timezone.now(), **login)
    # A task the database queue keeps (django-tasks-db's admin): a failed send of a mail.
    DBTaskResult.objects.create(
        status="FAILED",
        enqueued_at=timezone.now(),
        run_after=timezone.now(),
        args_kwargs={"args": [], "kwargs": {"mail_id": 1}},
        task_path="iop.mail.send_queued_mail",
        backend_name="default",
        exception_class_path="smtplib.SMTPConnectError",
        traceback="",
    )


def _admin_pages(superuser):
    """Every page of the admin a superuser reaches from its index: each app's index and, for
    each model registered, its list, its add form (where adding is allowed) and the change form
    of an existing object; with the registry, so a model registered later is walked too."""
    from django.contrib import admin
    from django.contrib.admin.utils import quote
    from django.test import RequestFactory

    request = RequestFactory().get(reverse("admin:index"))
    request.user = superuser
    pages, listed, missing = [reverse("admin:index")], set(), []
    for app in admin.site.get_app_list(request):
        pages.append(app["app_url"])
        for entry in app["models"]:
            model = entry["model"]
            listed.add(model)
            pages.append(entry["admin_url"])
            if entry["add_url"]:
                pages.append(entry["add_url"])
            obj = model._default_manager.order_by("pk").first()
            if obj is None:
                missing.append(model._meta.label)
                continue
            info = model._meta.app_label, model._meta.model_name
            pages.append(reverse("admin:{}_{}_change".format(*info), args=[quote(obj.pk)]))
    assert listed == set(admin.site._registry), "the superuser's index lacks some models"
    assert missing == [], f"no object to open the change form of: {missing} (_admin_objects)"
    return pages


def test_admin_pages_have_no_wcag_aa_violations(world_for, people, staff):
    """Every page of Django's admin as a superuser sees it (see _admin_pages); the history of an
    object both as simple_history shows it and as Django's own admin does, and one historical
    version; the question before deleting (with the objects that go too); the password forms
    (a user's, and one's own from the admin's header); and the admin's own login page."""
    world = world_for(["home", "partnerships:detail"])
    _admin_objects(world, staff)
    superuser = UserFactory(username="admin", is_staff=True, is_superuser=True)
    people.users["admin"] = superuser
    partnership = world.partnership
    version = partnership.history.order_by("history_id").first()
    pages = _admin_pages(superuser) + [
        reverse("admin:partnerships_partnership_history", args=[partnership.pk]),
        reverse(
            "admin:partnerships_partnership_simple_history",
            args=[partnership.pk, version.history_id],
        ),
        reverse("admin:governance_chairdraw_history", args=[world.draw.pk]),
        reverse("admin:accounts_user_history", args=[world.user.pk]),
        # A signed agreement cannot be deleted (its terms are locked): ask about one being
        # written.
        reverse(
            "admin:partnerships_partnership_delete",
            args=[before_signing(PartnershipFactory()).pk],
        ),
        reverse("admin:auth_user_password_change", args=[world.user.pk]),
        reverse("admin:password_change"),
        reverse("admin:password_change_done"),
    ]
    visits = [("admin", url) for url in pages] + [("anonymous", reverse("admin:login"))]
    failures = []
    for who, url in visits:
        page = people.page(who)
        response = page.goto(page.base_url + url)
        assert response.status == 200 and urlsplit(page.url).path == url, (url, page.url)
        if problems := accessibility_problems(page):
            failures.append(f"{url}:\n  " + "\n  ".join(problems))
    print(f"admin: {len(visits)} pages checked")
    assert not failures, f"{len(failures)} of {len(visits)} admin pages:\n" + "\n".join(failures)


# --- Refused forms ---------------------------------------------------------------------------

# Each error shown and the inputs (or group of inputs) it describes. An error block with no id
# (its own or its list's) cannot be tied to any field: `untied`.
ERRORS = """() => {
  const describes = id => [...document.querySelectorAll('[aria-describedby]')]
    .filter(el => el.getAttribute('aria-describedby').split(/\\s+/).includes(id))
    .map(el => ({id: el.id, tag: el.tagName, invalid: el.getAttribute('aria-invalid')}));
  const errors = [...document.querySelectorAll('.errors[id], .errorlist[id]')];
  return {
    errors: errors.map(e => ({id: e.id, text: e.innerText.trim(), described: describes(e.id)})),
    untied: [...document.querySelectorAll('.errors:not([id])')]
      .filter(e => !e.querySelector('[id]')).map(e => e.innerText.trim()),
  };
}"""


def _assert_errors_tied_to_fields(page, expected_fields):
    """Every error shown is the description of the field it is about (aria-describedby), a
    screen reader reads it there, and the field is marked invalid; `expected_fields` (ids) are
    among the refused ones."""
    found = page.evaluate(ERRORS)
    assert found["untied"] == []
    errors = found["errors"]
    assert {e["id"].removesuffix("_error") for e in errors} >= set(expected_fields), errors
    for error in errors:
        assert error["described"], f"{error['id']} describes no field"
        first_line = re.escape(error["text"].splitlines()[0])
        for field in error["described"]:
            if field["tag"] == "FIELDSET":
                locator = page.locator(f"fieldset[aria-describedby~='{error['id']}']")
            else:
                assert field["invalid"] == "true", f"#{field['id']} is not aria-invalid"
                locator = page.locator(f"[id='{field['id']}']")
            expect(locator).to_have_accessible_description(re.compile(first_line))


def test_refused_forms_tie_each_error_to_its_field(world_for, people, live_server, staff):
    """Forms sent empty (or a filter with nonsense) on the shared form partial and on the pages
    with their own markup: the summary is announced (role=alert), each error is read with its
    field, and the page passes axe in that state."""
    world = world_for(["governance:meeting_create", "reporting:report_edit"])
    base = live_server.url
    staff_user, (staff, ngo) = staff, (people.page("staff"), people.page("ngo"))

    # partnerships/form.html: a required field with help text keeps the help in its description.
    # (A goal is added before signing; once signed the page points to an amendment instead.)
    before_signing(world.partnership)
    staff.goto(base + reverse("partnerships:goal_create", args=[world.partnership.pk]))
    staff.get_by_role("button", name="Spara").click()
    expect(staff.get_by_role("alert")).to_contain_text("Det finns fel i formuläret")
    _assert_errors_tied_to_fields(staff, ["id_text", "id_reason"])
    expect(staff.get_by_label("Anledning till ändringen")).to_have_accessible_description(
        re.compile("Kort motivering.*Skriv en kort anledning")
    )
    assert_accessible(staff)

    # governance/form.html, with an error the form adds itself (place or link).
    staff.goto(base + reverse("governance:meeting_create", args=[world.group.pk]))
    staff.get_by_role("button", name="Spara").click()
    _assert_errors_tied_to_fields(staff, ["id_date", "id_place"])
    assert_accessible(staff)

    # A group of checkboxes is a fieldset named by its legend.
    staff.goto(base + reverse("governance:attendance_edit", args=[world.meeting.pk]))
    group = staff.get_by_role("group", name="Närvarande")
    expect(group.get_by_role("checkbox")).to_have_count(3)

    # The register's filter, written by hand: the year Django refuses, the hand-made select.
    staff.goto(base + reverse("partnerships:list") + "?year=1800&organisation=999999")
    _assert_errors_tied_to_fields(staff, ["id_year", "id_organisation"])
    assert_accessible(staff)

    # The history's filters: narrowed (a long text's change marked word by word), then with a
    # date and a person it refuses.
    history = reverse("partnerships:history", args=[world.partnership.pk])
    write_terms(world.partnership, actor=staff_user, purpose="Ett syfte " * 20 + "i slutet.")
    staff.goto(base + history + f"?kind=avtal&person={staff_user.pk}&start=2000-01-01")
    expect(staff.locator(".timeline ins").first).to_be_visible()
    assert_accessible(staff)
    staff.goto(base + history + "?kind=avtal&start=2025-13-45&person=999999")
    _assert_errors_tied_to_fields(staff, ["id_start", "id_person"])
    assert_accessible(staff)

    # reporting/form.html, as the NGO.
    ngo.goto(base + reverse("reporting:feedback_create"))
    ngo.get_by_role("button", name="Spara").click()
    expect(ngo.get_by_role("alert")).to_contain_text("Det finns fel i formuläret")
    _assert_errors_tied_to_fields(ngo, ["id_period", "id_count"])
    assert_accessible(ngo)

    # The activity report has its own markup (fieldsets per group of figures).
    ngo.goto(base + reverse("reporting:report_edit", kwargs=_draft_report(world)))
    ngo.get_by_role("button", name="Skicka in rapporten").click()
    expect(ngo.get_by_role("alert")).to_contain_text("Rapporten kunde inte skickas in")
    _assert_errors_tied_to_fields(ngo, ["id_total"])
    assert_accessible(ngo)


def test_sorted_lists_have_no_wcag_aa_violations(world_for, people, live_server):
    """The lists sorted by a column (iop/tables.py): one header marked with aria-sort, its link
    and arrow, and the export links, pass axe."""
    world_for(["reporting:report_edit"])
    base = live_server.url
    staff = people.page("staff")
    for name, sort in (
        ("partnerships:list", "-slut"),
        ("partnerships:organisation_list", "partnerskap"),
        ("reporting:report_list", "status"),
        ("deadlines:dashboard", "-slag"),
        ("accounts:list", "organisation"),
    ):
        staff.goto(base + reverse(name) + "?sortera=" + sort)
        expect(staff.locator("th[aria-sort]")).to_have_count(1)
        assert_accessible(staff)


# --- Keyboard --------------------------------------------------------------------------------

# The focused element, and how its focus ring stands out: the best contrast of the ring's
# colours (outline, box-shadow ring) against the background around the element (WCAG 1.4.11
# asks 3:1 of what shows the focus).
FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const rgb = c => { const m = c && c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null; const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return p.length > 3 && p[3] === 0 ? null : p.slice(0, 3); };
  const lum = p => p.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + .05) / (y + .05); };
  let around = [255, 255, 255];
  for (let n = el.parentElement; n; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor); if (c) { around = c; break; } }
  const rings = [];
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) rings.push(rgb(style.outlineColor));
  for (const m of style.boxShadow.matchAll(/(rgba?\\([^)]+\\))\\s+0px\\s+0px\\s+0px\\s+([\\d.]+)px/g))
    if (parseFloat(m[2]) >= 2) rings.push(rgb(m[1]));
  return {
    tag: el.tagName, id: el.id, name: el.name || '', text: (el.innerText || el.value || '').trim(),
    visible: el.matches(':focus-visible'),
    contrast: Math.max(0, ...rings.filter(Boolean).map(c => ratio(c, around))),
  };
}"""


def _tab_to(page, found, rings, limit=150):
    """Press Tab until `found(focused)`; note every stop whose focus ring is not clear."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if not focused["visible"] or focused["contrast"] < 3:
            rings.append(focused)
        if found(focused):
            return focused
    raise AssertionError(f"Tab never reached it on {page.url}")


def test_keyboard_alone_adds_a_goal_and_focus_is_always_visible(people, partnership_a, staff):
    """From the partnership page to a saved goal with Tab, typing and Enter only; every stop
    on the way shows a focus ring with at least 3:1 contrast against its surroundings. The
    agreement is being written (before signing a goal is added on the page, after it by an
    amendment)."""
    before_signing(partnership_a)
    page = people.page("staff")
    page.goto(page.base_url + partnership_a.get_absolute_url())
    rings = []
    first = _tab_to(page, lambda f: True, rings)
    assert first["text"] == "Hoppa till innehållet"
    # The goals are under the Avtalstext tab.
    _tab_to(page, lambda f: f["text"] == "Avtalstext", rings)
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Avtalstext")).to_have_attribute("aria-current", "page")
    _tab_to(page, lambda f: f["text"] == "Lägg till mål", rings)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Nytt mål")).to_be_visible()

    # Sent without the reason first: refused, and what was typed is still there.
    _tab_to(page, lambda f: f["id"] == "id_text", rings)
    page.keyboard.type("Fler unga ska ha ett eget boende.")
    _tab_to(page, lambda f: f["text"] == "Spara", rings)
    page.keyboard.press("Enter")
    expect(page.get_by_label("Anledning till ändringen")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Mål:", exact=True)).to_have_value("Fler unga ska ha ett eget boende.")

    _tab_to(page, lambda f: f["id"] == "id_reason", rings)
    page.keyboard.type("Styrgruppens beslut")
    _tab_to(page, lambda f: f["text"] == "Spara", rings)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Målet är tillagt.")).to_be_visible()
    expect(page.locator("ol.goals")).to_contain_text("Fler unga ska ha ett eget boende.")
    assert partnership_a.goals.filter(text="Fler unga ska ha ett eget boende.").exists()
    assert rings == [], f"focus not clearly visible on: {rings}"
