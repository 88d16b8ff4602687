"""An organisation's state-aid ledger (Statsstöd): its compensation per fiscal year across all
partnerships against the de minimis ceilings (partnerships.state_aid), its partnerships' aid
bases, the overcompensation check of its financial statements (reporting), and the de minimis
statement it can show other aid grantors, as a PDF."""

from datetime import date
from decimal import Decimal

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from iop.pdf import pdf_response, render_pdf
from partnerships.models import AidKind
from partnerships.permissions import administration_required, get_organisation_for_user
from partnerships.state_aid import COUNTS_AGAINST, UNSET, YEARS_COUNTED, kind_of, ledger
from reporting.models import FinancialStatement

KIND_COLUMNS = [*AidKind.choices, (UNSET, gettext_lazy("Grund saknas"))]


def _statements(organisation):
    statements = (
        FinancialStatement.objects.filter(annex__participation__organisation=organisation)
        .select_related("annex__partnership")
        .prefetch_related("annex__compensations")
        .order_by("year_start", "pk")
    )
    return [
        {"statement": s, "compensation": s.compensation_for_year(), "excess": s.overcompensation()}
        for s in statements
    ]


@administration_required
def organisation_state_aid(request, pk):
    organisation = get_organisation_for_user(request, pk)
    found = ledger(organisation)
    kind_labels = [str(label) for _value, label in KIND_COLUMNS]
    ceiling_kinds = [(kind, str(AidKind(kind).label)) for kind in COUNTS_AGAINST]
    partnerships = {}
    for compensation in found.compensations:
        partnership = compensation.annex.partnership
        partnerships[partnership.pk] = (partnership, kind_of(compensation))
    year_rows = [
        {
            "year": year.year,
            "cells": list(zip(kind_labels, year.cells(), strict=True)),
            "against": [
                {
                    "label": label,
                    "sum": year.rolling[kind],
                    "ceiling": year.ceilings[kind],
                    "over": year.over(kind),
                }
                for kind, label in ceiling_kinds
            ],
        }
        for year in found.years
    ]
    return render(
        request,
        "partnerships/state_aid_ledger.html",
        {
            "organisation": organisation,
            "ledger": found,
            "kind_labels": kind_labels,
            "ceiling_kinds": ceiling_kinds,
            "year_rows": year_rows,
            "partnerships": sorted(partnerships.values(), key=lambda pair: pair[0].title),
            "statements": _statements(organisation),
            "this_year": timezone.localdate().year,
        },
    )


@administration_required
def de_minimis_statement(request, pk):
    """Intyg om stöd av mindre betydelse: the de minimis aid the municipality has given the
    undertaking in the fiscal year `?ar=` (this year by default) and the two before it."""
    organisation = get_organisation_for_user(request, pk)
    try:
        year = int(request.GET.get("ar") or timezone.localdate().year)
    except ValueError:
        raise Http404 from None
    if not 1990 <= year <= 2200:
        raise Http404
    found = ledger(organisation)
    first = year - YEARS_COUNTED + 1
    rows = []
    for compensation in found.compensations:
        if kind_of(compensation) != AidKind.DE_MINIMIS:
            continue
        parts = [
            compensation.amount_between(date(y, 1, 1), date(y, 12, 31))
            for y in range(first, year + 1)
        ]
        if any(parts):
            rows.append({"compensation": compensation, "parts": parts, "total": sum(parts)})
    total = sum((row["total"] for row in rows), Decimal(0))
    in_year = next((y for y in found.years if y.year == year), None)
    ceiling = in_year.ceilings.get(AidKind.DE_MINIMIS) if in_year else None
    context = {
        "organisation": organisation,
        "year": year,
        "years": list(range(first, year + 1)),
        "rows": rows,
        "total": total,
        "ceiling": ceiling,
        "total_eur": (total / ceiling.sek_per_eur).quantize(Decimal(1)) if ceiling else None,
        "issued": timezone.localdate(),
        "issuer": request.user.get_full_name(),
    }
    pdf = render_pdf("partnerships/pdf/de_minimis.html", context)
    return pdf_response(pdf, f"de-minimis-{organisation.org_number or organisation.pk}-{year}.pdf")
