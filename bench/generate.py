"""Generate data at Stockholm scale for the benchmark.

1×  : 30 partnerships, 150 organisations, 3,000 reports, about 50,000 history rows.
10× : 300 partnerships, 1,500 organisations, 30,000 reports, about 500,000 history rows.

Rows are written with simple-history's `bulk_create_with_history` / `bulk_update_with_history`, so
every row has its history as the product's own writes would; nothing bypasses the audit trail.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/iop_bench \\
        .venv/bin/python bench/generate.py --scale 10
"""

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from simple_history.utils import bulk_create_with_history, bulk_update_with_history  # noqa: E402

from iop.history import system_user  # noqa: E402
from partnerships.models import (  # noqa: E402
    Annex,
    Clause,
    Commitment,
    Compensation,
    Goal,
    Organisation,
    Participation,
    Partnership,
    User,
)
from partnerships.validators import luhn_valid  # noqa: E402

BATCH = 2000
REASON = "Benchmarkdata"


def org_number(n):
    body = f"{700000000 + n:09d}"
    check = next(c for c in range(10) if luhn_valid(body + str(c)))
    return f"{body[:6]}-{body[6:]}{check}"


def history_rows():
    models = [Partnership, Goal, Clause, Participation, Annex, Commitment, Compensation]
    total = sum(model.history.model.objects.count() for model in models)
    for extra in _extra_history_models():
        total += extra.history.model.objects.count()
    return total


def _extra_history_models():
    """Historical models of the other apps, when they exist."""
    from django.apps import apps

    found = []
    for app in ("governance", "reporting"):
        try:
            config = apps.get_app_config(app)
        except LookupError:
            continue
        for model in config.get_models():
            if hasattr(model, "history") and not model.__name__.startswith("Historical"):
                found.append(model)
    return found


def generate_partnerships(scale, rng, actor):
    n_partnerships = 30 * scale
    n_orgs = 150 * scale
    city = Organisation.objects.filter(kind=Organisation.Kind.PUBLIC).first()
    if city is None:
        city = Organisation.objects.create(
            kind=Organisation.Kind.PUBLIC,
            name="Stockholms stad, socialförvaltningen",
            org_number="212000-0142",
        )
    start_index = Organisation.objects.count()
    orgs = [
        Organisation(
            kind=Organisation.Kind.NGO,
            name=f"Förening {start_index + i}",
            org_number=org_number(start_index + i),
        )
        for i in range(n_orgs)
    ]
    orgs = bulk_create_with_history(
        orgs, Organisation, BATCH, default_user=actor, default_change_reason=REASON
    )
    orgs = list(Organisation.objects.filter(kind=Organisation.Kind.NGO).order_by("-pk")[:n_orgs])

    partnerships = []
    for i in range(n_partnerships):
        start = date(2019 + i % 6, 1 + i % 12, 1)
        partnerships.append(
            Partnership(
                title=f"Partnerskap {i} om {rng.choice(['hemlöshet', 'ensamkommande', 'våld i nära relationer', 'äldres ensamhet', 'barn och unga'])}",
                registration_number=f"BENCH {scale}-{i}-{time.time_ns() % 10**9}",
                status=rng.choice(["active", "active", "active", "ended", "terminating", "draft"]),
                start_date=start,
                end_date=start + timedelta(days=365 * 2),
                extension_kind="automatic",
                extension_months=6,
                extension_last_date=start + timedelta(days=365 * 4),
                notice_day=31,
                notice_month=12,
                purpose="Syftet är att stärka målgruppens livssituation. " * 5,
                background="Bakgrund. " * 40,
            )
        )
    partnerships = bulk_create_with_history(
        partnerships, Partnership, BATCH, default_user=actor, default_change_reason=REASON
    )
    partnerships = list(Partnership.objects.order_by("-pk")[:n_partnerships])

    goals, clauses, participations = [], [], []
    for p in partnerships:
        goals += [
            Goal(partnership=p, order=g, text=f"Mål {g}: att minska utanförskap") for g in range(5)
        ]
        clauses += [
            Clause(partnership=p, order=c, heading=f"Avsnitt {c}", body="Text. " * 30)
            for c in range(15)
        ]
        participations.append(
            Participation(partnership=p, organisation=city, joined_on=p.start_date)
        )
        for org in rng.sample(orgs, 5):
            participations.append(
                Participation(partnership=p, organisation=org, joined_on=p.start_date)
            )
    bulk_create_with_history(goals, Goal, BATCH, default_user=actor, default_change_reason=REASON)
    bulk_create_with_history(
        clauses, Clause, BATCH, default_user=actor, default_change_reason=REASON
    )
    bulk_create_with_history(
        participations, Participation, BATCH, default_user=actor, default_change_reason=REASON
    )

    annexes = []
    participations = Participation.objects.filter(partnership__in=partnerships).select_related(
        "partnership"
    )
    for number, participation in enumerate(participations, start=1):
        p = participation.partnership
        annexes.append(
            Annex(
                partnership=p,
                participation=participation,
                number=number % 7 + 1,
                title=f"Bilaga {participation.organisation_id}",
                registration_number=f"2.11.6-{number}/{p.start_date.year}",
                start_date=p.start_date,
                end_date=p.end_date,
                description="Upplägg. " * 20,
            )
        )
    bulk_create_with_history(
        annexes, Annex, BATCH, default_user=actor, default_change_reason=REASON
    )
    annexes = list(Annex.objects.filter(partnership__in=partnerships))
    commitments, compensations = [], []
    for annex in annexes:
        commitments += [
            Commitment(
                annex=annex, order=c, title=f"Åtagande {c}", description="Beskrivning. " * 10
            )
            for c in range(5)
        ]
        for year in range(3):
            compensations.append(
                Compensation(
                    annex=annex,
                    period_start=annex.start_date + timedelta(days=365 * year),
                    period_end=annex.start_date + timedelta(days=365 * (year + 1) - 1),
                    amount=Decimal(rng.randrange(200_000, 2_000_000, 50_000)),
                )
            )
    bulk_create_with_history(
        commitments, Commitment, BATCH, default_user=actor, default_change_reason=REASON
    )
    bulk_create_with_history(
        compensations, Compensation, BATCH, default_user=actor, default_change_reason=REASON
    )
    return partnerships, orgs


