"""`manage.py create_demo_seal`: the local CA and seal certificate that `make run` seals the
agreements signed in the app with (settings.DEMO_SEAL_DIR, outside git). Kept when present."""

from django.conf import settings
from django.core.management.base import BaseCommand

from partnerships.seal_ca import create_demo_ca, has_demo_ca


class Command(BaseCommand):
    help = "Creates a local demo CA, seal certificate and timestamp certificate (demo only)."

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=str(settings.DEMO_SEAL_DIR))
        parser.add_argument("--force", action="store_true", help="replace existing files")

    def handle(self, *args, directory, force, **options):
        if has_demo_ca(directory) and not force:
            self.stdout.write(f"Demo seal certificate already in {directory}")
            return
        create_demo_ca(directory)
        self.stdout.write(f"Demo CA and seal certificate written to {directory}")
