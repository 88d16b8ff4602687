"""Generate data at Stockholm scale for the benchmark.

1×  : 30 partnerships, 150 organisations, 3,000 reports, about 50,000 history rows.
N×  : N times as many of each (`--scale 10`, `--scale 50`).

Every source of deadlines is filled, relative to today: extensions and notices of partnerships and
of parties, payment plans and payments, steering and cooperation groups with meetings and chair
terms, remediation plans, activity reports, half-year reports, financial statements and annual
compilations; some of each overdue, some due in the coming months, some later.

Rows are written with simple-history's `bulk_create_with_history` / `bulk_update_with_history`, so
every row has its history as the product's own writes would; nothing bypasses the audit trail.
Statuses and their timestamps are plain field values of the generated rows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/iop_bench \\
        .venv/bin/python bench/generate.py --scale 10
"""

import argparse
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import ROUND_DOWN, Decimal
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from simple_history.utils import bulk_create_with_history, bulk_update_with_history  # noqa: E402

from iop.accounts.models import User  # noqa: E402
from iop.history import system_user  # noqa: E402
from partnerships import period_rules  # noqa: E402
from partnerships.models import (  # noqa: E402
    Annex,
    Clause,
    Commitment,
    Compensation,
    Extension,
    Goal,
    Notice,
    Organisation,
    Participation,
    Partnership,
    Payment,
    PaymentPlan,
    Signature,
)
from partnerships.validators import luhn_valid  # noqa: E402

BATCH = 2000
REASON = "Benchmarkdata"
# The day the data is made for: deadlines are worked out from the real date, so the generated
# rows are placed around it (overdue, due soon, later) whenever the benchmark is run.
TODAY = timezone.localdate()


def org_number(n):
    body = f"{700000000 + n:09d}"
    check = next(c for c in range(10) if luhn_valid(body + str(c)))
    return f"{body[:6]}-{body[6:]}{check}"


@cache
def moment(day, hour=10):
    """An aware timestamp on `day` (a status's submitted_at, sent_at ...)."""
    return timezone.make_aware(datetime.combine(day, clock(hour, 0)))


def create(objs, model, actor):
    return bulk_create_with_history(
        objs, model, BATCH, default_user=actor, default_change_reason=REASON
    )


def historical_models():
    """Every model with a history in the three apps."""
    return [
        model
        for app in ("partnerships", "governance", "reporting")
        for model in apps.get_app_config(app).get_models()
        if hasattr(model, "history") and not model.__name__.startswith("Historical")
    ]


def history_rows():
    return sum(model.history.model.objects.count() for model in historical_models())


AUTOMATIC, BY_AGREEMENT, NONE = "automatic", "by_agreement", "none"
# Half of the agreements extend automatically unless notice is given (Bostad Först), three in
# ten by written agreement (ensamkommande), two in ten not at all.
RULES = [AUTOMATIC] * 5 + [BY_AGREEMENT] * 3 + [NONE] * 2


