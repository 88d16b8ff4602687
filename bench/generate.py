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
