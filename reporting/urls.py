from django.urls import path

from reporting.views import compilations, report_list, reports, setup, statements

app_name = "reporting"

urlpatterns = [
    path("", report_list.report_list, name="report_list"),
    path("perioder/<int:period_pk>/skriv/", reports.report_start, name="report_start"),
    path("verksamhet/<int:pk>/", reports.report_detail, name="report_detail"),
    path("verksamhet/<int:pk>/andra/", reports.report_edit, name="report_edit"),
    path("verksamhet/<int:pk>/granska/", reports.report_review, name="report_review"),
    path(
        "verksamhet/<int:pk>/versioner/<int:number>/",
        reports.report_version,
        name="report_version",
    ),
    path("synpunkter/", reports.feedback_list, name="feedback_list"),
    path("synpunkter/ny/", reports.feedback_create, name="feedback_create"),
    path("synpunkter/<int:pk>/andra/", reports.feedback_edit, name="feedback_edit"),
    path("synpunkter/<int:pk>/ta-bort/", reports.feedback_delete, name="feedback_delete"),
    # Staff set-up per partnership
    path("partnerskap/<int:pk>/", setup.partnership_reporting, name="partnership"),
    path("partnerskap/<int:pk>/mall/ny/", setup.template_create, name="template_create"),
    path("partnerskap/<int:pk>/perioder/regel/", setup.periods_generate, name="periods_generate"),
    path("partnerskap/<int:pk>/perioder/extra/", setup.period_extra, name="period_extra"),
    path("perioder/<int:pk>/flytta/", setup.period_move, name="period_move"),
    path("perioder/<int:pk>/andra/", setup.period_change, name="period_change"),
    path("perioder/<int:pk>/ta-bort/", setup.period_remove, name="period_remove"),
    path("bilagor/<int:annex_pk>/budget/ny/", setup.budget_line_create, name="budget_line_create"),
    path("budget/<int:pk>/andra/", setup.budget_line_edit, name="budget_line_edit"),
    path("budget/<int:pk>/ta-bort/", setup.budget_line_delete, name="budget_line_delete"),
    # Financial statements
    path("bilagor/<int:annex_pk>/ekonomi/", statements.annex_statements, name="annex_statements"),
    path("bilagor/<int:annex_pk>/ekonomi/ny/", statements.statement_start, name="statement_start"),
    path("ekonomi/<int:pk>/", statements.statement_detail, name="statement_detail"),
    path("ekonomi/<int:pk>/andra/", statements.statement_edit, name="statement_edit"),
    path("ekonomi/<int:pk>/granska/", statements.statement_review, name="statement_review"),
    path("ekonomi/<int:pk>/filer/ny/", statements.attachment_upload, name="attachment_upload"),
    path("filer/<int:pk>/", statements.attachment_download, name="attachment_download"),
    # Compilations
    path("perioder/<int:period_pk>/halvar/", compilations.halfyear_open, name="halfyear_open"),
    path("halvar/<int:pk>/", compilations.halfyear_detail, name="halfyear_detail"),
    path("halvar/<int:pk>/skicka/", compilations.halfyear_send, name="halfyear_send"),
    path("halvar/<int:pk>/pdf/", compilations.halfyear_pdf, name="halfyear_pdf"),
    path(
        "halvar/<int:pk>/export.<slug:fmt>",
        compilations.halfyear_export,
        name="halfyear_export",
    ),
    path("partnerskap/<int:pk>/arlig/", compilations.annual_open, name="annual_open"),
    path("arlig/<int:pk>/", compilations.annual_detail, name="annual_detail"),
    path("arlig/<int:pk>/skicka/", compilations.annual_send, name="annual_send"),
    path("arlig/<int:pk>/pdf/", compilations.annual_pdf, name="annual_pdf"),
    path("arlig/<int:pk>/export.<slug:fmt>", compilations.annual_export, name="annual_export"),
]