def pad_history(target, partnerships, actor):
    """Reword commitments (recorded in history, as staff edits are) until the target is reached."""
    commitments = list(Commitment.objects.filter(annex__partnership__in=partnerships))
    round_no = 0
    while history_rows() < target and commitments:
        round_no += 1
        for commitment in commitments:
            commitment.description = f"Reviderad beskrivning {round_no}. " * 5
        missing = target - history_rows()
        batch = commitments[: max(1, min(len(commitments), missing))]
        bulk_update_with_history(
            batch,
            Commitment,
            ["description"],
            BATCH,
            default_user=actor,
            default_change_reason=f"Revision {round_no}",
        )


GENERATORS = []  # (name, fn(scale, rng, actor, partnerships, orgs)) added by the other apps below


def grant_rows(perm_codenames, pairs):
    """GroupObjectPermission rows as `partnerships.access.grant_to_organisation` would write them.

    `pairs` is [(organisation_id, obj)]; one bulk insert instead of one assign_perm per row (the
    permission table is not a historical model). The groups are the app's own "org-<pk>" groups.
    """
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from guardian.models import GroupObjectPermission

    from partnerships.access import GROUP_PREFIX

    pairs = list(pairs)
    if not pairs:
        return 0
    org_ids = {org_id for org_id, _obj in pairs}
    existing = set(
        Group.objects.filter(name__startswith=GROUP_PREFIX).values_list("name", flat=True)
    )
    Group.objects.bulk_create(
        [
            Group(name=f"{GROUP_PREFIX}{pk}")
            for pk in org_ids
            if f"{GROUP_PREFIX}{pk}" not in existing
        ]
    )
    groups = {
        int(g.name[len(GROUP_PREFIX) :]): g.pk
        for g in Group.objects.filter(name__in=[f"{GROUP_PREFIX}{pk}" for pk in org_ids])
    }
    content_type = ContentType.objects.get_for_model(type(pairs[0][1]))
    perms = []
    for codename in perm_codenames:
        app_label, code = codename.split(".")
        perms.append(Permission.objects.get(content_type__app_label=app_label, codename=code).pk)
    rows = [
        GroupObjectPermission(
            group_id=groups[org_id],
            permission_id=perm,
            content_type=content_type,
            object_pk=str(obj.pk),
        )
        for org_id, obj in pairs
        for perm in perms
    ]
    GroupObjectPermission.objects.bulk_create(rows, BATCH, ignore_conflicts=True)
    return len(rows)


