"""Reporting on a partnership's history timeline: report templates, reporting periods, budget
lines and annual compilations."""

from django.utils.translation import gettext as _

from partnerships.history.sources import Source, by_annex, by_partnership
from reporting.models import AnnualCompilation, BudgetLine, ReportingPeriod, ReportTemplate


def _template_label(row, fk_labels):
    return _("Rapportmall version %(v)s") % {"v": row.version}


def _period_label(row, fk_labels):
    return f"{row.start:%Y-%m-%d} – {row.end:%Y-%m-%d}"


def _compilation_label(row, fk_labels):
    return _("Årlig sammanställning %(year)s") % {"year": row.year}


SOURCES = (
    Source(ReportTemplate, by_partnership, _template_label),
    Source(ReportingPeriod, by_partnership, _period_label),
    Source(BudgetLine, by_annex, lambda row, fk: row.label),
    Source(AnnualCompilation, by_partnership, _compilation_label),
)
