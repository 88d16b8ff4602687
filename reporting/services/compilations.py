"""Writes to the half-year reports and annual compilations. Every function runs in one
transaction and records who and why."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from iop.history import save_with_history
from partnerships import agreement_year
from partnerships.transitions import transition
from reporting.compilation import compile_period
from reporting.models import AnnualCompilation, HalfYearReport

# --- Compilations ------------------------------------------------------------------------


@transaction.atomic
def halfyear_for_period(*, period, actor, reason="") -> HalfYearReport:
    existing = HalfYearReport.objects.filter(period=period).first()
    if existing:
        return existing
    return save_with_history(
        HalfYearReport(period=period), actor=actor, reason=reason or _("Halvårsrapport skapad")
    )


@transaction.atomic
def halfyear_update(report, *, summary, actor, reason="") -> HalfYearReport:
    if not report.is_editable:
        raise ValidationError({"summary": _("Rapporten är redan skickad till styrgruppen.")})
    report.summary = summary
    return save_with_history(report, actor=actor, reason=reason or _("Sammanfattning ändrad"))


@transaction.atomic
def halfyear_send(report, *, actor, reason="") -> HalfYearReport:
    return transition(
        report,
        "send",
        actor=actor,
        reason=reason or _("Skickad till styrgruppen"),
        fields={"figures": compile_period(report.period).as_json()},
    )


@transaction.atomic
def annual_for_year(*, partnership, year, actor, reason="") -> AnnualCompilation:
    """The compilation of `year`: the calendar year, or for a partnership that follows its
    agreement year, the agreement year that begins in `year` (cut at the partnership's start
    and end, as `Partnership.year_spans` cuts it)."""
    existing = AnnualCompilation.objects.filter(partnership=partnership, year=year).first()
    if existing:
        return existing
    compilation = AnnualCompilation(partnership=partnership, year=year)
    if partnership.follows_agreement_year:
        spans = {number: (first, last) for number, first, last in partnership.reporting_years()}
        span = spans.get(year) or agreement_year.whole_year(year, *partnership.agreement_year_start)
        compilation.year_start, compilation.year_end = span
    return save_with_history(
        compilation,
        actor=actor,
        reason=reason or _("Årlig sammanställning skapad"),
    )


@transaction.atomic
def annual_update(compilation, *, summary, assessments, actor, reason="") -> AnnualCompilation:
    # Decided on the locked row: a compilation sent since the page was read is not edited, and
    # a copy read as a draft never writes its old status back over the send.
    compilation = AnnualCompilation.objects.select_for_update().get(pk=compilation.pk)
    if not compilation.is_editable:
        raise ValidationError({"summary": _("Sammanställningen är redan skickad till nämnden.")})
    compilation.summary = summary
    compilation.assessments = {str(k): v for k, v in assessments.items()}
    return save_with_history(compilation, actor=actor, reason=reason or _("Bedömning ändrad"))


@transaction.atomic
def annual_send(compilation, *, actor, reason="") -> AnnualCompilation:
    return transition(compilation, "send", actor=actor, reason=reason or _("Skickad till nämnden"))