def generate_grants(scale, rng, actor, partnerships, orgs):
    """The grants the post_save receivers of Participation and Annex make (bulk writes skip them)."""
    participations = Participation.objects.filter(partnership__in=partnerships).select_related(
        "partnership"
    )
    grant_rows(
        ["partnerships.view_partnership"],
        [(p.organisation_id, p.partnership) for p in participations],
    )
    annexes = Annex.objects.filter(partnership__in=partnerships).select_related("participation")
    grant_rows(["partnerships.view_annex"], [(a.participation.organisation_id, a) for a in annexes])


def generate_governance(scale, rng, actor, partnerships, orgs):
    """Per partnership a steering group with one member per party, four meetings a year for three
    years, four paragraphs per meeting and a decision on every other paragraph."""
    from datetime import time as clock

    from governance.models import AgendaItem, Decision, Group, GroupMember, Meeting

    groups = [
        Group(
            partnership=p,
            kind=Group.Kind.STEERING,
            name=f"Styrgrupp {p.pk}",
            established_on=p.start_date,
        )
        for p in partnerships
    ]
    bulk_create_with_history(groups, Group, BATCH, default_user=actor, default_change_reason=REASON)
    groups = list(Group.objects.filter(partnership__in=partnerships).select_related("partnership"))
    members, meetings = [], []
    parties = {}
    for participation in Participation.objects.filter(partnership__in=partnerships):
        parties.setdefault(participation.partnership_id, []).append(participation.organisation_id)
    for group in groups:
        p = group.partnership
        for n, org_id in enumerate(parties.get(p.pk, [])):
            members.append(
                GroupMember(
                    group=group,
                    name=f"Ledamot {group.pk}-{n}",
                    email=f"ledamot{group.pk}-{n}@example.org",
                    organisation_id=org_id,
                    role=GroupMember.Role.CHAIR if n == 0 else GroupMember.Role.REPRESENTATIVE,
                    from_date=p.start_date,
                )
            )
        for q in range(12):
            day = p.start_date + timedelta(days=91 * q + 14)
            meetings.append(
                Meeting(
                    group=group,
                    date=day,
                    start_time=clock(13, 0),
                    end_time=clock(15, 0),
                    place="Socialförvaltningen, rum 4",
                    status=Meeting.Status.HELD if day < date(2026, 1, 1) else "scheduled",
                )
            )
    bulk_create_with_history(
        members, GroupMember, BATCH, default_user=actor, default_change_reason=REASON
    )
    bulk_create_with_history(
        meetings, Meeting, BATCH, default_user=actor, default_change_reason=REASON
    )
    items = []
    numbers = {}
    for meeting in Meeting.objects.filter(group__in=groups).order_by("group_id", "date"):
        for i in range(4):
            key = (meeting.group_id, meeting.date.year)
            numbers[key] = numbers.get(key, 0) + 1
            items.append(
                AgendaItem(
                    meeting=meeting,
                    group_id=meeting.group_id,
                    year=meeting.date.year,
                    number=numbers[key],
                    title=f"Punkt {i + 1}: uppföljning av verksamheten",
                    description="Underlag. " * 10,
                    minutes_text="Styrgruppen diskuterade. " * 5,
                )
            )
    bulk_create_with_history(
        items, AgendaItem, BATCH, default_user=actor, default_change_reason=REASON
    )
    decisions = [
        Decision(
            item=item,
            text="Styrgruppen beslutar att godkänna redovisningen.",
            outcome=Decision.Outcome.ADOPTED,
        )
        for item in AgendaItem.objects.filter(group__in=groups).only("pk", "number")
        if item.number % 2
    ]
    bulk_create_with_history(
        decisions, Decision, BATCH, default_user=actor, default_change_reason=REASON
    )


