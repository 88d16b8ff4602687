"""Activity reports: the representative writes, saves and submits; staff accept or return."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from iop.concurrency import STALE, check_version, current_version
from iop.due_labels import DueLabels
from iop.prepared import PreparedQuery, Viewer, url_for_each
from iop.table_html import cell_labels
from iop.views_helpers import (
    add_service_errors,
    form_data,
    form_page,
    paginate,
    paginate_without_count,
)
from partnerships.forms import DeleteForm
from partnerships.models import Partnership
from partnerships.permissions import administration_required, is_administration
from reporting.forms import (
    ActivityReportForm,
    FeedbackEditForm,
    FeedbackFilterForm,
    FeedbackForm,
    ReportFilterForm,
    ReturnForm,
)
from reporting.models import ActivityReport, ActivityReportVersion, FeedbackEntry, Status
from reporting.permissions import (
    can_write_report,
    get_own_feedback_for_user,
    get_period_for_user,
    get_report_for_user,
    periods_reported_by,
    visible_feedback,
    visible_periods,
    visible_reports,
)
from reporting.services import feedback as feedback_services
from reporting.services import reports as report_services
from reporting.validation import raw_from_report

# The partnerships of the list's filter, in title order, compiled once (iop/prepared.py): staff
# see every one, a representative those the models' own rule lets them see.
_PARTNERSHIP_CHOICES = PreparedQuery(
    lambda: Partnership.objects.order_by("title", "pk").values_list("pk", "title")
)
_VIEWERS_PARTNERSHIP_CHOICES = PreparedQuery(
    lambda: (
        Partnership.objects.visible_to(Viewer()).order_by("title", "pk").values_list("pk", "title")
    )
)


def _partnership_choices(user):
    if is_administration(user):
        return _PARTNERSHIP_CHOICES.rows()
    return _VIEWERS_PARTNERSHIP_CHOICES.rows(**Viewer.values(user))


@login_required
def report_list(request):
    """Every report the user may see, newest period first, 25 a page.

    Staff see all reports (30,000 at 10×): only the columns the list shows are read, the
    periods' start index lets PostgreSQL sort just the newest periods' reports for a page, and
    the pages link to the previous and next page without counting the whole table."""
    reports = visible_reports(
        request.user,
        ActivityReport.objects.select_related("organisation", "period__partnership").only(
            "status",
            "figures",
            "period__start",
            "period__end",
            "period__due_date",
            "period__partnership__title",
            "organisation__name",
        ),
    )
    form = ReportFilterForm(request.GET or None, partnerships=_partnership_choices(request.user))
    if form.is_bound:
        form.is_valid()
        reports = form.filter(reports)
    reports = reports.order_by(
        "-period__start", "period__partnership__title", "organisation__name", "pk"
    )
    page = paginate_without_count(request, reports)
    return render(
        request,
        "reporting/report_list.html",
        {"page": page, "rows": _report_rows(page.object_list), "form": form},
    )


def _report_rows(reports):
    """Each report's table row, written here rather than in the template (25 rows of template
    lookups, a URL reversed for each, were half of the page's time), as one string. The status
    label, the total and whether it is late (as Kommande says) are the model's; a draft shows
    no total."""
    url = url_for_each("reporting:report_detail")
    due_label = DueLabels(show_done=False)
    partnership_at, period_at, due_at, status_at, total_at = cell_labels(
        _("Partnerskap"), _("Period"), _("Sista dag"), _("Status"), _("Antal nådda")
    )
    rows = []
    for report in reports:
        period, level = report.period, report.urgency(due_label.today)
        total = ""
        if report.status != Status.DRAFT:
            total = report.total
            # What {{ report.total }} wrote: a whole number as it is, anything else localized.
            total = str(total) if type(total) is int else escape(localize(total))
        rows.append(
            f'<tr class="deadline-{level}"><td><a href="{url(report.pk)}">'
            f"{escape(report.organisation.name)}</a></td>"
            f"<td{partnership_at}>{escape(period.partnership.title)}</td>"
            f'<td class="nowrap"{period_at}>'
            f"{period.start.isoformat()} – {period.end.isoformat()}</td>"
            f'<td class="nowrap"{due_at}>{period.due_date.isoformat()}'
            f"{due_label(period.due_date, level)}</td>"
            f'<td{status_at}><span class="status status-{escape(report.status)}">'
            f"{escape(report.status_label)}</span></td>"
            f'<td class="num"{total_at}>{total}</td></tr>'
        )
    return mark_safe("\n".join(rows))


@login_required
@require_POST
def report_start(request, period_pk):
    """A representative opens their organisation's report for a period (created on first use)."""
    period = get_period_for_user(request, period_pk)
    if is_administration(request.user) or not request.user.organisation_id:
        raise PermissionDenied
    is_party = period.partnership.participations.filter(
        organisation_id=request.user.organisation_id
    ).exists()
    if not is_party:
        raise Http404
    try:
        report = report_services.report_start(
            period=period, organisation=request.user.organisation, actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("portal:home")
    return redirect("reporting:report_edit", report.pk)


@login_required
def report_detail(request, pk):
    report = get_report_for_user(request, pk)
    versions = report.versions.select_related("submitted_by").order_by("-number")
    return render(
        request,
        "reporting/report_detail.html",
        {
            "report": report,
            "items": _answer_items(report.template, report.answers),
            "versions": versions,
            "can_write": can_write_report(request.user, report),
            "can_review": is_administration(request.user) and "accept" in report.allowed_actions,
            "return_form": ReturnForm(),
        },
    )


@login_required
def report_version(request, pk, number):
    report = get_report_for_user(request, pk)
    try:
        version = report.versions.select_related("submitted_by").get(number=number)
    except ActivityReportVersion.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "reporting/report_version.html",
        {
            "report": report,
            "version": version,
            "items": _answer_items(report.template, version.answers),
        },
    )