def plan_period(i, rng):
    """Partnership i's dates and extension rule, the extensions made under it up to today (as
    `extensions_apply` and `extension_agree` would have recorded them), a notice of the whole
    partnership for one partnership in twenty (automatic ones that can still be extended), and the
    status that follows from the dates.
    One in fifteen is a draft starting next year."""
    draft = i % 15 == 14
    start = date(TODAY.year + 1 if draft else 2020 + i % 6, 1 + i % 12, 1)
    kind = RULES[i % len(RULES)]
    end = start + timedelta(days=365 * 2)
    fields = {"start_date": start, "extension_kind": kind}
    if kind == AUTOMATIC:
        fields.update(
            extension_months=6,
            extension_last_date=date(start.year + 6, start.month, 1) - timedelta(days=1),
            notice_day=31,
            notice_month=12,
        )
    elif kind == BY_AGREEMENT:
        fields.update(
            extension_months=12,
            extension_last_date=date(start.year + 5, start.month, 1) - timedelta(days=1),
            agreement_months_before_end=3,
        )
    else:
        end = date(start.year + 5, start.month, 1) - timedelta(days=1)
    rule = period_rules.PeriodRule(
        start=start,
        initial_end=end,
        kind=kind,
        months=fields.get("extension_months"),
        last=fields.get("extension_last_date"),
        notice_day=fields.get("notice_day"),
        notice_month=fields.get("notice_month"),
        months_before_end=fields.get("agreement_months_before_end"),
    )
    extensions, current = [], end
    while not draft and rule.months and rule.last and current < rule.last:
        if kind == AUTOMATIC:
            last_day = period_rules.notice_last_day(rule, current)
            if last_day >= TODAY:
                break
            made_on = last_day + timedelta(days=1)  # the daily command, the day after
        else:
            last_day = period_rules.agreement_last_day(rule, current)
            if last_day >= TODAY or rng.random() < 0.2:  # one in five lets it run out
                break
            made_on = last_day - timedelta(days=rng.randrange(7, 60))
        new_end = min(period_rules.add_months(current, rule.months), rule.last)
        extensions.append((made_on, current, new_end))
        current = new_end
    agreements = tuple(made_on for made_on, _old, _new in extensions if kind == BY_AGREEMENT)
    notice = None
    if kind == AUTOMATIC and i % 20 == 3 and not draft:
        events = period_rules.PeriodEvents(agreements=agreements)
        if period_rules.next_last_day(rule, TODAY, events):
            given_on = TODAY - timedelta(days=rng.randrange(20, 90))
            if extensions:  # after the last notice day passed: it did not stop that extension
                given_on = max(given_on, extensions[-1][0])
            events = period_rules.PeriodEvents(notices=(given_on,))
            notice = (given_on, period_rules.end_on(rule, date.max, events))
    events = period_rules.PeriodEvents(
        notices=(notice[0],) if notice else (), agreements=agreements
    )
    if draft:
        status = Partnership.Status.DRAFT
    elif period_rules.end_on(rule, TODAY, events) < TODAY:
        status = Partnership.Status.ENDED
    elif notice:
        status = Partnership.Status.TERMINATING
    else:
        status = Partnership.Status.ACTIVE
    fields.update(end_date=current, status=status)
    return fields, extensions, notice


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
    plans = {}
    for i in range(n_partnerships):
        fields, extensions, notice = plan_period(i, rng)
        registration_number = f"BENCH {scale}-{i}-{time.time_ns() % 10**9}"
        plans[registration_number] = (extensions, notice)
        partnerships.append(
            Partnership(
                title=f"Partnerskap {i} om {rng.choice(['hemlöshet', 'ensamkommande', 'våld i nära relationer', 'äldres ensamhet', 'barn och unga'])}",
                registration_number=registration_number,
                purpose="Syftet är att stärka målgruppens livssituation. " * 5,
                background="Bakgrund. " * 40,
                **fields,
            )
        )
    partnerships = bulk_create_with_history(
        partnerships, Partnership, BATCH, default_user=actor, default_change_reason=REASON
    )
    partnerships = list(Partnership.objects.order_by("-pk")[:n_partnerships])
    generate_period_events(partnerships, plans, actor)

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
        # One compensation per agreement year, up to the bilaga's end.
        for year_start in agreement_years(annex.start_date, annex.end_date):
            compensations.append(
                Compensation(
                    annex=annex,
                    period_start=year_start,
                    period_end=period_rules.add_months(year_start, 12) - timedelta(days=1),
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


def agreement_years(start, end):
    """The first day of each agreement year from `start` that begins by `end`."""
    day = start
    while day <= end:
        yield day
        day = period_rules.add_months(day, 12)


def generate_period_events(partnerships, plans, actor):
    """The extensions and partnership notices `plan_period` planned, as the services record them
    (the partnership's end date already moved by its extensions)."""
    extensions, notices = [], []
    for p in partnerships:
        planned, notice = plans[p.registration_number]
        for made_on, old_end, new_end in planned:
            automatic = p.extension_kind == AUTOMATIC
            extensions.append(
                Extension(
                    partnership=p,
                    kind=Extension.Kind.AUTOMATIC if automatic else Extension.Kind.AGREEMENT,
                    made_on=made_on,
                    previous_end_date=old_end,
                    new_end_date=new_end,
                    reason="Ingen uppsägning före sista dag"
                    if automatic
                    else "Parterna är överens",
                    decision_reference="" if automatic else f"Styrgruppens beslut {made_on} § 3",
                )
            )
        if notice:
            given_on, effective_on = notice
            notices.append(
                Notice(
                    partnership=p,
                    kind=Notice.Kind.PARTNERSHIP,
                    given_on=given_on,
                    effective_on=effective_on,
                    reason="Staden säger upp partnerskapet inför ny upphandling.",
                    decision_reference=f"Socialnämndens beslut {given_on}",
                )
            )
    create(extensions, Extension, actor)
    create(notices, Notice, actor)


def pad_history(target, partnerships, actor):
    """Reword commitments (recorded in history, as staff edits are) until the target is reached.

    The last revision of each commitment puts back the text it has, so that the rounds are
    written to the history only (`bulk_update_with_history` with no fields) and the last history
    row of each commitment is still its current text: no UPDATE of the commitments, which at 50×
    would rewrite them for each of dozens of rounds."""
    commitments = list(
        Commitment.objects.filter(annex__partnership__in=partnerships).order_by("pk")
    )
    missing = target - history_rows()
    if missing <= 0 or not commitments:
        return
    current = {commitment.pk: commitment.description for commitment in commitments}
    full_rounds, first = divmod(missing, len(commitments))
    rounds = [commitments[:first]] if first else []
    rounds += [commitments] * full_rounds
    revised_last = {}  # the round in which each commitment is revised for the last time
    for round_no, batch in enumerate(rounds, start=1):
        for commitment in batch:
            revised_last[commitment.pk] = round_no
    for round_no, batch in enumerate(rounds, start=1):
        for commitment in batch:
            if revised_last[commitment.pk] == round_no:
                commitment.description = current[commitment.pk]
            else:
                commitment.description = f"Reviderad beskrivning {round_no}. " * 5
        bulk_update_with_history(
            batch,
            Commitment,
            [],
            BATCH,
            default_user=actor,
            default_change_reason=f"Revision {round_no}",
        )


GENERATORS = []  # (name, fn(scale, rng, actor, partnerships, orgs)) added by the other apps below


def generate_signatures(scale, rng, actor, partnerships, orgs):
    """Every party of an agreement past its draft signed it two weeks before it started (on
    paper): their bilagor bind, and the public register shows them (`AnnexQuerySet.signed`)."""
    signed = [p for p in partnerships if p.status != Partnership.Status.DRAFT]
    signatures = [
        Signature(
            partnership_id=participation.partnership_id,
            document=Signature.Document.AGREEMENT,
            participation=participation,
            signatory_name=f"Firmatecknare {participation.pk}",
            signatory_title="Ordförande",
            place="Stockholm",
            signed_on=participation.partnership.start_date - timedelta(days=14),
        )
        for participation in Participation.objects.filter(partnership__in=signed).select_related(
            "partnership"
        )
    ]
    create(signatures, Signature, actor)


def grant_rows(perm_codenames, pairs):
    """GroupObjectPermission rows as `partnerships.grants.grant_to_organisation` would write them.

    `pairs` is [(organisation_id, obj)]; one bulk insert instead of one assign_perm per row (the
    permission table is not a historical model). The groups are the app's own "org-<pk>" groups.
    """
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from guardian.models import GroupObjectPermission

    from partnerships.grants import GROUP_PREFIX

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
    """Per partnership a steering group meeting every quarter (one member per party, four
    meetings a year for three years, four paragraphs per meeting and a decision on every other
    paragraph) and a cooperation group reporting to it (one member per party); the chair goes
    round the members, a year at a time in the steering group and half a year in the cooperation
    group, up to the term running today."""
    from governance.models import AgendaItem, ChairTerm, Decision, Group, GroupMember, Meeting

    groups = []
    for p in partnerships:
        groups.append(
            Group(
                partnership=p,
                kind=Group.Kind.STEERING,
                name=f"Styrgrupp {p.pk}",
                established_on=p.start_date,
                cadence_initial_months=3,
                chair_selection=Group.ChairSelection.ROTATION,
                chair_term_months=12,
            )
        )
    create(groups, Group, actor)
    steering = {
        g.partnership_id: g
        for g in Group.objects.filter(partnership__in=partnerships, kind=Group.Kind.STEERING)
    }
    # No meeting cadence: the benchmark holds no meetings of the cooperation groups, which would
    # otherwise all be late.
    cooperation = [
        Group(
            partnership=p,
            kind=Group.Kind.COOPERATION,
            name=f"Samverkansgrupp {p.pk}",
            established_on=p.start_date,
            chair_selection=Group.ChairSelection.ROTATION,
            chair_term_months=6,
            reports_to=steering[p.pk],
        )
        for p in partnerships
    ]
    create(cooperation, Group, actor)
    groups = list(Group.objects.filter(partnership__in=partnerships).select_related("partnership"))
    members, meetings = [], []
    parties = {}
    for participation in Participation.objects.filter(partnership__in=partnerships):
        parties.setdefault(participation.partnership_id, []).append(participation.organisation_id)
    for group in groups:
        p = group.partnership
        steers = group.kind == Group.Kind.STEERING
        for n, org_id in enumerate(parties.get(p.pk, [])):
            members.append(
                GroupMember(
                    group=group,
                    name=f"{'Ledamot' if steers else 'Representant'} {group.pk}-{n}",
                    email=f"ledamot{group.pk}-{n}@example.org",
                    organisation_id=org_id,
                    role=GroupMember.Role.CHAIR
                    if n == 0 and steers
                    else GroupMember.Role.REPRESENTATIVE,
                    from_date=p.start_date,
                )
            )
        if not steers:
            continue
        for q in range(12):
            day = p.start_date + timedelta(days=91 * q + 14)
            meetings.append(
                Meeting(
                    group=group,
                    date=day,
                    start_time=clock(13, 0),
                    end_time=clock(15, 0),
                    place="Socialförvaltningen, rum 4",
                    status=Meeting.Status.HELD if day < TODAY else Meeting.Status.SCHEDULED,
                )
            )
    create(members, GroupMember, actor)
    create(meetings, Meeting, actor)
    by_group = {}
    for member in GroupMember.objects.filter(group__in=groups).order_by("pk"):
        by_group.setdefault(member.group_id, []).append(member)
    terms = []
    for group in groups:
        term_start, n = group.established_on, 0
        last = min(TODAY, group.partnership.end_date)
        while by_group.get(group.pk) and term_start <= last:
            term_end = period_rules.add_months(term_start, group.chair_term_months) - timedelta(
                days=1
            )
            terms.append(
                ChairTerm(
                    group=group,
                    member=by_group[group.pk][n % len(by_group[group.pk])],
                    start=term_start,
                    end=term_end,
                    how_chosen=ChairTerm.HowChosen.ROTATION,
                )
            )
            term_start, n = term_end + timedelta(days=1), n + 1
    create(terms, ChairTerm, actor)
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
    create(items, AgendaItem, actor)
    decisions = [
        Decision(
            item=item,
            text="Styrgruppen beslutar att godkänna redovisningen.",
            outcome=Decision.Outcome.ADOPTED,
        )
        for item in AgendaItem.objects.filter(group__in=groups).only("pk", "number")
        if item.number % 2
    ]
    create(decisions, Decision, actor)


LIVE = (Partnership.Status.ACTIVE, Partnership.Status.TERMINATING)


def generate_parties_leaving(scale, rng, actor, partnerships, orgs):
    """Remediation plans asked of a party in one live partnership in eight (due from five months
    ago to five months ahead: assessed, handed in, late or still to come); in one in twenty a
    party gives notice (four months' notice) and in another one in twenty the steering group
    terminates a party whose plan was rejected (three months). A party that leaves leaves its
    groups the same day."""
    from governance.models import Group, GroupMember, RemediationPlan

    live = [p for p in partnerships if p.status in LIVE]
    steering = {
        g.partnership_id: g
        for g in Group.objects.filter(partnership__in=live, kind=Group.Kind.STEERING)
    }
    ngo_parties = {}
    for participation in Participation.objects.filter(
        partnership__in=live, organisation__kind=Organisation.Kind.NGO
    ).order_by("pk"):
        ngo_parties.setdefault(participation.partnership_id, []).append(participation)
    plans, notices, leaving = [], [], []
    for k, p in enumerate(live):
        if not ngo_parties.get(p.pk):
            continue
        party = rng.choice(ngo_parties[p.pk])
        group = steering[p.pk]
        if k % 20 == 10:
            given_on = TODAY - timedelta(days=rng.randrange(40, 80))
            due_on = given_on - timedelta(days=rng.randrange(20, 40))
            plans.append(
                RemediationPlan(
                    group=group,
                    organisation_id=party.organisation_id,
                    deficiency="Åtagandena i bilagan har inte fullgjorts.",
                    due_on=due_on,
                    status=RemediationPlan.Status.REJECTED,
                    plan_text="Vi ska se över bemanningen.",
                    submitted_at=moment(due_on - timedelta(days=3)),
                    assessment="Planen rättar inte till bristerna.",
                    assessed_at=moment(due_on + timedelta(days=10)),
                )
            )
            notices.append(
                Notice(
                    partnership=p,
                    participation=party,
                    kind=Notice.Kind.TERMINATION,
                    given_on=given_on,
                    effective_on=min(
                        period_rules.add_months(given_on, p.termination_notice_months), p.end_date
                    ),
                    remedy_deadline=due_on,
                    reason="Bristerna har inte rättats till enligt åtgärdsplanen.",
                    decision_reference=f"Styrgruppens beslut {given_on} § 2",
                )
            )
        elif k % 20 == 5:
            given_on = TODAY - timedelta(days=rng.randrange(0, 150))
            notices.append(
                Notice(
                    partnership=p,
                    participation=party,
                    kind=Notice.Kind.PARTY,
                    given_on=given_on,
                    effective_on=min(
                        period_rules.add_months(given_on, p.party_notice_months), p.end_date
                    ),
                    reason="Föreningen avvecklar verksamheten.",
                )
            )
        elif k % 8 == 2:
            due_on = TODAY + timedelta(days=rng.randrange(-150, 150))
            plan = RemediationPlan(
                group=group,
                organisation_id=party.organisation_id,
                deficiency="Verksamhetsrapporterna saknar uppgifter om målgruppen.",
                due_on=due_on,
            )
            handed_in = due_on - timedelta(days=rng.randrange(1, 20))
            if due_on < TODAY - timedelta(days=30) or (due_on < TODAY and rng.random() < 0.5):
                plan.status = RemediationPlan.Status.SUBMITTED
                plan.plan_text = "Vi inför en ny rutin för registrering. " * 3
                plan.submitted_at = moment(handed_in)
            if due_on < TODAY - timedelta(days=30):
                plan.status = rng.choice(
                    [RemediationPlan.Status.ACCEPTED] * 3 + [RemediationPlan.Status.REJECTED]
                )
                plan.assessment = "Styrgruppen har bedömt planen."
                plan.assessed_at = moment(due_on + timedelta(days=20))
            plans.append(plan)
    create(plans, RemediationPlan, actor)
    create(notices, Notice, actor)
    leave_reason = {
        Notice.Kind.PARTY: Participation.LeaveReason.NOTICE,
        Notice.Kind.TERMINATION: Participation.LeaveReason.TERMINATED,
    }
    left = {}
    for notice in notices:
        party = notice.participation
        party.left_on = notice.effective_on
        party.leave_reason = leave_reason[notice.kind]
        party.leave_note = notice.reason
        leaving.append(party)
        left[(notice.partnership_id, party.organisation_id)] = notice.effective_on
    bulk_update_with_history(
        leaving,
        Participation,
        ["left_on", "leave_reason", "leave_note"],
        BATCH,
        default_user=actor,
        default_change_reason=REASON,
    )
    members = []
    for member in GroupMember.objects.filter(group__partnership__in=live).select_related("group"):
        until = left.get((member.group.partnership_id, member.organisation_id))
        if until:
            member.to_date = until
            members.append(member)
    bulk_update_with_history(
        members, GroupMember, ["to_date"], BATCH, default_user=actor, default_change_reason=REASON
    )


def split(amount, parts):
    """Equal parts in whole kronor, the remainder on the first (as the payment schedule does)."""
    share = (amount / parts).quantize(Decimal("1"), rounding=ROUND_DOWN)
    return [amount - share * (parts - 1)] + [share] * (parts - 1)


def generate_payments(scale, rng, actor, partnerships, orgs):
    """A payment plan for every NGO party's bilaga (quarterly in advance, one in six yearly) and
    its payments for each compensation: those due before today paid on the day (a few of the
    last month's still planned: late), later ones planned, none after a party has left."""
    annexes = list(
        Annex.objects.filter(
            partnership__in=partnerships,
            participation__organisation__kind=Organisation.Kind.NGO,
        )
        .select_related("participation")
        .order_by("pk")
    )
    plans = [
        PaymentPlan(
            annex=annex,
            rule=PaymentPlan.Rule.YEARLY if n % 6 == 5 else PaymentPlan.Rule.QUARTERLY,
        )
        for n, annex in enumerate(annexes)
    ]
    create(plans, PaymentPlan, actor)
    rules = {plan.annex_id: plan.rule for plan in plans}
    left_on = {annex.pk: annex.participation.left_on for annex in annexes}
    payments = []
    for compensation in Compensation.objects.filter(annex__in=annexes).order_by("pk"):
        start, end = compensation.period_start, compensation.period_end
        if rules[compensation.annex_id] == PaymentPlan.Rule.YEARLY:
            days = [start]
        else:
            days = [period_rules.add_months(start, 3 * q) for q in range(4)]
            days = [day for day in days if day <= end]
        left = left_on[compensation.annex_id]
        for due_on, amount in zip(days, split(compensation.amount, len(days)), strict=True):
            payment = Payment(
                annex_id=compensation.annex_id,
                compensation=compensation,
                due_on=due_on,
                amount=amount,
            )
            if left and due_on > left:
                payment.status = Payment.Status.CANCELLED
                payment.note = "Parten har lämnat partnerskapet."
            elif due_on < TODAY and not (
                due_on > TODAY - timedelta(days=30) and rng.random() < 0.1
            ):
                payment.status = Payment.Status.PAID
                payment.paid_on = due_on
                payment.paid_amount = amount
            payments.append(payment)
    create(payments, Payment, actor)


def generate_reporting(scale, rng, actor, partnerships, orgs):
    """A template per partnership, 20 half-year periods, one report per NGO party and period
    (3,000 at 1×): those whose period is due accepted, written in that state, the others drafts;
    with the grants reporting's services give the organisation on its report; the annual
    compilations of the years before this one."""
    from reporting.models import ActivityReport, AnnualCompilation, ReportingPeriod, ReportTemplate
    from reporting.services.reports import REPORT_PERMS

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
                )
            )
            # Handed in a few days before the due date and accepted two weeks later; periods
            # still open stay drafts.
            if period.due_date < TODAY:
                reports[-1].status = "accepted"
                reports[-1].submitted_at = moment(period.due_date - timedelta(days=3))
                reports[-1].decided_at = moment(period.due_date + timedelta(days=11))
    bulk_create_with_history(
        reports, ActivityReport, BATCH, default_user=actor, default_change_reason=REASON
    )
    created = list(
        ActivityReport.objects.filter(period__partnership__in=partnerships).order_by("pk")
    )
    grant_rows(REPORT_PERMS, [(r.organisation_id, r) for r in created])
    compilations = [
        AnnualCompilation(partnership=p, year=year, summary="Året i korthet. " * 10)
        for p in partnerships
        for year in (2023, 2024, 2025)
        if p.start_date.year <= year < TODAY.year
    ]
    bulk_create_with_history(
        compilations, AnnualCompilation, BATCH, default_user=actor, default_change_reason=REASON
    )
    generate_half_year_reports(rng, actor, partnerships)
    generate_statements(rng, actor, partnerships)