def generate_reporting(scale, rng, actor, partnerships, orgs):
    """A template per partnership, 20 half-year periods, one report per NGO party and period
    (3,000 at 1×), each created, submitted and accepted (three history rows), with the grants
    reporting's services give the organisation on its report."""
    from reporting.models import ActivityReport, AnnualCompilation, ReportingPeriod, ReportTemplate
    from reporting.services import REPORT_PERMS

    goals = {}
    for goal in Goal.objects.filter(partnership__in=partnerships).order_by("order"):
        goals.setdefault(goal.partnership_id, []).append({"id": goal.pk, "text": goal.text})
    templates = [
        ReportTemplate(
            partnership=p,
            version=1,
            decision="Styrgruppens möte § 2",
            age_bands=["0–17", "18–25", "26–64", "65+"],
            goals=goals.get(p.pk, []),
            questions=["Hur har samverkan fungerat?"],
        )
        for p in partnerships
    ]
    bulk_create_with_history(
        templates, ReportTemplate, BATCH, default_user=actor, default_change_reason=REASON
    )
    templates = {
        t.partnership_id: t for t in ReportTemplate.objects.filter(partnership__in=partnerships)
    }
    periods = []
    for p in partnerships:
        first = date(2019, 1, 1)
        for h in range(20):
            start = date(first.year + h // 2, 1 if h % 2 == 0 else 7, 1)
            end = date(start.year, 6, 30) if h % 2 == 0 else date(start.year, 12, 31)
            periods.append(
                ReportingPeriod(
                    partnership=p,
                    kind=ReportingPeriod.Kind.HALF_YEAR,
                    start=start,
                    end=end,
                    due_date=end + timedelta(days=30),
                )
            )
    bulk_create_with_history(
        periods, ReportingPeriod, BATCH, default_user=actor, default_change_reason=REASON
    )
    ngo_parties = {}
    for participation in Participation.objects.filter(
        partnership__in=partnerships, organisation__kind=Organisation.Kind.NGO
    ):
        ngo_parties.setdefault(participation.partnership_id, []).append(
            participation.organisation_id
        )
    reports = []
    today = date(2026, 11, 23)
    for period in ReportingPeriod.objects.filter(partnership__in=partnerships):
        template = templates[period.partnership_id]
        for org_id in ngo_parties.get(period.partnership_id, []):
            women, men, other = rng.randrange(5, 60), rng.randrange(5, 60), rng.randrange(0, 5)
            total = women + men + other
            young = rng.randrange(0, total // 3 + 1)
            reports.append(
                ActivityReport(
                    period=period,
                    organisation_id=org_id,
                    template=template,
                    status="draft",
                    figures={
                        "total": total,
                        "gender": {"women": women, "men": men, "other": other},
                        "age": {"0–17": young, "18–25": 0, "26–64": total - young, "65+": 0},
                    },
                    answers={
                        **{
                            f"goal{g['id']}": "Vi har arbetat mot målet. " * 4
                            for g in template.goals
                        },
                        "q1": "Samverkan har fungerat väl.",
                        "feedback": "Inga klagomål.",
                        "followup": "Uppföljningssamtal med deltagarna.",
                    },
                    # Periods still open stay drafts.
                    submitted_at=None,
                )
            )
            reports[-1]._due = period.due_date < today
    due = [r._due for r in reports]
    bulk_create_with_history(
        reports, ActivityReport, BATCH, default_user=actor, default_change_reason=REASON
    )
    created = list(
        ActivityReport.objects.filter(period__partnership__in=partnerships).order_by("pk")
    )
    grant_rows(REPORT_PERMS, [(r.organisation_id, r) for r in created])
    closed = [r for r, is_due in zip(created, due, strict=True) if is_due]
    from django.utils import timezone

    now = timezone.now()
    for status in ("submitted", "accepted"):
        for report in closed:
            report.status = status
            report.submitted_at = now
            if status == "accepted":
                report.decided_at = now
        bulk_update_with_history(
            closed,
            ActivityReport,
            ["status", "submitted_at", "decided_at"],
            BATCH,
            default_user=actor,
            default_change_reason=REASON,
        )
    compilations = [
        AnnualCompilation(partnership=p, year=year, summary="Året i korthet. " * 10)
        for p in partnerships
        for year in (2023, 2024)
    ]
    bulk_create_with_history(
        compilations, AnnualCompilation, BATCH, default_user=actor, default_change_reason=REASON
    )


GENERATORS += [
    ("grants", generate_grants),
    ("governance", generate_governance),
    ("reporting", generate_reporting),
]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=1, choices=[1, 10])
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    actor = system_user()
    with transaction.atomic():
        partnerships, orgs = generate_partnerships(args.scale, rng, actor)
        for _name, generator in GENERATORS:
            generator(args.scale, rng, actor, partnerships, orgs)
        pad_history(50_000 * args.scale, partnerships, actor)
    print(
        f"scale {args.scale}×: {Partnership.objects.count()} partnerships, "
        f"{Organisation.objects.count()} organisations, {User.objects.count()} users, "
        f"{history_rows()} history rows in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
