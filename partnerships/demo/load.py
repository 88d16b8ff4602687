"""Load the real demo agreements (partnerships/demo/data.py) through the services.

Everything goes through the same services as the staff views, so the demo has a real history:
who (the system user), when (the dates in the documents) and why. iop/demo.py runs this app's
loaders and then the other apps' (groups, meetings, report templates); each loader receives the
`DemoContext` and must be safe to run twice.
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone

from iop.history import delete_with_history, save_with_history
from partnerships.demo import data as demo_data
from partnerships.demo.clock import at
from partnerships.models import (
    Annex,
    Clause,
    Commitment,
    Compensation,
    Goal,
    Organisation,
    Participation,
    Partnership,
)
from partnerships.transitions import transition

User = get_user_model()

DEMO_PASSWORD = "demo1234"
DEMO_USERS = [
    # username, first name, last name, role, organisation key, superuser
    ("admin", "Ada", "Administratör", User.Role.ADMINISTRATION, "sof", True),
    ("handlaggare", "Hanna", "Handläggare", User.Role.ADMINISTRATION, "sof", False),
    ("streetminds", "Sam", "Företrädare", User.Role.REPRESENTATIVE, "streetminds", False),
    ("raddabarnen", "Rut", "Företrädare", User.Role.REPRESENTATIVE, "raddabarnen", False),
]


@dataclass
class DemoContext:
    actor: User
    # The day the demo is loaded: what happened before it is recorded as done, what is due
    # after it is left open.
    today: date = field(default_factory=timezone.localdate)
    organisations: dict = field(default_factory=dict)  # key -> Organisation
    partnerships: dict = field(default_factory=dict)  # key -> Partnership
    users: dict = field(default_factory=dict)  # username -> User
    data: object = demo_data
    # The compensation rows a later change of a bilaga brings (an extension): (annex, until,
    # day, reason), recorded by money.plan on that day, with that year's payments.
    later_compensations: list = field(default_factory=list)


def _load_organisations(ctx):
    first_seen = _first_seen()
    for item in demo_data.ORGANISATIONS:
        fields = {
            "kind": item["kind"],
            "name": item["name"],
            "org_number": item["org_number"],
            "bankgiro": item.get("bankgiro", ""),
            "plusgiro": item.get("plusgiro", ""),
            "description": item.get("description", ""),
            "unit_name": item.get("unit_name", ""),
        }
        existing = Organisation.objects.filter(org_number=item["org_number"]).first()
        if existing:
            ctx.organisations[item["key"]] = existing
        else:
            # Dated like the rest of the demo history, so "som det såg ut" on an early date
            # finds each party's organisation.
            ctx.organisations[item["key"]] = save_with_history(
                Organisation(**fields),
                actor=ctx.actor,
                reason="Demodata: organisation ur avtalet",
                history_date=at(first_seen.get(item["key"], min(first_seen.values()))),
            )


def _first_seen():
    """The earliest date each organisation appears in the demo agreements, by key."""
    first = {}
    for partnership in demo_data.PARTNERSHIPS:
        for party in partnership["parties"]:
            day = min(party["joined_on"], partnership["start_date"])
            first[party["org"]] = min(day, first.get(party["org"], day))
    return first


PARTNERSHIP_FIELDS = [
    "title",
    "registration_number",
    "status",
    "start_date",
    "end_date",
    "extension_kind",
    "extension_months",
    "extension_last_date",
    "notice_day",
    "notice_month",
    "agreement_months_before_end",
    "funds_condition",
    "party_notice_months",
    "background",
    "purpose",
    "target_group",
    "basis",
    "values",
    "gender_perspective",
    "information_dissemination",
    "confidentiality",
]


def _load_partnership(ctx, item):
    existing = Partnership.objects.filter(registration_number=item["registration_number"]).first()
    if existing:
        ctx.partnerships[item["key"]] = existing
        return
    actor = ctx.actor
    when = at(item["start_date"])
    reason = f"Avtalet {item['registration_number']} registrerat"
    fields = {name: item[name] for name in PARTNERSHIP_FIELDS if name in item}
    partnership = save_with_history(
        Partnership(**fields), actor=actor, reason=reason, history_date=when
    )
    ctx.partnerships[item["key"]] = partnership
    for order, text in enumerate(item.get("goals", []), start=1):
        save_with_history(
            Goal(partnership=partnership, order=order, text=text),
            actor=actor,
            reason=reason,
            history_date=when,
        )
    for order, clause in enumerate(_outline(item), start=1):
        save_with_history(
            Clause(partnership=partnership, order=order, **clause),
            actor=actor,
            reason=reason,
            history_date=when,
        )
    participations = {}
    for party in item["parties"]:
        participations[party["org"]] = save_with_history(
            Participation(
                partnership=partnership,
                organisation=ctx.organisations[party["org"]],
                unit=party.get("unit", ""),
                joined_on=party["joined_on"],
            ),
            actor=actor,
            reason=reason,
            history_date=when,
        )
    for annex_item in item.get("annexes", []):
        annex = save_with_history(
            Annex(
                partnership=partnership,
                participation=participations[annex_item["party"]],
                number=annex_item["number"],
                title=annex_item["title"],
                registration_number=annex_item.get("registration_number", ""),
                start_date=annex_item["start_date"],
                end_date=annex_item["end_date"],
                description=annex_item.get("description", ""),
            ),
            actor=actor,
            reason=reason,
            history_date=when,
        )
        for order, (title, description) in enumerate(annex_item.get("commitments", []), start=1):
            save_with_history(
                Commitment(annex=annex, order=order, title=title, description=description),
                actor=actor,
                reason=reason,
                history_date=when,
            )
        add_compensations(ctx, annex, until=annex.end_date, when=when, reason=reason)
    for change in item.get("later_history", []):
        _apply_later_change(ctx, partnership, participations, change)


def _apply_later_change(ctx, partnership, participations, change):
    when = at(change["date"])
    kind = change["kind"]
    if kind == "party_left":
        participation = participations[change["party"]]
        transition(
            participation,
            change.get("leave_reason", Participation.LeaveReason.OTHER),
            actor=ctx.actor,
            reason=change["reason"],
            fields={
                "left_on": change["left_on"],
                "leave_note": change.get("note", change["reason"]),
            },
            history_date=when,
        )
    elif kind == "partnership_change":
        changes = dict(change["changes"])
        goals = changes.pop("goals", None)
        for name, value in changes.items():
            setattr(partnership, name, value)
        save_with_history(partnership, actor=ctx.actor, reason=change["reason"], history_date=when)
        if goals is not None:
            _replace_goals(ctx, partnership, goals, reason=change["reason"], when=when)
    elif kind == "annex_change":
        annex = Annex.objects.get(
            partnership=partnership, participation=participations[change["party"]]
        )
        for name, value in change["changes"].items():
            setattr(annex, name, value)
        save_with_history(annex, actor=ctx.actor, reason=change["reason"], history_date=when)
        ctx.later_compensations.append((annex, annex.end_date, change["date"], change["reason"]))
    elif kind == "party_change":
        participation = participations[change["party"]]
        for name, value in change["changes"].items():
            setattr(participation, name, value)
        save_with_history(
            participation, actor=ctx.actor, reason=change["reason"], history_date=when
        )
    else:
        raise ValueError(f"Unknown demo change kind {kind!r}")


def _compensation_rows(annex):
    item = next(
        p
        for p in demo_data.PARTNERSHIPS
        if p["registration_number"] == annex.partnership.registration_number
    )
    annex_item = next(a for a in item["annexes"] if a["number"] == annex.number)
    return annex_item.get("compensation", [])


def add_compensations(ctx, annex, *, until, when, reason):
    """The bilaga's compensation rows (from the data) that fall within its period up to `until`
    and are not there yet: a row is recorded when the bilaga comes to cover it (signed, or
    extended), never beyond the bilaga's period. Returns the rows added."""
    have = set(annex.compensations.values_list("period_start", flat=True))
    added = []
    for start, end, amount in _compensation_rows(annex):
        if start in have or end > until:
            continue
        added.append(
            save_with_history(
                Compensation(annex=annex, period_start=start, period_end=end, amount=amount),
                actor=ctx.actor,
                reason=reason,
                history_date=when,
            )
        )
    return added


