"""Every HTML page of the project, as each kind of user sees it: the one list of pages that the
axe-core walk (test_axe_every_page) and the reflow walk at 320 px (test_reflow_every_page) go
through, so that every page one checks the other checks too.

The routes come from tests/security/test_url_walk.py: its ROUTES table classifies every named
route (test_every_route_is_classified there fails for a route that is not in it) and builds the
URL arguments from a factory-made "world" holding an object of every kind. Each route is opened
in Chromium by everyone who can see it – staff routes by the handläggare, a party's pages also by
the NGO's representative, public pages anonymously. Answers that are not pages (PDF, CSV, XLSX,
calendar, uploaded files) are in NOT_HTML and routes that only redirect in REDIRECTS; the walk
checks both, and that every other route was seen as a page, so coverage cannot shrink silently.
"""

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from iop.enrolment import ENROL_PROOF_KEY
from tests.factories import RepresentativeFactory
from tests.security.test_url_walk import (
    POST_RULES,
    ROUTES,
    STAFF_REFUSED,
    _parts,
    _uid,
    _world,
)

# Who opens a route of each access rule (test_url_walk's rules). POST-only routes ("post",
# "post-own", "post-back": a GET goes back to the object's page) and those test_url_walk skips
# are not pages.
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
    "partnerships:de_minimis_statement": "application/pdf",
    "partnerships:archive_package_download": "application/zip",
    "portfolio_pdf": "application/pdf",
    "partnerships:signature_scan": "application/pdf",
    "partnerships:signed_pdf": "application/pdf",
    # a plain-text agreement's original (tests/security/test_url_walk.py makes a .txt)
    "partnerships:import_original": "application/octet-stream",
    "partnerships:import_attachment": "application/pdf",
    "governance:meeting_ics": "text/calendar",
    "governance:minutes_pdf": "application/pdf",
    "deadlines:feed": "text/calendar",
    "reporting:attachment_download": "application/pdf",
    "reporting:halfyear_pdf": "application/pdf",
    "reporting:halfyear_export": "text/csv",
    "reporting:annual_pdf": "application/pdf",
    "reporting:annual_export": "application/vnd.openxmlformats-officedocument.spreadsheetml",
    "partnerships:organisation_suggestions": "application/json",
    "favicon": "image/svg+xml",
    "public:data_json": "application/json",
    "public:data_record": "application/json",
    "public:data_csv": "text/csv",
    "public:openapi": "application/json",
}

# Routes that only send everyone on to another page (walked on its own).
REDIRECTS = {"home": "staff to Att göra, NGO representatives to their portal"}


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


def _import_to_review(world):
    """An agreement uploaded and not yet created: the review with every proposal (the world's
    own import has made its partnership, and its review page says so)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from partnerships.services.imports import agreement_import_create
    from tests.partnerships.import_documents import OWN_AGREEMENT

    agreement_import = agreement_import_create(
        actor=world.agreement_import.uploaded_by,
        document=SimpleUploadedFile("laxhjalp.txt", OWN_AGREEMENT.encode()),
    )
    return {"pk": agreement_import.pk}


# Where test_url_walk's arguments do not lead to the page (a wrong token, a submitted report),
# the walk uses its own: name -> (rule, arguments).
OVERRIDES = {
    "password_reset_confirm": ("public", _invitation),
    "portal:activate": ("public", _invitation),
    # staff are sent on to the report: only the organisation edits its draft
    "reporting:report_edit": ("member", _draft_report),
    "governance:minutes_approve_on_behalf": ("staff", _approval_on_behalf),
    "partnerships:import_review": ("staff", _import_to_review),
}


def route(name):
    return OVERRIDES.get(name, ROUTES[name])


def _app(name):
    namespace = name.split(":")[0] if ":" in name else ""
    return {"": "account", "mfa": "account"}.get(namespace, namespace)


APPS = {}
for _name in ROUTES:
    if route(_name)[0] in VISITORS:
        APPS.setdefault(_app(_name), []).append(_name)


# POST-only routes test_url_walk skips (it walks no POST-only Django view).
POST_ONLY_SKIPPED = {"logout", "set_language"}
# Sign-in over OpenID Connect: a redirect to the provider and the provider's answers, not pages
# (walked against a real provider in test_oidc_sign_in.py; 404 when none is configured).
PROVIDER_ROUTES = {"oidc:start", "oidc:callback_staff", "oidc:callback_eid"}


def world_of(routes, partnership, organisation, representative, staff, city):
    """test_url_walk's world for one NGO, with the objects `routes` need (building all of them
    for every app would make the walk several times slower for nothing)."""
    parts = set().union(*(_parts(name) for name in routes))
    if "reporting:report_edit" in routes:
        parts.add("reporting")
    return _world(partnership, organisation, representative, staff, city, parts)


def html_routes():
    """(walked, post_only): the routes opened as pages (or asked for their file), and the
    POST-only ones that are not pages."""
    walked = {name for names in APPS.values() for name in names}
    post_only = {n for n in ROUTES if route(n)[0] in POST_RULES} | POST_ONLY_SKIPPED
    return walked, post_only | PROVIDER_ROUTES


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

    def __init__(self, browser, live_server, users, viewport=None):
        self.browser, self.live_server, self.users = browser, live_server, users
        self.viewport = viewport or {"width": 1280, "height": 720}  # Playwright's default
        self.pages = {}

    def page(self, who):
        if who not in self.pages:
            context = self.browser.new_context(
                locale="sv-SE", timezone_id="Europe/Stockholm", viewport=self.viewport
            )
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


# --- The walk --------------------------------------------------------------------------------


@dataclass
class Visit:
    """One page as one person got it (a refusal, 403 or 404, included), and what the check
    found wrong on it, one line each."""

    name: str
    who: str
    url: str
    problems: list


def walk_app(app, world, people, check):
    """Open every route of `app` as everyone who can see it and run `check(page)` (a list of
    problems) on each page landed on. Fails if a route was never seen as what it should be (a
    page, a file of NOT_HTML's type) or if someone who must see a page did not; returns the
    visits, for the caller to judge."""
    routes = APPS[app]
    visits, wrong, seen_by = [], [], {}
    for name in routes:
        rule, make_args = route(name)
        path = reverse(name, kwargs=make_args(world) if make_args else None)
        for who in VISITORS[rule]:
            page = people.page(who)
            url = page.base_url + path
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
            visits.append(Visit(name, who, page.url, check(page)))

    expected, seen = set(routes) - set(REDIRECTS), set(seen_by)
    assert seen == expected, f"never seen: {expected - seen}; not a redirect: {seen - expected}"
    for name in routes:
        rule = route(name)[0]
        must = MUST_SEE.get(rule, set()) - ({"staff"} if name in STAFF_REFUSED else set())
        assert must <= seen_by.get(name, set()), f"{name}: {must - seen_by.get(name, set())}"
    assert wrong == []
    return visits


def assert_no_problems(app, visits):
    """Every page passed; else every page that did not, with its problems."""
    failed = [v for v in visits if v.problems]
    print(f"{app}: {len(visits) - len(failed)} of {len(visits)} pages pass")
    assert not failed, f"{len(failed)} of {len(visits)} pages:\n" + "\n".join(
        f"{v.name} as {v.who} ({v.url}):\n  " + "\n  ".join(v.problems) for v in failed
    )
