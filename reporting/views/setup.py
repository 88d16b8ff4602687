"""Staff pages that set up a partnership's reporting: templates, periods, budget lines, and
the overview of everything reported for it."""

from django.db.models import Prefetch
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from iop.views_helpers import form_data, form_page
from partnerships.agreement_year import span_label
from partnerships.forms import DeleteForm
from partnerships.models import Annex, Compensation
from partnerships.permissions import (
    administration_required,
    get_annex_for_user,
    get_partnership_for_user,
)
from reporting.forms import (
    BudgetLineForm,
    PeriodChangeForm,
    PeriodExtraForm,
    PeriodMoveForm,
    PeriodRuleForm,
    TemplateForm,
)
from reporting.models import (
    ActivityReport,
    AnnualCompilation,
    FinancialStatement,
    HalfYearReport,
)
from reporting.permissions import get_budget_line_for_user, get_period_for_user
from reporting.services import period_changes
from reporting.services import periods as period_services
from reporting.services import statements as statement_services


def _overview_url(partnership):
    """The partnership's reporting page, which shows its templates, periods and budget lines:
    where their forms save to and where their "Avbryt" leads."""
    return reverse("reporting:partnership", args=[partnership.pk])


@administration_required
def partnership_reporting(request, pk):
    partnership = get_partnership_for_user(request, pk)
    periods = list(
        partnership.reporting_periods.prefetch_related(
            Prefetch(
                "activity_reports",
                queryset=ActivityReport.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            )
        ).order_by("start")
    )
    halfyears = {h.period_id: h for h in HalfYearReport.objects.filter(period__in=periods)}
    for period in periods:
        period.half_year = halfyears.get(period.pk)
    annexes = (
        Annex.objects.filter(partnership=partnership)
        .select_related("participation__organisation")
        .prefetch_related(
            "budget_lines",
            Prefetch("compensations", queryset=Compensation.objects.order_by("period_start")),
            Prefetch(
                "financial_statements", queryset=FinancialStatement.objects.order_by("year_start")
            ),
        )
    )
    compilations = {c.year: c for c in AnnualCompilation.objects.filter(partnership=partnership)}
    return render(
        request,
        "reporting/partnership_reporting.html",
        {
            "partnership": partnership,
            "templates": partnership.report_templates.order_by("-version"),
            "periods": periods,
            "annexes": annexes,
            "years": [
                (year, label, compilations.get(year))
                for year, label in _years(partnership, periods)
            ],
        },
    )


def _years(partnership, periods):
    """(number, label) of each year to compile: the calendar years the periods begin in, or
    the agreement years they begin in ("2017-05-01 – 2018-04-30")."""
    if not partnership.follows_agreement_year:
        return [(year, str(year)) for year in sorted({p.start.year for p in periods})]
    return [
        (year, span_label(first, last))
        for year, first, last in partnership.reporting_years()
        if any(first <= p.start <= last for p in periods)
    ]


def _kept_decision(current, data):
    """A new version keeps the steering-group decision link while its decision text is kept."""
    if current is not None and data.get("decision") == current.decision:
        return current.steering_decision
    return None


