"""axe-core on EVERY HTML page of the project, as each kind of user sees it; refused forms that
tie each error to its field; a form filled in and sent with the keyboard alone.

The routes come from tests/security/test_url_walk.py: its ROUTES table classifies every named
route (test_every_route_is_classified there fails for a route that is not in it) and builds the
URL arguments from a factory-made "world" holding an object of every kind. Here each route is
opened in Chromium by everyone who can see it – staff routes by the handläggare, a party's pages
also by the NGO's representative, public pages anonymously – and axe-core must find no WCAG 2.1
A/AA violation, nor may an aria-describedby or label point to a missing id. Answers that are not
pages (PDF, CSV, XLSX, calendar, uploaded files) are in NOT_HTML and routes that only redirect in
REDIRECTS; the walk checks both, and that every other route was seen as a page, so coverage
cannot shrink silently. One test per app, each listing every page and rule that failed.
Django's admin is walked model by model as a superuser: list, add form, change form.
"""

import re
import time
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import expect

from iop.enrolment import ENROL_PROOF_KEY
from tests.browser.conftest import accessibility_problems, assert_accessible
from tests.factories import (
    PartnershipFactory,
    RepresentativeFactory,
    UserFactory,
    before_signing,
)
from tests.security.test_url_walk import (
    ROUTES,
    STAFF_REFUSED,
    _parts,
    _uid,
    _world,
    project_routes,
)

# Who opens a route of each access rule (test_url_walk's rules). POST-only routes ("post",
# "post-own") and those test_url_walk skips are not pages.
VISITORS = {
    "staff": ("staff",),
    "party": ("staff", "ngo"),
    "member": ("staff", "ngo"),
    "user": ("staff", "ngo"),
    "public": ("anonymous",),
    "token": ("anonymous",),
}
# ...and who must get the page itself: the organisation its own pages (staff may be sent on,
# e.g. from the organisation's draft to the submitted view); a "member" or "user" route may
# send one of them on, or refuse a member, depending on the object's state: someone must see it.
MUST_SEE = {"staff": {"staff"}, "party": {"ngo"}, "public": {"anonymous"}}

# Routes that answer with something other than a page, and the Content-Type they must have.
NOT_HTML = {
    "partnerships:agreement_pdf": "application/pdf",
    "partnerships:signature_scan": "application/pdf",
    "governance:meeting_ics": "text/calendar",
    "governance:minutes_pdf": "application/pdf",
    "deadlines:feed": "text/calendar",
    "reporting:attachment_download": "application/pdf",
    "reporting:halfyear_pdf": "application/pdf",
    "reporting:halfyear_export": "text/csv",
    "reporting:annual_pdf": "application/pdf",
    "reporting:annual_export": "application/vnd.openxmlformats-officedocument.spreadsheetml",
    "favicon": "image/svg+xml",
}

# Routes that only send everyone on to another page (walked on its own).
REDIRECTS = {"home": "staff to the register, NGO representatives to their portal"}


def _invitation(world):
    """A valid link for someone who has never logged in (a login invalidates the token): the
    page to choose a password, not the "link no longer valid" one."""
    invited = RepresentativeFactory(organisation=world.organisation)
    return {"uidb64": _uid(invited), "token": default_token_generator.make_token(invited)}


def _draft_report(world):
    """The world's report is submitted, and its edit page sends everyone to the report: the
    next period's draft is the form."""
    from reporting.services.reports import report_start

    report = report_start(
        period=world.side.periods[1], organisation=world.organisation, actor=world.user
    )
    return {"pk": report.pk}


def _approval_on_behalf(world):
    """The world's meeting with a chair or adjuster who has no account, for whom staff record
    the approval (for anyone with an account they are sent back to the meeting)."""
    from governance.services.groups import chair_on
    from governance.services.minutes import minutes_set_adjuster
    from iop.history import system_user

    meeting = world.meeting
    chair = chair_on(meeting.group, meeting.date)
    if chair is not None and not chair.can_log_in:
        role = "chair"
    else:
        no_account = meeting.group.members.filter(user=None).exclude(pk=getattr(chair, "pk", None))
        minutes_set_adjuster(
            meeting=meeting, adjuster=no_account.first(), actor=system_user(), reason="Axe"
        )
        role = "adjuster"
    return {"pk": meeting.pk, "role": role}


