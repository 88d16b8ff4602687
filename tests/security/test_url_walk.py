"""Walk EVERY URL pattern of the project as staff, NGO A, NGO B and anonymous, against objects
of A and of B: no server error, no leak.

Each named route must be listed in ROUTES with its access rule and, if it takes arguments, how
to build them from the fixture objects; a route that is not listed fails
`test_every_route_is_classified`, so a new view cannot be added without being walked.
(After the lifecycle/governance/reporting merges their routes go into ROUTES.)

Rules:
  staff   – förvaltning only: staff 200; NGO users 403 or 404; anonymous to the login page
  party   – a party's own object: staff 200; the owning NGO 200; the other NGO 404
  member  – like party, but what the owning NGO may see depends on the object's state (draft
            minutes, unapproved decisions): the owner may get 200/403/404, the other NGO never 200
  post    – POST-only action: GET is 405 (or 403/404 for those who may not act), never a 200
  user    – any logged-in user: 200 (or a redirect) for everyone logged in
  public  – anonymous 200 too
  skip    – not walked by GET (reason given)
"""

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from partnerships.models import Clause
from tests.factories import CommitmentFactory, CompensationFactory, GoalFactory

pytestmark = pytest.mark.django_db


@dataclass
class World:
    partnership: object
    participation: object
    annex: object
    goal: object
    clause: object
    commitment: object
    compensation: object
    organisation: object
    group: object = None
    member: object = None
    meeting: object = None
    item: object = None
    decision: object = None
    draw: object = None
    remediation: object = None


def _world(partnership, organisation, representative, staff, city):
    participation = partnership.participations.get(organisation=organisation)
    annex = partnership.annexes.get(participation=participation)
    world = World(
        partnership=partnership,
        participation=participation,
        annex=annex,
        goal=GoalFactory(partnership=partnership),
        clause=Clause.objects.create(partnership=partnership, heading="Parter", body="Text."),
        commitment=CommitmentFactory(annex=annex),
        compensation=CompensationFactory(annex=annex),
        organisation=organisation,
    )
    _governance(world, representative, staff, city)
    return world


def _governance(world, representative, staff, city):
    """A steering group of the partnership with the owner NGO's representative as a member, a
    future meeting with an item and a decision, a chair draw and a remediation plan."""
    from datetime import timedelta

    from django.utils import timezone

    from governance import services
    from tests.governance.factories import GroupFactory, MeetingFactory, MemberFactory

    reason = "URL-genomgång"
    world.group = GroupFactory(partnership=world.partnership)
    MemberFactory(group=world.group, name="Hanna", user=staff, organisation=city)
    MemberFactory(group=world.group, name="Enhetschef", organisation=city)
    world.member = MemberFactory(
        group=world.group, name="Företrädare", user=representative, organisation=world.organisation
    )
    world.meeting = MeetingFactory(
        group=world.group, date=timezone.localdate() + timedelta(days=30)
    )
    world.item = services.agenda_item_add(
        meeting=world.meeting, title="Budget", actor=staff, reason=reason
    )
    world.decision = services.decision_record(
        item=world.item, text="Beslut", type="general", actor=staff, reason=reason
    )
    world.draw = services.chair_draw(
        group=world.group, term_start=world.partnership.start_date, actor=staff, reason=reason
    )
    world.remediation = services.remediation_request(
        group=world.group,
        organisation=world.organisation,
        deficiency="Rapporten saknas",
        due_on=timezone.localdate() + timedelta(days=60),
        actor=staff,
        reason=reason,
    )