def generate_half_year_reports(rng, actor, partnerships):
    """The cooperation group's report for each half-year of the partnership that has ended: sent
    about fifty days after the period (one in ten of those due still a draft: late); the last
    period's, not yet due, a draft."""
    from reporting.deadlines import HALF_YEAR_REPORT_DAYS
    from reporting.models import HalfYearReport, ReportingPeriod

    by_pk = {p.pk: p for p in partnerships}
    reports = []
    for period in ReportingPeriod.objects.filter(
        partnership__in=partnerships, kind=ReportingPeriod.Kind.HALF_YEAR, end__lt=TODAY
    ).order_by("pk"):
        p = by_pk[period.partnership_id]
        if period.end < p.start_date or period.start > p.end_date:
            continue
        report = HalfYearReport(
            period=period,
            summary="Samverkansgruppen sammanfattar halvåret. " * 4,
            figures={"reports": 5, "participants": rng.randrange(50, 300)},
        )
        due = period.end + timedelta(days=HALF_YEAR_REPORT_DAYS)
        if due < TODAY and rng.random() < 0.9:
            report.status = HalfYearReport.State.SENT
            report.sent_at = moment(due - timedelta(days=rng.randrange(1, 15)))
        reports.append(report)
    create(reports, HalfYearReport, actor)


