"""Cron: e-mail each user the deadlines that fall N days from today (`--days 14`).

Staff get every partnership's deadlines, representatives those of their organisation (the same
rule as the dashboard and the calendar feed). Each reminder is queued (iop/mail.py) and sent
by the worker, retried when the mail server fails. `--date` simulates another day.
"""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from iop.deadlines import deadlines_between
from iop.mail import mail_queue
from iop.models import OutgoingMail


class Command(BaseCommand):
    help = "Send reminder e-mails for the deadlines N days ahead."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14)
        parser.add_argument("--date", type=date.fromisoformat, help="Day to run as (YYYY-MM-DD).")

    def handle(self, *args, days, **options):
        today = options.get("date") or timezone.localdate()
        due = today + timedelta(days=days)
        users = get_user_model().objects.filter(is_active=True).exclude(email="")
        sent = 0
        with override(settings.LANGUAGE_CODE):
            for user in users.select_related("organisation"):
                if not (user.is_administration or user.organisation_id):
                    continue
                deadlines = [d for d in deadlines_between(due, due, user=user) if not d.done]
                if not deadlines:
                    continue
                lines = [
                    f"- {d.due.isoformat()}: {d.shown_title}"
                    + (f" ({settings.SITE_URL}{d.url})" if d.url else "")
                    for d in deadlines
                ]
                subject = _("IOP: %(count)d datum om %(days)d dagar") % {
                    "count": len(deadlines),
                    "days": days,
                }
                body = _("Hej %(name)s,\n\nDetta infaller %(day)s:\n\n%(lines)s\n") % {
                    "name": user.get_full_name() or user.username,
                    "day": due.isoformat(),
                    "lines": "\n".join(lines),
                }
                mail_queue(
                    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]),
                    kind=OutgoingMail.Kind.REMINDER,
                )
                sent += 1
        self.stdout.write(f"{sent} reminder(s) queued for {due.isoformat()}.")