def _replace_goals(ctx, partnership, texts, *, reason, when):
    """Reword goals in place (so the timeline shows old → new), then add or remove the rest."""
    existing = list(partnership.goals.order_by("order", "pk"))
    for order, text in enumerate(texts, start=1):
        if order <= len(existing):
            goal = existing[order - 1]
            if goal.text != text:
                goal.text = text
                save_with_history(goal, actor=ctx.actor, reason=reason, history_date=when)
        else:
            goal = Goal(partnership=partnership, order=order, text=text)
            save_with_history(goal, actor=ctx.actor, reason=reason, history_date=when)
    for goal in existing[len(texts) :]:
        goal._history_date = when
        delete_with_history(goal, actor=ctx.actor, reason=reason)


def _load_users(ctx):
    for username, first, last, role, org_key, superuser in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first, last_name=last)
        user.role = role
        user.organisation = ctx.organisations[org_key]
        user.email = f"{username}@example.org"
        user.is_superuser = superuser
        user.is_staff = superuser
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        ctx.users[username] = user


def load_agreements(ctx):
    """The organisations, the agreements as signed (parties, bilagor, commitments,
    compensation) with their later changes, and the demo users."""
    _load_organisations(ctx)
    for item in demo_data.PARTNERSHIPS:
        _load_partnership(ctx, item)
    _load_users(ctx)


def _outline(item):
    """The clauses in the agreement's order, with its numbers and the sections that hold texts
    kept as data. A period section's text is printed from the data, so only a note beyond it
    is kept as its text."""
    texts = dict(item.get("clauses", []))
    if "outline" not in item:
        return [{"heading": h, "body": b} for h, b in item.get("clauses", [])]
    clauses = []
    for number, heading, holds in item["outline"]:
        body = texts.pop(heading, "")
        if holds == "period":
            body = item.get("period_note", "")
        clauses.append({"number": number, "heading": heading, "holds": holds, "body": body})
    assert not texts, f"clauses not placed in the outline: {sorted(texts)}"
    return clauses