def generate_statements(rng, actor, partnerships):
    """A financial statement per NGO party's bilaga and agreement year begun (none after the party
    left): accepted two months after the year; for a year ended in the last two months
    handed in or still a draft (late); for the current year a draft; with the grants
    reporting's services give the organisation on its statement."""
    from reporting.models import FinancialStatement, Status
    from reporting.services.statements import STATEMENT_PERMS

    statements, owners = [], {}
    for compensation in (
        Compensation.objects.filter(
            annex__partnership__in=partnerships,
            annex__participation__organisation__kind=Organisation.Kind.NGO,
            period_start__lte=TODAY,
        )
        .select_related("annex__participation")
        .order_by("pk")
    ):
        party = compensation.annex.participation
        if party.left_on and compensation.period_start > party.left_on:
            continue
        end = compensation.period_end
        statement = FinancialStatement(
            annex_id=compensation.annex_id,
            year_start=compensation.period_start,
            year_end=end,
            actuals={"Personal": str(compensation.amount * Decimal("0.7"))},
            total_spent=compensation.amount * Decimal("0.95"),
            own_money=Decimal(rng.randrange(0, 200_000, 10_000)),
            volunteer_hours=Decimal(rng.randrange(0, 2000)),
            comment="Medlen har använts enligt budget.",
        )
        if end < TODAY - timedelta(days=60) or (end < TODAY and rng.random() < 0.6):
            statement.status = Status.SUBMITTED
            statement.submitted_at = moment(min(end + timedelta(days=20), TODAY))
        if end < TODAY - timedelta(days=60):
            statement.status = Status.ACCEPTED
            statement.decided_at = moment(end + timedelta(days=45))
        statements.append(statement)
        owners[(compensation.annex_id, compensation.period_start)] = party.organisation_id
    create(statements, FinancialStatement, actor)
    created = FinancialStatement.objects.filter(annex__partnership__in=partnerships)
    grant_rows(
        STATEMENT_PERMS, [(owners[(s.annex_id, s.year_start)], s) for s in created.order_by("pk")]
    )


GENERATORS += [
    ("signatures", generate_signatures),
    ("grants", generate_grants),
    ("governance", generate_governance),
    ("parties leaving", generate_parties_leaving),
    ("payments", generate_payments),
    ("reporting", generate_reporting),
]


def positive(value):
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("a positive whole number: 1, 10, 50 ...")
    return number


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=positive, default=1, help="multiple of the 1× data")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    actor = system_user()
    with transaction.atomic():
        partnerships, orgs = generate_partnerships(args.scale, rng, actor)
        for name, generator in GENERATORS:
            step = time.perf_counter()
            generator(args.scale, rng, actor, partnerships, orgs)
            print(f"  {name}: {time.perf_counter() - step:.1f} s", flush=True)
        step = time.perf_counter()
        pad_history(50_000 * args.scale, partnerships, actor)
        print(f"  history: {time.perf_counter() - step:.1f} s", flush=True)
    print(
        f"scale {args.scale}×: {Partnership.objects.count()} partnerships, "
        f"{Organisation.objects.count()} organisations, {User.objects.count()} users, "
        f"{history_rows()} history rows in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
