from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from iop.demo import load_demo
from partnerships.demo.load import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Load the real demo agreements (Bostad Först, ensamkommande) and the demo users."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when DEBUG is off (never on a production database).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: refusing to load demo users with a known password. "
                "Use --force only on a database that is not production."
            )
        ctx = load_demo()
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo data loaded: {len(ctx.partnerships)} partnerships, "
                    f"{len(ctx.organisations)} organisations."
                )
            )
            self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
            for username, _first, _last, role, org_key, superuser in DEMO_USERS:
                kind = "superuser" if superuser else role.label
                self.stdout.write(f"  {username:<12} {kind} – {ctx.organisations[org_key].name}")
            self.stdout.write("Open the address `runserver` prints and log in.")