def _answer_items(template, answers):
    return [(label, (answers or {}).get(key, "")) for key, label, _r in template.question_items()]


def _refusal(exc):
    """True when a ValidationError is the version check's "someone else saved it"."""
    return not hasattr(exc, "error_dict") and any(e.code == STALE for e in exc.error_list)


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    report = get_report_for_user(request, pk)
    own = report.organisation_id == request.user.organisation_id
    if not can_write_report(request.user, report):
        if request.method == "POST" and own and not is_administration(request.user):
            return _refused_because_locked(request, report)
        if is_administration(request.user) or own:
            messages.error(request, _("Rapporten kan inte ändras just nu."))
            return redirect(report)
        raise Http404
    data = form_data(request)
    form = ActivityReportForm(
        data, template=report.template, report=report, initial=raw_from_report(report)
    )
    refused = []
    if request.method == "POST":
        autosave = "autosave" in request.POST
        submitting = "submit" in request.POST and not autosave
        saved_by_other = False
        if submitting and form.is_valid():
            try:
                report_services.report_submit(
                    report,
                    raw=form.raw(),
                    version=form.cleaned_data["version"],
                    labels=form.labels(),
                    actor=request.user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                saved_by_other = _refusal(exc)
            else:
                messages.success(request, _("Rapporten är inskickad. Tack!"))
                return redirect(report)
        if not saved_by_other:
            # Nothing typed is lost: the draft on the server now holds exactly this, unless a
            # colleague saved the report meanwhile (then nothing of theirs is overwritten and
            # what this person typed stays in the form).
            try:
                report_services.report_save_draft(
                    report,
                    raw=form.raw(),
                    version=form.sent_version(),
                    labels=form.labels(),
                    actor=request.user,
                )
            except ValidationError as exc:
                if autosave:
                    return JsonResponse({"saved": False, "messages": exc.messages}, status=409)
                refused = exc.messages
            else:
                if autosave:
                    return JsonResponse({"saved": True, "version": current_version(report)})
                if not submitting:
                    messages.success(request, _("Utkastet är sparat."))
                    return redirect("reporting:report_edit", report.pk)
                form.draft_saved = True
        form.set_version(current_version(report))
    return render(
        request,
        "reporting/report_form.html",
        {"report": report, "form": form, "refused": refused},
        status=409 if refused else 200,
    )


def _refused_because_locked(request, report):
    """A colleague submitted (or staff accepted) the report while this person was writing:
    show what changed and keep what they typed; nothing is saved."""
    form = ActivityReportForm(request.POST, template=report.template, report=report)
    refused = []
    try:
        check_version(report, form.sent_version(), labels=form.labels())
    except ValidationError as exc:
        refused = exc.messages
    refused.append(
        _("Rapporten är %(status)s och kan inte ändras.")
        % {"status": report.get_status_display().lower()}
    )
    if "autosave" in request.POST:
        return JsonResponse({"saved": False, "messages": refused}, status=409)
    return render(
        request,
        "reporting/report_form.html",
        {"report": report, "form": form, "refused": refused, "locked": True},
        status=409,
    )


@administration_required
@require_POST
def report_review(request, pk):
    report = get_report_for_user(request, pk)
    decision = request.POST.get("decision")
    form = ReturnForm(request.POST)
    form.is_valid()
    try:
        if decision == "accept":
            report_services.report_accept(report, actor=request.user)
            messages.success(request, _("Rapporten är godkänd och låst."))
        elif decision == "return":
            report_services.report_return(
                report, comment=form.cleaned_data["comment"], actor=request.user
            )
            messages.success(request, _("Rapporten är återsänd till organisationen."))
        else:
            raise ValidationError(_("Välj godkänn eller återsänd."))
    except ValidationError as exc:
        add_service_errors(form, exc)
        return render(
            request,
            "reporting/report_detail.html",
            {
                "report": report,
                "items": _answer_items(report.template, report.answers),
                "versions": report.versions.select_related("submitted_by").order_by("-number"),
                "can_review": "accept" in report.allowed_actions,
                "return_form": form,
            },
            status=400,
        )
    return redirect(report)


# --- Feedback and complaints ---------------------------------------------------------------


@login_required
def feedback_list(request):
    entries = visible_feedback(
        request.user,
        FeedbackEntry.objects.select_related("organisation", "period__partnership"),
    )
    partnerships = Partnership.objects.visible_to(request.user).order_by("title", "pk")
    form = FeedbackFilterForm(
        request.GET or None, partnerships=partnerships.values_list("pk", "title")
    )
    if form.is_bound and form.is_valid():
        entries = form.filter(entries)
    entries = entries.order_by("-period__start", "organisation__name", "category", "pk")
    return render(
        request,
        "reporting/feedback_list.html",
        {
            "page": paginate(request, entries),
            "form": form,
            "can_add": not is_administration(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def feedback_create(request):
    if is_administration(request.user) or not request.user.organisation_id:
        raise PermissionDenied
    periods = periods_reported_by(
        request.user.organisation_id, visible_periods(request.user)
    ).select_related("partnership")
    periods = periods.order_by("-start")
    form = FeedbackForm(form_data(request), periods=periods)
    back = reverse("reporting:feedback_list")
    if request.method == "POST" and form.is_valid():
        try:
            feedback_services.feedback_create(
                organisation=request.user.organisation, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Synpunkterna är registrerade."))
            return redirect(back)
    return render(
        request,
        "reporting/form.html",
        {"form": form, "title": _("Registrera synpunkter och klagomål"), "cancel_url": back},
    )


@login_required
@require_http_methods(["GET", "POST"])
def feedback_edit(request, pk):
    """The organisation corrects an entry it registered (until the half-year report is sent)."""
    entry = get_own_feedback_for_user(request, pk)
    return form_page(
        request,
        FeedbackEditForm(form_data(request), instance=entry),
        service=lambda **kw: feedback_services.feedback_update(entry, **kw),
        template="reporting/form.html",
        context={"title": _("Rätta synpunkter och klagomål %(period)s") % {"period": entry.period}},
        success=reverse("reporting:feedback_list"),
        message=_("Rättelsen är sparad."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def feedback_delete(request, pk):
    entry = get_own_feedback_for_user(request, pk)
    return form_page(
        request,
        DeleteForm(form_data(request)),
        service=lambda **kw: feedback_services.feedback_delete(entry, **kw),
        template="partnerships/confirm_delete.html",
        context={"object": entry},
        success=reverse("reporting:feedback_list"),
        message=_("Posten är borttagen."),
    )
