"""Request each main page N times; print query count and timings (run by bench/run.py)."""

import sys
import time

import django

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from partnerships.models import Organisation, Partnership, User  # noqa: E402


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


def pages(partnership):
    """(name, who, url) for every page; a page whose URL does not exist yet is skipped."""
    candidates = [
        ("floor", "staff", lambda: "/bench/floor/"),
        ("register", "staff", lambda: reverse("partnerships:list")),
        ("admin changelist", "admin", lambda: reverse("admin:partnerships_partnership_changelist")),
        (
            "partnership page",
            "staff",
            lambda: reverse("partnerships:detail", args=[partnership.pk]),
        ),
        (
            "history timeline",
            "staff",
            lambda: reverse("partnerships:history", args=[partnership.pk]),
        ),
        ("deadlines dashboard", "staff", lambda: reverse("deadlines:dashboard")),
        ("portal home", "rep", lambda: reverse("portal:home")),
        ("report list", "staff", lambda: reverse("reporting:report_list")),
        (
            "annual compilation",
            "staff",
            lambda: reverse("reporting:annual", args=[partnership.pk, 2024]),
        ),
        ("agreement PDF", "staff", lambda: reverse("partnerships:pdf", args=[partnership.pk])),
    ]
    for name, who, build in candidates:
        try:
            yield name, who, build()
        except NoReverseMatch:
            print(f"skipped {name}: no such page yet")


def main(repeat):
    staff, admin, rep = users()
    partnership = (
        Partnership.objects.filter(participations__organisation=rep.organisation)
        .annotate(n=Count("participations"))
        .order_by("-n", "pk")
        .first()
    )
    clients = {}
    for who, user in (("staff", staff), ("admin", admin), ("rep", rep)):
        clients[who] = Client()
        clients[who].force_login(user)
    for name, who, url in pages(partnership):
        client = clients[who]
        response = client.get(url)  # warm caches and the session
        if response.status_code != 200:
            print(f"skipped {name}: HTTP {response.status_code} at {url}")
            continue
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        query_count = len(ctx)  # now: the count reads the live query log, reset below
        times = []
        for _ in range(repeat):
            reset_queries()
            started = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - started)
        print(f"RESULT\t{name}\t{query_count}\t{','.join(f'{t:.5f}' for t in times)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
