"""Half-year reports and annual compilations (staff), their PDFs and exports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from iop.pdf import pdf_response, render_pdf
from iop.prepared import Param, PreparedQuery
from iop.templatetags.iop import paragraphs
from iop.views_helpers import add_service_errors, form_data
from partnerships.permissions import administration_required, get_partnership_for_user
from reporting import exports
from reporting.charts import charts
from reporting.compilation import (
    compile_period,
    compile_year,
    economic_follow_up,
    goal_answers,
    internal_tables,
    suppressed,
    suppression_legend,
    threshold,
)
from reporting.forms import AnnualForm, SummaryForm
from reporting.models import AnnualCompilation, HalfYearReport
from reporting.permissions import get_period_for_user
from reporting.services import compilations as compilation_services

EXPORT_FORMATS = {"csv", "xlsx"}


def _get_halfyear(pk):
    return get_object_or_404(HalfYearReport.objects.select_related("period__partnership"), pk=pk)


# The compilation with its partnership, compiled once per process (iop/prepared.py).
_ANNUAL = PreparedQuery(
    lambda: AnnualCompilation.objects.select_related("partnership").filter(pk=Param("pk"))
)


def _get_annual(pk):
    for compilation in _ANNUAL.list(pk=pk):
        return compilation
    raise Http404


@administration_required
@require_POST
def halfyear_open(request, period_pk):
    period = get_period_for_user(request, period_pk)
    report = compilation_services.halfyear_for_period(period=period, actor=request.user)
    return redirect(report)


def _halfyear_context(report):
    compilation = compile_period(report.period)
    total, tables = internal_tables(compilation)
    return {
        "report": report,
        "period": report.period,
        "partnership": report.period.partnership,
        "compilation": compilation,
        "total": total,
        "tables": tables,
        "charts": charts(tables),
    }


@administration_required
@require_http_methods(["GET", "POST"])
def halfyear_detail(request, pk):
    report = _get_halfyear(pk)
    form = SummaryForm(form_data(request), initial={"summary": report.summary})
    if request.method == "POST" and form.is_valid():
        try:
            compilation_services.halfyear_update(
                report, summary=form.cleaned_data["summary"], actor=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Sammanfattningen är sparad."))
            return redirect(report)
    return render(
        request, "reporting/halfyear_detail.html", {**_halfyear_context(report), "form": form}
    )


@administration_required
@require_POST
def halfyear_send(request, pk):
    report = _get_halfyear(pk)
    try:
        compilation_services.halfyear_send(report, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Rapporten är markerad som skickad till styrgruppen."))
    return redirect(report)


def render_halfyear(report):
    return render_pdf("reporting/pdf/halfyear.html", _halfyear_context(report))


@administration_required
def halfyear_pdf(request, pk):
    report = _get_halfyear(pk)
    pdf = render_halfyear(report)
    return pdf_response(pdf, f"halvarsrapport-{report.period.start:%Y-%m}.pdf")


@administration_required
@require_POST
def annual_open(request, pk):
    partnership = get_partnership_for_user(request, pk)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError as exc:
        raise Http404 from exc
    # Only a year the partnership reports by (the page offers no other).
    if year not in {number for number, _first, _last in partnership.reporting_years()}:
        raise Http404
    compilation = compilation_services.annual_for_year(
        partnership=partnership, year=year, actor=request.user
    )
    return redirect(compilation)


def render_annual(compilation, *, public=False):
    """The annual compilation as PDF/A bytes; `public`: small counts suppressed."""
    return render_pdf("reporting/pdf/annual.html", _annual_context(compilation, public=public))


def _annual_context(compilation, *, public):
    partnership = compilation.partnership
    figures = compile_year(partnership, compilation.span)
    total, tables = suppressed(figures) if public else internal_tables(figures)
    goals = goal_answers(partnership, figures)
    for row in goals:
        row["assessment"] = compilation.assessments.get(str(row["goal"].pk), "")
    return {
        "compilation": compilation,
        "partnership": partnership,
        "figures": figures,
        "total": total,
        "tables": tables,
        "charts": charts(tables),
        "legend": suppression_legend(total, tables),
        "goals": goals,
        "economy": economic_follow_up(partnership, compilation.span),
        "public": public,
        "threshold": threshold(),
    }


def _write_answers(goals):
    """Each goal's answers as the page shows them, one string of HTML per goal: through the
    template's loop the answers (every party's, twice a year, for each goal: 50 at 10×) took
    a good part of the page's time."""
    none = format_html('<p class="muted">{}</p>', _("Inga svar."))
    for row in goals:
        row["answers_html"] = mark_safe(
            "".join(
                f'<h4>{escape(organisation.name)} <span class="muted">'
                f"{period.start.isoformat()} – {period.end.isoformat()}</span></h4>"
                f"{paragraphs(answer)}"
                for organisation, period, answer in row["answers"]
            )
            or none
        )


@administration_required
@require_http_methods(["GET", "POST"])
def annual_detail(request, pk):
    compilation = _get_annual(pk)
    public = request.GET.get("version") == "publik"
    context = _annual_context(compilation, public=public)
    goals = [row["goal"] for row in context["goals"]]
    _write_answers(context["goals"])
    initial = {"summary": compilation.summary}
    initial.update({f"goal_{k}": v for k, v in compilation.assessments.items()})
    form = AnnualForm(form_data(request), goals=goals, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            compilation_services.annual_update(
                compilation,
                summary=form.cleaned_data["summary"],
                assessments=form.assessments(),
                actor=request.user,
            )
        except ValidationError as exc:
            if not AnnualCompilation.objects.get(pk=compilation.pk).is_editable:
                # Sent while this was being written: the page no longer shows the form, so the
                # refusal is said at the top of the page rather than next to a hidden field.
                messages.error(request, " ".join(exc.messages))
                return redirect(compilation)
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Bedömningen är sparad."))
            return redirect(compilation)
    return render(request, "reporting/annual_detail.html", {**context, "form": form})


@administration_required
@require_POST
def annual_send(request, pk):
    compilation = _get_annual(pk)
    try:
        compilation_services.annual_send(compilation, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Sammanställningen är markerad som skickad till nämnden."))
    return redirect(compilation)


@administration_required
def annual_pdf(request, pk):
    compilation = _get_annual(pk)
    public = request.GET.get("version") == "publik"
    pdf = render_annual(compilation, public=public)
    suffix = "-publik" if public else ""
    return pdf_response(pdf, f"arlig-sammanstallning-{compilation.year}{suffix}.pdf")


@administration_required
def annual_export(request, pk, fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    compilation = _get_annual(pk)
    figures = compile_year(compilation.partnership, compilation.span)
    filename = f"iop-{compilation.partnership.pk}-{compilation.year}"
    if fmt == "csv":
        return exports.csv_response(figures, filename)
    return exports.xlsx_response(figures, filename)


@administration_required
def halfyear_export(request, pk, fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    report = _get_halfyear(pk)
    figures = compile_period(report.period)
    filename = f"halvar-{report.period.start:%Y-%m}"
    if fmt == "csv":
        return exports.csv_response(figures, filename)
    return exports.xlsx_response(figures, filename)
