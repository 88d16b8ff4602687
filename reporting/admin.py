from django.contrib import admin

from iop.admin import HistoryAdmin
from reporting.models import (
    ActivityReport,
    AnnualCompilation,
    BudgetLine,
    FeedbackEntry,
    FinancialStatement,
    HalfYearReport,
    ReportingPeriod,
    ReportTemplate,
)


@admin.register(ReportTemplate)
class ReportTemplateAdmin(HistoryAdmin):
    list_display = ["partnership", "version", "decision", "created_at"]
    list_select_related = ["partnership"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(HistoryAdmin):
    list_display = ["partnership", "kind", "start", "end", "due_date"]
    list_filter = ["kind"]
    list_select_related = ["partnership"]


@admin.register(ActivityReport)
class ActivityReportAdmin(HistoryAdmin):
    list_display = ["organisation", "period", "status", "submitted_at"]
    list_filter = ["status"]
    list_select_related = ["organisation", "period"]
    # Status changes go through the state machine in the views, not the admin.
    readonly_fields = ["status", "submitted_at", "decided_at"]


@admin.register(FinancialStatement)
class FinancialStatementAdmin(HistoryAdmin):
    list_display = ["annex", "year_start", "status", "total_spent"]
    list_filter = ["status"]
    list_select_related = ["annex"]
    readonly_fields = ["status", "submitted_at", "decided_at", "total_spent"]


admin.site.register(BudgetLine, HistoryAdmin)
admin.site.register(FeedbackEntry, HistoryAdmin)
admin.site.register(HalfYearReport, HistoryAdmin)
admin.site.register(AnnualCompilation, HistoryAdmin)