def pk(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


ROUTES = {
    "home": ("user", None),
    "portal:home": ("user", None),
    "partnerships:list": ("staff", None),
    "partnerships:create": ("staff", None),
    "partnerships:detail": ("staff", pk("partnership")),
    "partnerships:edit": ("staff", pk("partnership")),
    "partnerships:history": ("staff", pk("partnership")),
    "partnerships:goal_create": ("staff", pk("partnership")),
    "partnerships:goal_edit": ("staff", pk("goal")),
    "partnerships:goal_delete": ("staff", pk("goal")),
    "partnerships:clause_create": ("staff", pk("partnership")),
    "partnerships:clause_edit": ("staff", pk("clause")),
    "partnerships:participation_create": ("staff", pk("partnership")),
    "partnerships:participation_edit": ("staff", pk("participation")),
    "partnerships:annex_create": ("staff", pk("partnership")),
    "partnerships:annex_detail": ("staff", pk("annex")),
    "partnerships:annex_edit": ("staff", pk("annex")),
    "partnerships:commitment_create": ("staff", pk("annex")),
    "partnerships:commitment_edit": ("staff", pk("commitment")),
    "partnerships:commitment_delete": ("staff", pk("commitment")),
    "partnerships:compensation_create": ("staff", pk("annex")),
    "partnerships:compensation_edit": ("staff", pk("compensation")),
    "partnerships:organisation_list": ("staff", None),
    "partnerships:organisation_create": ("staff", None),
    "partnerships:organisation_detail": ("staff", pk("organisation")),
    "partnerships:organisation_edit": ("staff", pk("organisation")),
    "login": ("public", None),
    "password_reset": ("public", None),
    "password_reset_done": ("public", None),
    "password_reset_complete": ("public", None),
    "account": ("user", None),
    "password_change": ("user", None),
    "password_change_done": ("user", None),
    "mfa:verify": ("user", None),
    "mfa:setup": ("user", None),
    "mfa:recovery_codes": ("user", None),
    # governance (issue 4): staff manage; a member organisation's representative sees its groups.
    "governance:group_list": ("user", None),
    "governance:group_create": ("staff", pk("partnership")),
    "governance:decision_register": ("party", pk("partnership")),
    "governance:group_detail": ("party", pk("group")),
    "governance:group_edit": ("staff", pk("group")),
    "governance:member_create": ("staff", pk("group")),
    "governance:member_edit": ("staff", pk("member")),
    "governance:chair_draw": ("staff", pk("group")),
    "governance:chair_rotate": ("staff", pk("group")),
    "governance:chair_appoint": ("staff", pk("group")),
    "governance:rotation_edit": ("staff", pk("group")),
    "governance:draw_detail": ("party", pk("draw")),
    "governance:escalation_create": ("staff", pk("group")),
    "governance:remediation_request": ("staff", pk("group")),
    "governance:remediation_detail": ("party", pk("remediation")),
    "governance:remediation_submit": ("party", pk("remediation")),
    "governance:remediation_assess": ("staff", pk("remediation")),
    "governance:meeting_create": ("staff", pk("group")),
    "governance:meeting_detail": ("party", pk("meeting")),
    "governance:meeting_edit": ("staff", pk("meeting")),
    "governance:meeting_status": ("staff", pk("meeting")),
    "governance:item_create": ("party", pk("meeting")),
    "governance:attendance_edit": ("staff", pk("meeting")),
    "governance:minutes_adjuster": ("post", pk("meeting")),
    "governance:minutes_approve": ("post", pk("meeting")),
    "governance:minutes_correct": ("staff", pk("meeting")),
    "governance:notice_send": ("post", pk("meeting")),
    "governance:meeting_ics": ("party", pk("meeting")),
    "governance:minutes_pdf": ("member", pk("meeting")),
    "governance:item_minutes": ("staff", pk("item")),
    "governance:decision_create": ("staff", pk("item")),
    "governance:decision_detail": ("member", pk("decision")),
    "logout": ("skip", "POST only; tested in the auth tests"),
    "set_language": ("skip", "POST only (Django's view)"),
    "password_reset_confirm": ("skip", "needs a token; walked in test_mfa's reset test"),
}


def project_routes():
    """(name, pattern) of every named route except the Django admin (its own permission
    system, checked in test_mfa and by Django's tests)."""

    def walk(patterns, namespace=None):
        for item in patterns:
            if isinstance(item, URLResolver):
                if item.app_name == "admin":
                    continue
                ns = item.namespace
                full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                yield from walk(item.url_patterns, full)
            elif isinstance(item, URLPattern) and item.name:
                yield (f"{namespace}:{item.name}" if namespace else item.name), item

    return list(walk(get_resolver().url_patterns))


def test_every_route_is_classified():
    missing = [name for name, _ in project_routes() if name not in ROUTES]
    assert missing == [], f"Add these routes to ROUTES in {__file__}: {missing}"
    stale = set(ROUTES) - {name for name, _ in project_routes()}
    assert stale == set()


# Actions only the NGO takes (staff are refused even though they see the object).
STAFF_REFUSED = {"governance:remediation_submit"}

WALKED = [name for name, (rule, _) in ROUTES.items() if rule != "skip"]


@pytest.fixture
def worlds(partnership_a, partnership_b, org_a, org_b, rep_a, rep_b, staff, city):
    return {
        "A": _world(partnership_a, org_a, rep_a, staff, city),
        "B": _world(partnership_b, org_b, rep_b, staff, city),
    }


@pytest.mark.parametrize("name", WALKED)
def test_walk(name, worlds, client, staff, rep_a, rep_b, settings):
    from django.urls import reverse

    settings.IOP_REQUIRE_MFA = False
    rule, make_args = ROUTES[name]
    owners = ["A", "B"] if make_args else [None]
    for owner in owners:
        url = reverse(name, kwargs=make_args(worlds[owner]) if make_args else None)
        for who, user in [("staff", staff), ("A", rep_a), ("B", rep_b), ("anonymous", None)]:
            client.logout()
            if user is not None:
                client.force_login(user)
            response = client.get(url)
            status = response.status_code
            where = f"{who} GET {url} (object of {owner}) -> {status}"
            assert status < 500, where
            if who == "anonymous":
                if rule == "public":
                    assert status == 200, where
                else:
                    assert status == 302 and response.url.startswith("/logga-in/"), where
            elif rule == "post":
                assert status in (403, 404, 405), where
            elif who == "staff":
                assert status in ((403,) if name in STAFF_REFUSED else (200, 302)), where
            elif rule == "staff":
                assert status in (403, 404), where
            elif rule == "party":
                assert status == (200 if who == owner else 404), where
            elif rule == "member":
                if who == owner:
                    assert status in (200, 302, 403, 404), where
                else:
                    assert status in (403, 404), where
            else:
                assert status in (200, 302), where
            if status == 302 and who != "anonymous":
                # A redirect must not lead a user to something they may not see.
                assert not response.url.startswith("http"), where
