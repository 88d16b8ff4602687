"""The list of activity reports: filtered, sorted and exported (iop/tables.py)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from iop.due_labels import DueLabels
from iop.prepared import PreparedQuery, Viewer, url_for_each
from iop.tables import Column, Table, choice_order
from iop.views_helpers import paginate_without_count
from partnerships.models import Partnership
from partnerships.permissions import is_administration
from partnerships.views.organisations import suggest_organisations
from reporting.forms import ReportFilterForm
from reporting.models import ActivityReport, Status
from reporting.permissions import visible_reports

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


def _reached(report):
    """The report's total, none for a draft (as the list shows it)."""
    return "" if report.status == Status.DRAFT else report.total


REPORT_TABLE = Table(
    name="verksamhetsrapporter",
    title=gettext_lazy("Verksamhetsrapporter"),
    columns=(
        Column(
            "organisation",
            gettext_lazy("Organisation"),
            lambda r: r.organisation.name,
            ("organisation__name",),
        ),
        Column(
            "partnerskap",
            gettext_lazy("Partnerskap"),
            lambda r: r.period.partnership.title,
            ("period__partnership__title",),
        ),
        Column("period", gettext_lazy("Period"), lambda r: r.period.start, ("period__start",)),
        Column("periodslut", gettext_lazy("Periodens slut"), lambda r: r.period.end, shown=False),
        Column(
            "sista-dag",
            gettext_lazy("Sista dag"),
            lambda r: r.period.due_date,
            ("period__due_date",),
        ),
        Column(
            "status",
            gettext_lazy("Status"),
            lambda r: str(r.status_label),
            (choice_order("status", Status),),  # draft, submitted, returned, accepted
        ),
        Column("antal", gettext_lazy("Antal nådda"), _reached, css="num"),
    ),
    tiebreak=("period__partnership__title", "organisation__name", "pk"),
    default="-period",
)


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
    if is_administration(request.user):
        suggest_organisations(form["q"])
    if form.is_bound:
        form.is_valid()
        reports = form.filter(reports)
    reports = reports.order_by(
        "-period__start", "period__partnership__title", "organisation__name", "pk"
    )
    reports = REPORT_TABLE.order(request, reports)
    if fmt := REPORT_TABLE.export_format(request):
        # The reports the user may see, as filtered and sorted: every one, not a page.
        return REPORT_TABLE.export(fmt, reports.iterator(chunk_size=2000))
    page = paginate_without_count(request, reports)
    return render(
        request,
        "reporting/report_list.html",
        {
            "page": page,
            "rows": _report_rows(page.object_list),
            "form": form,
            "table": REPORT_TABLE.context(request),
        },
    )


def _report_rows(reports):
    """Each report's table row, written here rather than in the template (25 rows of template
    lookups, a URL reversed for each, were half of the page's time), as one string. The status
    label, the total and whether it is late (as Kommande says) are the model's; a draft shows
    no total."""
    url = url_for_each("reporting:report_detail")
    due_label = DueLabels(show_done=False)
    _, partnership_at, period_at, due_at, status_at, total_at = REPORT_TABLE.cell_labels()
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