# Where test_url_walk's arguments do not lead to the page (a wrong token, a submitted report),
# the walk uses its own: name -> (rule, arguments).
OVERRIDES = {
    "password_reset_confirm": ("public", _invitation),
    "portal:activate": ("public", _invitation),
    # staff are sent on to the report: only the organisation edits its draft
    "reporting:report_edit": ("member", _draft_report),
    "governance:minutes_approve_on_behalf": ("staff", _approval_on_behalf),
}


def _route(name):
    return OVERRIDES.get(name, ROUTES[name])


def _app(name):
    namespace = name.split(":")[0] if ":" in name else ""
    return {"": "account", "mfa": "account"}.get(namespace, namespace)


APPS = {}
for _name in ROUTES:
    if _route(_name)[0] in VISITORS:
        APPS.setdefault(_app(_name), []).append(_name)


# POST-only routes test_url_walk skips (it walks no POST-only Django view).
POST_ONLY_SKIPPED = {"logout", "set_language"}


def test_every_html_route_is_walked():
    """Every route of the project is walked here unless it is POST-only; what is listed here as
    not a page, or as a redirect, is among the walked routes (and the walk checks it)."""
    walked = {name for names in APPS.values() for name in names}
    post_only = {n for n in ROUTES if _route(n)[0] in ("post", "post-own")} | POST_ONLY_SKIPPED
    assert walked | post_only == {name for name, _ in project_routes()}
    assert walked & post_only == set()
    assert set(NOT_HTML) | set(REDIRECTS) <= walked


# --- Browsing as several people --------------------------------------------------------------


def _route_name(url):
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


class People:
    """One browser context (one login) per person, opened when first needed. Logged in with a
    session made by Django's test client: the login form (and the proof before the first
    authenticator app) have tests of their own."""

    def __init__(self, browser, live_server, users):
        self.browser, self.live_server, self.users = browser, live_server, users
        self.pages = {}

    def page(self, who):
        if who not in self.pages:
            context = self.browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
            context.set_default_timeout(15_000)
            if self.users[who] is not None:
                client = Client()
                client.force_login(self.users[who])
                # Allowed to connect an authenticator app, as after the invitation's link, so
                # that the set-up page is a page for someone without one.
                session = client.session
                session[ENROL_PROOF_KEY] = {"user": self.users[who].pk, "at": int(time.time())}
                session.save()
                cookie = client.cookies[settings.SESSION_COOKIE_NAME]
                context.add_cookies(
                    [{"name": cookie.key, "value": cookie.value, "url": self.live_server.url}]
                )
            page = context.new_page()
            page.base_url = self.live_server.url
            self.pages[who] = page
        return self.pages[who]

    def close(self):
        for page in self.pages.values():
            page.context.close()


