"""Rebuild the stored deadlines from a full computation, or with `--check` only report how the
table differs from one (exit status 1 when it does, nothing written).

Runs daily after `apply_extensions` (deploy/systemd/iop-apply-extensions.service): what a
deadline says may depend on the day as well as on the data (a group's meeting due by its
cadence, who sits in a group today, a last notice day once it has passed), and a write that bypasses the model signals (a bulk load,
`QuerySet.update()`) is caught up. Run it once after upgrading to the release that added the
table, and after loading data without signals (bench/generate.py).
"""

from django.core.management.base import BaseCommand

from iop import deadlines


class Command(BaseCommand):
    help = "Rebuild the stored deadlines, or report how they differ from a full computation."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only list the differences; exit with status 1 if there are any.",
        )

    def handle(self, *args, check=False, **options):
        if not check:
            inserted, deleted = deadlines.refresh()
            self.stdout.write(f"{inserted} deadline(s) stored, {deleted} removed.")
            return
        missing, extra = deadlines.differences()
        for key, count in sorted(missing.items(), key=_order):
            self.stdout.write(f"missing{_times(count)}: {_describe(key)}")
        for key, pks in sorted(extra.items(), key=_order):
            self.stdout.write(f"not computed{_times(len(pks))}: {_describe(key)}")
        if missing or extra:
            self.stderr.write(
                f"{sum(missing.values())} deadline(s) missing, "
                f"{sum(len(pks) for pks in extra.values())} stored but not computed."
            )
            raise SystemExit(1)
        self.stdout.write("The stored deadlines are those a full computation gives.")


def _order(item):
    key = item[0]
    return (key[2], key[0], key[3], key[4])


def _times(count):
    return f" ({count}×)" if count > 1 else ""


def _describe(key):
    (
        partnership_id,
        source,
        due,
        kind,
        title,
        _pt,
        url,
        done,
        party,
        every,
        *_msgid,
        organisations,
    ) = key
    whom = "every party" if every else sorted(organisations) or "förvaltningen only"
    return (
        f"{due.isoformat()} {kind} partnership {partnership_id} ({source}): {title}"
        f"{f' [{party}]' if party else ''}{' done' if done else ''} {url} – {whom}"
    )
