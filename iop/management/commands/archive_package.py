from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from iop.archive.package import build_package, package_filename
from partnerships.models import Partnership


class Command(BaseCommand):
    help = (
        "Write a partnership's e-archive package (FGS 2.0 / E-ARK SIP, a ZIP) to a file: "
        "manage.py archive_package <pk> --out file.zip"
    )

    def add_arguments(self, parser):
        parser.add_argument("pk", type=int, help="The partnership's id (as in its page's URL).")
        parser.add_argument(
            "--out", help="Where to write the ZIP (default: the package's name, here)."
        )

    def handle(self, *args, pk, out=None, **options):
        partnership = Partnership.objects.filter(pk=pk).first()
        if partnership is None:
            raise CommandError(f"No partnership with id {pk}.")
        target = Path(out or package_filename(partnership))
        target.write_bytes(build_package(partnership))
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(f"Wrote {target} ({target.stat().st_size} bytes).")
            )