@administration_required
@require_http_methods(["GET", "POST"])
def template_create(request, pk):
    partnership = get_partnership_for_user(request, pk)
    current = period_services.current_template(partnership)
    initial = {}
    if current:
        initial = {
            "decision": current.decision,
            "require_gender": current.require_gender,
            "age_bands": ", ".join(current.age_bands),
            "ask_country": current.ask_country,
            "custom_counts": "\n".join(current.custom_counts),
            "questions": "\n".join(current.questions),
            "ask_feedback": current.ask_feedback,
            "ask_followup": current.ask_followup,
        }
    return form_page(
        request,
        TemplateForm(form_data(request), initial=initial),
        service=lambda **kw: period_services.template_create(
            partnership=partnership, steering_decision=_kept_decision(current, kw), **kw
        ),
        template="reporting/form.html",
        context={"title": _("Ny version av rapportmallen"), "partnership": partnership},
        success=_overview_url(partnership),
        message=_("Rapportmallen är sparad som en ny version."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def periods_generate(request, pk):
    partnership = get_partnership_for_user(request, pk)
    return form_page(
        request,
        PeriodRuleForm(form_data(request), initial={"year_basis": partnership.year_basis}),
        service=lambda **kw: period_services.periods_generate(partnership=partnership, **kw),
        template="reporting/form.html",
        context={
            "title": _("Skapa rapportperioder enligt regel"),
            "partnership": partnership,
            "intro": partnership.agreement_year_sentence(),
        },
        success=_overview_url(partnership),
        message=_created_message,
    )


def _created_message(created):
    if not created:
        return _("Inga nya rapportperioder: regelns perioder finns redan.")
    return ngettext(
        "%(count)s rapportperiod är skapad.", "%(count)s rapportperioder är skapade.", len(created)
    ) % {"count": len(created)}


@administration_required
@require_http_methods(["GET", "POST"])
def period_extra(request, pk):
    partnership = get_partnership_for_user(request, pk)
    return form_page(
        request,
        PeriodExtraForm(form_data(request)),
        service=lambda **kw: period_services.period_add_extra(partnership=partnership, **kw),
        template="reporting/form.html",
        context={"title": _("Extra rapport"), "partnership": partnership},
        success=_overview_url(partnership),
        message=_("Den extra rapporten är tillagd."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def period_move(request, pk):
    period = get_period_for_user(request, pk)
    return form_page(
        request,
        PeriodMoveForm(form_data(request), initial={"due_date": period.due_date}),
        service=lambda **kw: period_services.period_move_due(period, **kw),
        template="reporting/form.html",
        context={
            "title": _("Flytta sista dag för perioden %(period)s") % {"period": period},
            "partnership": period.partnership,
        },
        success=_overview_url(period.partnership),
        message=_("Sista dag är flyttad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def period_change(request, pk):
    period = get_period_for_user(request, pk)
    return form_page(
        request,
        PeriodChangeForm(
            form_data(request),
            initial={"start": period.start, "end": period.end, "due_date": period.due_date},
        ),
        service=lambda **kw: period_changes.period_change(period, **kw),
        template="reporting/period_change.html",
        context={
            "title": _("Ändra perioden %(period)s") % {"period": period},
            "partnership": period.partnership,
            # Said before anyone types; a refused POST keeps the form with the error.
            "refusal": period.change_refusal() if request.method == "GET" else "",
        },
        success=_overview_url(period.partnership),
        message=lambda changed: _("Perioden är ändrad till %(period)s.") % {"period": changed},
    )


@administration_required
@require_http_methods(["GET", "POST"])
def period_remove(request, pk):
    period = get_period_for_user(request, pk)
    return form_page(
        request,
        DeleteForm(form_data(request)),
        service=lambda **kw: period_changes.period_remove(period, **kw),
        template="reporting/period_remove.html",
        context={
            "object": period,
            "partnership": period.partnership,
            "drafts": period.activity_reports.select_related("organisation").order_by(
                "organisation__name"
            ),
            # Said before anyone writes a reason; a refused POST keeps the form with the error.
            "refusal": period_changes.removal_refusal(period) if request.method == "GET" else "",
            "cancel_url": _overview_url(period.partnership),
        },
        success=_overview_url(period.partnership),
        message=_("Rapportperioden är borttagen."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def budget_line_create(request, annex_pk):
    annex = get_annex_for_user(request, annex_pk)
    return form_page(
        request,
        BudgetLineForm(form_data(request)),
        service=lambda **kw: statement_services.budget_line_create(annex=annex, **kw),
        template="reporting/form.html",
        context={"title": _("Ny budgetpost"), "partnership": annex.partnership},
        success=_overview_url(annex.partnership),
        message=_("Budgetposten är tillagd."),
    )


def _get_budget_line(request, pk):
    line = get_budget_line_for_user(request, pk)
    return line, line.annex


@administration_required
@require_http_methods(["GET", "POST"])
def budget_line_edit(request, pk):
    line, annex = _get_budget_line(request, pk)
    return form_page(
        request,
        BudgetLineForm(form_data(request), instance=line),
        service=lambda **kw: statement_services.budget_line_update(line, **kw),
        template="reporting/form.html",
        context={
            "title": _("Ändra budgetpost i %(annex)s") % {"annex": annex},
            "partnership": annex.partnership,
        },
        success=_overview_url(annex.partnership),
        message=_("Ändringen är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def budget_line_delete(request, pk):
    line, annex = _get_budget_line(request, pk)
    return form_page(
        request,
        DeleteForm(form_data(request)),
        service=lambda **kw: statement_services.budget_line_delete(line, **kw) or annex,
        template="partnerships/confirm_delete.html",
        context={
            "object": line,
            "partnership": annex.partnership,
            # Said before anyone writes a reason; a refused POST keeps the form with the error.
            "refusal": line.deletion_refusal() if request.method == "GET" else "",
            "cancel_url": _overview_url(annex.partnership),
        },
        success=_overview_url(annex.partnership),
        message=_("Budgetposten är borttagen."),
    )
