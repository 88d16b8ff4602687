"""The last test run's accessibility results, for the accessibility statement.

tests/browser/test_axe_every_page.py and test_reflow_every_page.py each write one small JSON
file per app they walk (`write`) into settings.IOP_A11Y_RESULTS; the statement reads them all
(`summary`). A file is `{"check": "axe"|"reflow", "app", "pages", "failed", "problems",
"checked_at"}`."""

import json
from datetime import datetime

from django.conf import settings
from django.utils import timezone

CHECKS = ("axe", "reflow")


def write(check, app, visits):
    """Record the walk of `app` by `check`: how many pages, how many failed and with how many
    problems (tests/browser/every_page.py's visits)."""
    folder = settings.IOP_A11Y_RESULTS
    folder.mkdir(parents=True, exist_ok=True)
    failed = [visit for visit in visits if visit.problems]
    record = {
        "check": check,
        "app": app,
        "pages": len(visits),
        "failed": len(failed),
        "problems": sum(len(visit.problems) for visit in failed),
        "failed_pages": sorted({visit.name for visit in failed}),
        "checked_at": timezone.now().isoformat(timespec="seconds"),
    }
    (folder / f"{check}-{app}.json").write_text(json.dumps(record, indent=1))


def summary():
    """{check: {"pages", "failed", "problems", "apps", "failed_pages", "checked_at" (the latest
    file's time)}} for each check that has results; {} when none is on record."""
    folder = settings.IOP_A11Y_RESULTS
    totals = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        try:
            record = json.loads(path.read_text())
            check = record["check"]
            checked_at = datetime.fromisoformat(record["checked_at"])
            pages, failed = int(record["pages"]), int(record["failed"])
        except (OSError, ValueError, KeyError, TypeError):
            continue  # a half-written or foreign file says nothing about the site
        if check not in CHECKS:
            continue
        total = totals.setdefault(
            check,
            {
                "pages": 0,
                "failed": 0,
                "problems": 0,
                "apps": 0,
                "failed_pages": [],
                "checked_at": checked_at,
            },
        )
        total["pages"] += pages
        total["failed"] += failed
        total["problems"] += int(record.get("problems", 0))
        total["apps"] += 1
        total["failed_pages"] += record.get("failed_pages", [])
        total["checked_at"] = max(total["checked_at"], checked_at)
    return totals
