"""A partnership's kontering (Ekonomi tab) and the payments as an SIE 4 file for the accounting
system (Bokföringsexport, staff)."""

from collections import defaultdict
from decimal import Decimal

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from iop.views_helpers import form_data, form_page
from partnerships.forms_accounting import AccountingCodeForm, SieExportForm
from partnerships.permissions import (
    administration_required,
    get_accounting_code_for_user,
    get_partnership_for_user,
)
from partnerships.services.accounting import accounting_code_set
from partnerships.sie import bookings, sie_file
from partnerships.views import FORM


def _money_tab(partnership):
    return reverse("partnerships:section", args=[partnership.pk, "ekonomi"]) + "#kontering"


@administration_required
@require_http_methods(["GET", "POST"])
def accounting_code_create(request, pk):
    partnership = get_partnership_for_user(request, pk)
    return form_page(
        request,
        AccountingCodeForm(form_data(request)),
        service=lambda **kw: accounting_code_set(partnership=partnership, **kw),
        template=FORM,
        context={"title": _("Ny kontering"), "partnership": partnership},
        success=_money_tab(partnership),
        message=_("Konteringen är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def accounting_code_edit(request, pk):
    code = get_accounting_code_for_user(request, pk)
    partnership = code.partnership
    return form_page(
        request,
        AccountingCodeForm(form_data(request), instance=code),
        service=lambda **kw: accounting_code_set(partnership=partnership, code=code, **kw),
        template=FORM,
        context={"title": _("Ändra kontering"), "partnership": partnership},
        success=_money_tab(partnership),
        message=_("Konteringen är sparad."),
    )


def _summary(found):
    by_code = defaultdict(lambda: [0, Decimal(0)])
    for booking in found:
        row = by_code[(booking.account, booking.cost_centre, booking.project)]
        row[0] += 1
        row[1] += booking.amount
    return [
        {"account": a, "cost_centre": c, "project": p, "count": n, "total": total}
        for (a, c, p), (n, total) in sorted(by_code.items())
    ]


@administration_required
@require_http_methods(["GET"])
def sie_export(request):
    """The payments paid in a period: what the file will hold (per account and cost centre,
    and which partnerships have no kontering yet), and the file itself (`?fil=sie`)."""
    form = SieExportForm(request.GET or None)
    context = {"form": form}
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        if request.GET.get("fil") == "sie":
            response = HttpResponse(
                sie_file(start, end, generated_by=request.user.get_full_name()),
                content_type="text/plain; charset=cp437",
            )
            name = f"utbetalningar-{start.isoformat()}-{end.isoformat()}.si"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        found = bookings(start, end)
        uncoded = {b.payment.annex.partnership for b in found if b.uncoded}
        context.update(
            found=found,
            total=sum((b.amount for b in found), Decimal(0)),
            summary=_summary(found),
            uncoded=sorted(uncoded, key=lambda p: p.title),
            file_query=request.GET.urlencode() + "&fil=sie",
        )
    return render(request, "partnerships/sie_export.html", context)
