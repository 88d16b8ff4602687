"""Daily: extend every partnership whose last notice day has passed without notice, then close
the active or terminating ones whose end date has passed (step recorded: "Avtalstiden löpte ut").

Run from cron once a day (`manage.py apply_extensions`); safe to run any number of times, since
it only moves an end date that has not yet been moved. `--date` simulates another day.
"""

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from iop.history import system_user
from partnerships.models import Partnership
from partnerships.services.extensions import extensions_apply, partnership_end_if_expired


class Command(BaseCommand):
    help = "Apply automatic extensions whose last notice day has passed without notice."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="Day to run as (YYYY-MM-DD).")

    def handle(self, *args, **options):
        today = options["date"] or timezone.localdate()
        actor = system_user()
        partnerships = Partnership.objects.filter(
            extension_kind=Partnership.ExtensionKind.AUTOMATIC,
            status__in=[
                Partnership.Status.ACTIVE,
                Partnership.Status.SIGNED,
                Partnership.Status.TERMINATING,
            ],
        )
        count = 0
        for partnership in partnerships:
            for extension in extensions_apply(partnership, on=today, actor=actor):
                count += 1
                self.stdout.write(
                    f"{partnership.registration_number_shown}: {extension.previous_end_date} -> "
                    f"{extension.new_end_date}"
                )
        self.stdout.write(f"{count} extension(s) applied.")
        ended = 0
        live = Partnership.objects.filter(
            status__in=[Partnership.Status.ACTIVE, Partnership.Status.TERMINATING],
            end_date__lt=today,
        )
        for partnership in live:
            if partnership_end_if_expired(partnership, on=today, actor=actor):
                ended += 1
                self.stdout.write(f"{partnership.registration_number_shown}: ended")
        self.stdout.write(f"{ended} partnership(s) ended.")