@pytest.fixture
def world_for(partnership_a, org_a, rep_a, staff, city, settings, tmp_path):
    """test_url_walk's world for NGO A (the objects a set of routes needs), and an
    authenticator app for A's representative, so the page asking for its code is a page."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IOP_REQUIRE_MFA = False

    def make(routes):
        parts = set().union(*(_parts(name) for name in routes))
        if "reporting:report_edit" in routes:
            parts.add("reporting")
        TOTPDevice.objects.create(user=rep_a, name="Mobilen", confirmed=True)
        return _world(partnership_a, org_a, rep_a, staff, city, parts)

    return make


@pytest.fixture
def people(browser, live_server, staff, rep_a):
    people = People(browser, live_server, {"staff": staff, "ngo": rep_a, "anonymous": None})
    yield people
    people.close()


# --- Every page ------------------------------------------------------------------------------


@pytest.mark.parametrize("app", sorted(APPS))
def test_every_page_has_no_wcag_aa_violations(app, world_for, people, live_server):
    routes = APPS[app]
    world = world_for(routes)
    failures, wrong, seen_by, checked = [], [], {}, Counter()
    for name in routes:
        rule, make_args = _route(name)
        url = live_server.url + reverse(name, kwargs=make_args(world) if make_args else None)
        for who in VISITORS[rule]:
            page = people.page(who)
            if name in NOT_HTML:
                # The browser would download it: ask with the same cookies, look at the type.
                response = page.context.request.get(url)
                content_type = response.headers.get("content-type", "")
                if response.ok and content_type.startswith(NOT_HTML[name]):
                    seen_by.setdefault(name, set()).add(who)
                elif response.ok and content_type.startswith("text/html"):
                    wrong.append(f"{name} as {who} is a page: take it out of NOT_HTML")
                continue
            response = page.goto(url)
            content_type = response.headers.get("content-type", "")
            if not content_type.startswith("text/html"):
                wrong.append(f"{name} as {who} is {content_type}: list it in NOT_HTML")
                continue
            landed = _route_name(page.url)
            if response.status == 200 and landed == name:
                seen_by.setdefault(name, set()).add(who)
            elif landed != name:
                continue  # sent on to another page, walked on its own
            # The page as this person got it, a refusal (403/404) included.
            checked[who] += 1
            problems = accessibility_problems(page)
            if problems:
                failures.append(f"{name} as {who} ({page.url}):\n  " + "\n  ".join(problems))
    print(f"{app}: pages checked by person: {dict(checked)}")

    expected, seen = set(routes) - set(REDIRECTS), set(seen_by)
    assert seen == expected, f"never seen: {expected - seen}; not a redirect: {seen - expected}"
    for name in routes:
        rule = _route(name)[0]
        must = MUST_SEE.get(rule, set()) - ({"staff"} if name in STAFF_REFUSED else set())
        assert must <= seen_by.get(name, set()), f"{name}: {must - seen_by.get(name, set())}"
    assert wrong == []
    assert not failures, "\n".join(failures)


# --- Django's admin --------------------------------------------------------------------------


def _admin_objects(world, staff):
    """What test_url_walk's world lacks for an object of every model in the admin: attendance
    and votes at the meeting, a rotation order, a second group to escalate to, a user group,
    django-axes' records of a failed login and a set of recovery codes."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group as UserGroup
    from django.utils import timezone
    from django_otp.plugins.otp_static.models import StaticDevice

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


def test_refused_forms_tie_each_error_to_its_field(world_for, people, live_server):
    """Forms sent empty (or a filter with nonsense) on the shared form partial and on the pages
    with their own markup: the summary is announced (role=alert), each error is read with its
    field, and the page passes axe in that state."""
    world = world_for(["governance:meeting_create", "reporting:report_edit"])
    base = live_server.url
    staff, ngo = people.page("staff"), people.page("ngo")

    # partnerships/form.html: a required field with help text keeps the help in its description.
    # (A goal is added before signing; once signed the page points to an amendment instead.)
    before_signing(world.partnership)
    staff.goto(base + reverse("partnerships:goal_create", args=[world.partnership.pk]))
    staff.get_by_role("button", name="Spara").click()
    expect(staff.get_by_role("alert")).to_contain_text("Formuläret innehåller fel")
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

    # reporting/form.html, as the NGO.
    ngo.goto(base + reverse("reporting:feedback_create"))
    ngo.get_by_role("button", name="Spara").click()
    expect(ngo.get_by_role("alert")).to_contain_text("Formuläret innehåller fel")
    _assert_errors_tied_to_fields(ngo, ["id_period", "id_count"])
    assert_accessible(ngo)

    # The activity report has its own markup (fieldsets per group of figures).
    ngo.goto(base + reverse("reporting:report_edit", kwargs=_draft_report(world)))
    ngo.get_by_role("button", name="Skicka in rapporten").click()
    expect(ngo.get_by_role("alert")).to_contain_text("Rapporten kunde inte skickas in")
    _assert_errors_tied_to_fields(ngo, ["id_total"])
    assert_accessible(ngo)


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
