"""Request each main page N times, each a cold render (nothing kept between requests); print the
query count, wall time and the process CPU time of each request (run by bench/run.py)."""

import os
import sys
import time

import django

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from iop.accounts.models import User  # noqa: E402
from partnerships.models import Organisation, Partnership  # noqa: E402

try:  # WeasyPrint's own probe: None when the library is missing
    from weasyprint.text.ffi import harfbuzz_subset
except ImportError:  # another WeasyPrint version: say nothing rather than guess
    harfbuzz_subset = True


def users():
    staff, _ = User.objects.get_or_create(
        username="bench-staff", defaults={"role": User.Role.ADMINISTRATION}
    )
    admin, _ = User.objects.get_or_create(
        username="bench-admin",
        defaults={"role": User.Role.ADMINISTRATION, "is_superuser": True, "is_staff": True},
    )
    org = (
        Organisation.objects.ngos().annotate(n=Count("participations")).order_by("-n", "pk").first()
    )
    rep, _ = User.objects.get_or_create(
        username="bench-rep", defaults={"role": User.Role.REPRESENTATIVE, "organisation": org}
    )
    return staff, admin, rep


FLOOR = "/bench/floor/"
PDF_REPEAT = 5  # PDFs take about a second each: the median of a few runs


def pages(partnership, compilation):
    """(name, who, url, is_pdf) for every page; a page whose URL does not exist is skipped."""
    candidates = [
        ("floor", "staff", lambda: FLOOR),
        ("register", "staff", lambda: reverse("partnerships:list")),
        ("admin changelist", "admin", lambda: reverse("admin:partnerships_partnership_changelist")),
        (
            "partnership page",
            "staff",
            lambda: reverse("partnerships:detail", args=[partnership.pk]),
        ),
        *[
            (
                f"partnership tab {tab}",
                "staff",
                (lambda tab=tab: reverse("partnerships:section", args=[partnership.pk, tab])),
            )
            for tab in ("livscykel", "andringar", "ekonomi")
        ],
        (
            "partnership tab avtalstext",
            "staff",
            lambda: reverse("partnerships:agreement_text", args=[partnership.pk]),
        ),
        (
            "history timeline",
            "staff",
            lambda: reverse("partnerships:history", args=[partnership.pk]),
        ),
        ("deadlines dashboard", "staff", lambda: reverse("deadlines:dashboard")),
        # Every partnership of this year in one view: a page of 25 cards, the filter's totals and
        # trends over all of them (issue 17).
        ("portfolio", "staff", lambda: reverse("portfolio")),
        ("portal home", "rep", lambda: reverse("portal:home")),
        ("report list", "staff", lambda: reverse("reporting:report_list")),
        (
            "annual compilation",
            "staff",
            lambda: reverse("reporting:annual_detail", args=[compilation.pk]),
        ),
        # The public register without login (issue 17), as an anonymous visitor.
        ("public register", "anon", lambda: reverse("public:register")),
        (
            "public partnership page",
            "anon",
            lambda: reverse("public:partnership", args=[partnership.pk]),
        ),
        ("open data JSON", "anon", lambda: reverse("public:data_json")),
        ("open data CSV", "anon", lambda: reverse("public:data_csv")),
        (
            "agreement PDF",
            "staff",
            lambda: reverse("partnerships:agreement_pdf", args=[partnership.pk]),
        ),
        # Every partnership of this year (all of them, not a page): grows with the data.
        ("portfolio PDF", "staff", lambda: reverse("portfolio_pdf")),
        (
            "annual compilation PDF",
            "staff",
            lambda: reverse("reporting:annual_pdf", args=[compilation.pk]),
        ),
    ]
    for name, who, build in candidates:
        try:
            yield name, who, build(), name.endswith("PDF")
        except (NoReverseMatch, AttributeError):
            print(f"skipped {name}: no such page yet")


def main(repeat):
    from reporting.models import AnnualCompilation

    staff, admin, rep = users()
    # The representative's busiest partnership with five NGO parties (all generated ones have).
    partnership = (
        Partnership.objects.filter(participations__organisation=rep.organisation)
        .annotate(n=Count("participations", distinct=True))
        .order_by("-n", "pk")
        .first()
    )
    parties = partnership.participations.filter(organisation__kind="ngo").count()
    compilation = AnnualCompilation.objects.filter(partnership=partnership, year=2024).first()
    print(f"partnership {partnership.pk} with {parties} NGO parties; compilation {compilation}")
    if harfbuzz_subset is None:
        # Production has it (deploy/README.md); without it the PDF figures are nearly doubled.
        print("NOTE: libharfbuzz-subset0 is missing: WeasyPrint subsets fonts with fontTools")
    clients = {"anon": Client()}
    for who, user in (("staff", staff), ("admin", admin), ("rep", rep)):
        clients[who] = Client()
        clients[who].force_login(user)
    # IOP_BENCH_ONLY="register,portal" measures those pages (and the floor) only, while working.
    only = [part for part in os.environ.get("IOP_BENCH_ONLY", "").split(",") if part]
    floor_client = clients["staff"]
    for name, who, url, is_pdf in pages(partnership, compilation):
        if only and name != "floor" and not any(part in name for part in only):
            continue
        client = clients[who]
        response = client.get(url)  # warm caches and the session
        if response.status_code != 200:
            print(f"skipped {name}: HTTP {response.status_code} at {url}")
            continue
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        query_count = len(ctx)
        walls, cpus, floor_cpus = [], [], []
        for i in range(PDF_REPEAT if is_pdf else repeat):
            # The floor interleaved with the page, in alternating order, so that the ratio of
            # the two medians compares them under the same load of the shared machine.
            order = [(floor_client, FLOOR, floor_cpus, None), (client, url, cpus, walls)]
            for who_client, who_url, cpu_list, wall_list in order if i % 2 else order[::-1]:
                cpu_list.append(timed(who_client, who_url, wall_list))
        print(
            f"RESULT\t{name}\t{query_count}\t{','.join(f'{t:.5f}' for t in walls)}"
            f"\t{','.join(f'{t:.5f}' for t in cpus)}"
            f"\t{','.join(f'{t:.5f}' for t in floor_cpus)}"
        )


def timed(client, url, walls=None):
    """One cold request: its process CPU time (and its wall time into walls). (A full garbage
    collection before each request was tried: it leaves the processor's caches cold and adds
    about 1 ms to every request, the floor's too, which flatters every ratio.)"""
    reset_queries()
    wall, cpu = time.perf_counter(), time.process_time()
    client.get(url)
    spent = time.process_time() - cpu
    if walls is not None:
        walls.append(time.perf_counter() - wall)
    return spent


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
