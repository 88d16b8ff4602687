"""Report templates, reporting periods, activity reports, financial statements, feedback and
complaints, half-year reports and annual compilations.

Figures are aggregated counts only: reports never hold names or personnummer of the people the
NGOs meet. Report contents live in JSON fields because what a report asks for is data (the
template decided by the steering group), not columns.
"""

from reporting.models.compilations import AnnualCompilation, HalfYearReport
from reporting.models.feedback import FeedbackEntry
from reporting.models.periods import ReportingPeriod
from reporting.models.report_templates import GENDERS, ReportTemplate
from reporting.models.reports import ActivityReport, ActivityReportVersion
from reporting.models.review import Status
from reporting.models.statements import (
    BudgetLine,
    FinancialStatement,
    StatementAttachment,
    attachment_path,
)

__all__ = [
    "GENDERS",
    "ActivityReport",
    "ActivityReportVersion",
    "AnnualCompilation",
    "BudgetLine",
    "FeedbackEntry",
    "FinancialStatement",
    "HalfYearReport",
    "ReportTemplate",
    "ReportingPeriod",
    "StatementAttachment",
    "Status",
    "attachment_path",  # migration 0001 refers to reporting.models.attachment_path
]
