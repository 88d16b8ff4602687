"""The payments paid in a period as an SIE 4 import file (SIE-gruppen's format, typ 4I:
vouchers without balances, `.si`), for the municipality's accounting system to import.

Each paid payment is one verification: its amount debited to the partnership's expense account
with its cost centre (dimension 1) and project (dimension 6), and credited to the bank account.
The account and objects are the partnership's kontering in force on the day of payment
(`AccountingCode`); a partnership without one is booked on the configured expense account
without a cost centre, and `Booking.uncoded` tells the page to say so. The file is in code page
437 (`#FORMAT PC8`), as the format requires; a character that has no place there becomes "?".
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.models import AccountingCode, Payment
from partnerships.models.accounting import in_force

COST_CENTRE_DIMENSION = 1  # SIE's reserved dimension for kostnadsställe
PROJECT_DIMENSION = 6  # and for projekt


@dataclass(frozen=True)
class Booking:
    payment: Payment
    amount: Decimal
    account: str
    cost_centre: str
    project: str

    @property
    def uncoded(self):
        return not self.cost_centre

    @property
    def text(self):
        partnership = self.payment.annex.partnership
        number = partnership.registration_number
        dnr = f" {number}" if number else ""
        return _("Utbetalning %(organisation)s, %(partnership)s%(dnr)s") % {
            "organisation": self.payment.annex.participation.organisation.name,
            "partnership": partnership.title,
            "dnr": dnr,
        }


def bookings(start, end):
    """The payments paid from `start` to `end` (inclusive), each with its accounts, in the
    order they were paid."""
    payments = list(
        Payment.objects.filter(status=Payment.Status.PAID, paid_on__range=(start, end))
        .select_related("annex__partnership", "annex__participation__organisation")
        .order_by("paid_on", "pk")
    )
    timelines = AccountingCode.objects.filter(
        partnership_id__in={p.annex.partnership_id for p in payments}
    ).timelines()
    found = []
    for payment in payments:
        code = in_force(timelines.get(payment.annex.partnership_id, ()), payment.paid_on)
        found.append(
            Booking(
                payment=payment,
                amount=payment.paid_amount if payment.paid_amount is not None else payment.amount,
                account=code.account if code else settings.IOP_SIE_EXPENSE_ACCOUNT,
                cost_centre=code.cost_centre if code else "",
                project=code.project if code else "",
            )
        )
    return found


def _text(value):
    """A quoted SIE field: no line breaks or control characters, quotes escaped."""
    clean = "".join(ch if ch.isprintable() else " " for ch in str(value))
    return '"' + clean.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _amount(value):
    return f"{value:.2f}"


def _day(value: date):
    return value.strftime("%Y%m%d")


def _objects(booking):
    pairs = []
    if booking.cost_centre:
        pairs.append(f"{COST_CENTRE_DIMENSION} {_text(booking.cost_centre)}")
    if booking.project:
        pairs.append(f"{PROJECT_DIMENSION} {_text(booking.project)}")
    return "{" + " ".join(pairs) + "}"


def sie_lines(start, end, found, *, generated_by=""):
    """The file's lines for `found` (`bookings(start, end)`); the fiscal year is the calendar
    year of `start`, which the export form keeps `end` within."""
    today = timezone.localdate()
    lines = [
        "#FLAGGA 0",
        "#FORMAT PC8",
        "#SIETYP 4",
        f"#PROGRAM {_text('IOP')} 1.0",
        f"#GEN {_day(today)} {_text(generated_by)}",
        f"#FNAMN {_text(settings.IOP_SIE_COMPANY)}",
        f"#ORGNR {settings.IOP_SIE_ORGNR}",
        f"#RAR 0 {start.year}0101 {start.year}1231",
        f"#DIM {COST_CENTRE_DIMENSION} {_text(_('Kostnadsställe'))}",
        f"#DIM {PROJECT_DIMENSION} {_text(_('Projekt'))}",
    ]
    accounts = {settings.IOP_SIE_BANK_ACCOUNT: settings.IOP_SIE_BANK_ACCOUNT_NAME}
    for booking in found:
        accounts.setdefault(booking.account, settings.IOP_SIE_EXPENSE_ACCOUNT_NAME)
    lines += [f"#KONTO {number} {_text(name)}" for number, name in sorted(accounts.items())]
    objects = {}
    for booking in found:
        title = booking.payment.annex.partnership.title
        if booking.cost_centre:
            objects.setdefault((COST_CENTRE_DIMENSION, booking.cost_centre), title)
        if booking.project:
            objects.setdefault((PROJECT_DIMENSION, booking.project), title)
    lines += [
        f"#OBJEKT {dim} {_text(code)} {_text(name)}"
        for (dim, code), name in sorted(objects.items())
    ]
    series = _text(settings.IOP_SIE_SERIES)
    # An import file (typ 4I: vouchers, no balances): the receiving system numbers the
    # vouchers in its series, so a second month's file cannot clash with the first's numbers.
    for booking in found:
        paid = _day(booking.payment.paid_on)
        lines += [
            f'#VER {series} "" {paid} {_text(booking.text)} {_day(today)}',
            "{",
            f"#TRANS {booking.account} {_objects(booking)} {_amount(booking.amount)}",
            f"#TRANS {settings.IOP_SIE_BANK_ACCOUNT} {{}} {_amount(-booking.amount)}",
            "}",
        ]
    return lines


def sie_file(start, end, *, generated_by=""):
    """The SIE 4 file as bytes (code page 437, CRLF line ends)."""
    text = "\r\n".join(sie_lines(start, end, bookings(start, end), generated_by=generated_by))
    return (text + "\r\n").encode("cp437", errors="replace")
