"""Portföljen: every partnership in one view, for managers and the committee (staff only).

Filtered by year, the city's unit, target group and status; for each partnership of the page, top
to bottom as each card shows them:

- status, period and the next decision days (partnerships: the stored deadlines);
- the parties (partnerships);
- the money of the year: planned, paid, stopped, reclaimed, the NGOs' own money and volunteer
  hours (partnerships);
- reporting: activity reports due, handed in, accepted, late (reporting);
- governance: meetings held against the cadence, overdue meetings and chair terms, groups
  without a chair (governance);
- open remediation plans (governance) and notices still running (partnerships);
- the goals with the latest annual compilation's assessment (partnerships, reporting).

Above the cards, the filter's totals for the year and its trends per year as charts
(reporting/charts.py). The same rows as a spreadsheet (`?exportera=csv|xlsx`, iop/tables.py) and
as a PDF for the committee (iop/pdf.py). Every section is one or a few grouped queries over the ids
shown, so the page takes the same number of queries whatever the number of partnerships.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from urllib.parse import urlencode

from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance import portfolio as governance_portfolio
from iop.pages.portfolio_cards import portfolio_cards_html
from iop.pdf import pdf_response, render_pdf
from iop.tables import EXPORT_PARAM, PAGE_PARAM, Column, Table
from iop.templatetags.iop import kr
from iop.views_helpers import paginate
from partnerships import period_rules
from partnerships import portfolio as partnerships_portfolio
from partnerships.current_ends import set_current_ends
from partnerships.deadlines_lifecycle import KINDS as DECISION_LABELS
from partnerships.forms import LongSelect, WrittenNumberInput, WrittenTextInput
from partnerships.models import Organisation, Participation, Partnership
from partnerships.permissions import administration_required
from reporting import portfolio as reporting_portfolio
from reporting.charts import bar_chart


class PortfolioFilterForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("År"),
        required=False,
        min_value=1990,
        max_value=2100,
        widget=WrittenNumberInput,
        help_text=gettext_lazy("Pengar, rapporter och möten det året; tomt: i år."),
    )
    unit = forms.ChoiceField(label=gettext_lazy("Enhet"), required=False, widget=LongSelect)
    target_group = forms.CharField(
        label=gettext_lazy("Målgrupp innehåller"),
        required=False,
        max_length=200,
        widget=WrittenTextInput,
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Alla"))] + list(Partnership.Status.choices),
        widget=LongSelect,
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Alla"))] + [(unit, unit) for unit in units]

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("unit"):
            queryset = queryset.filter(
                participations__organisation__kind=Organisation.Kind.PUBLIC,
                participations__unit=data["unit"],
            ).distinct()
        if data.get("target_group"):
            queryset = queryset.filter(target_group__icontains=data["target_group"].strip())
        return queryset


def city_units():
    """The units the city takes part through, for the filter: one query."""
    return (
        Participation.objects.filter(organisation__kind=Organisation.Kind.PUBLIC)
        .exclude(unit="")
        .order_by("unit")
        .values_list("unit", flat=True)
        .distinct()
    )


@dataclass
class PortfolioRow:
    partnership: Partnership
    status: Partnership.Status
    decision_days: dict
    parties: list
    money: dict
    reports: dict
    governance: dict
    remediation_plans: int
    notices: int
    goals: list = field(default_factory=list)
    assessed_in: str = ""

    @property
    def decision_list(self):
        """[(what, day)] of the next decision days, the earliest first."""
        return sorted(
            ((DECISION_LABELS[kind], day) for kind, day in self.decision_days.items()),
            key=lambda pair: pair[1],
        )

    @property
    def party_text(self):
        return ", ".join(
            name + (f" ({unit})" if unit else "") + (f" ({_('utträdd')})" if left else "")
            for name, unit, left in self.parties
        )

    @property
    def goal_text(self):
        return "\n".join(
            f"{text}: {assessment or _('ingen bedömning')}" for text, assessment in self.goals
        )


def portfolio_rows(partnerships, year, today):
    """The rows of `partnerships` (a list, in order): each section one call into its app."""
    partnerships = set_current_ends(partnerships, on=today)
    ids = [p.pk for p in partnerships]
    decision_days = partnerships_portfolio.next_decision_days(ids, today)
    parties = partnerships_portfolio.parties(ids, today)
    money = partnerships_portfolio.money(ids, year)
    reports = reporting_portfolio.compliance(ids, year, today)
    governance = governance_portfolio.compliance(ids, year, today)
    plans = governance_portfolio.open_remediation_plans(ids)
    notices = partnerships_portfolio.open_notices(ids, today)
    goals = partnerships_portfolio.goals(ids)
    assessments = reporting_portfolio.latest_assessments(ids)
    rows = []
    for p in partnerships:
        assessed_in, assessed = assessments.get(p.pk, ("", {}))
        rows.append(
            PortfolioRow(
                partnership=p,
                status=Partnership.Status(p.effective_status),
                decision_days=decision_days.get(p.pk, {}),
                parties=parties[p.pk],
                money=money[p.pk],
                reports=reports[p.pk],
                governance=governance[p.pk],
                remediation_plans=plans.get(p.pk, 0),
                notices=notices.get(p.pk, 0),
                goals=[(text, assessed.get(str(pk), "")) for pk, text in goals[p.pk]],
                assessed_in=assessed_in,
            )
        )
    return rows


def trend_charts(by_year, late_by_year):
    """One bar chart a figure, a bar a year (inline SVG, reporting/charts.py)."""
    years = sorted(set(by_year) | set(late_by_year))

    def chart(title, value, shown):
        cells = [
            SimpleNamespace(label=str(y), value=float(value(y)), hidden=False, shown=shown(y))
            for y in years
        ]
        return bar_chart(title, cells, label_width=80)

    def money(key):
        return lambda y: by_year.get(y, {}).get(key, 0)

    return [
        chart(_("Utbetalt per år"), money("paid"), lambda y: kr(money("paid")(y))),
        chart(
            _("Organisationernas egna medel per år"),
            money("own_money"),
            lambda y: kr(money("own_money")(y)),
        ),
        chart(
            _("Ideella timmar per år"),
            money("volunteer_hours"),
            lambda y: str(money("volunteer_hours")(y)),
        ),
        chart(
            _("Försenade verksamhetsrapporter per år"),
            lambda y: late_by_year.get(y, 0),
            lambda y: str(late_by_year.get(y, 0)),
        ),
    ]


def _day(row, kind):
    return row.decision_days.get(kind)


PORTFOLIO_TABLE = Table(
    name="portfolj",
    title=gettext_lazy("Portfölj"),
    columns=(
        Column("titel", gettext_lazy("Titel"), lambda r: r.partnership.title),
        Column(
            "dnr",
            gettext_lazy("Diarienummer"),
            lambda r: r.partnership.registration_number_shown,
        ),
        Column("status", gettext_lazy("Status"), lambda r: str(r.status.label)),
        Column("start", gettext_lazy("Start"), lambda r: r.partnership.start_date),
        Column("slut", gettext_lazy("Slut i dag"), lambda r: r.partnership.current_end),
        Column(
            "uppsagning",
            gettext_lazy("Sista dag för uppsägning"),
            lambda r: _day(r, "notice_last_day"),
        ),
        Column(
            "forlangning",
            gettext_lazy("Sista dag för förlängning"),
            lambda r: _day(r, "extension_agreement_last_day"),
        ),
        Column("avtalsslut", gettext_lazy("Avtalet löper ut"), lambda r: _day(r, "agreement_end")),
        Column("parter", gettext_lazy("Parter"), lambda r: r.party_text),
        Column("planerat", gettext_lazy("Planerat (kr)"), lambda r: r.money["planned"]),
        Column("utbetalt", gettext_lazy("Utbetalt (kr)"), lambda r: r.money["paid"]),
        Column("stoppat", gettext_lazy("Stoppat (kr)"), lambda r: r.money["stopped"]),
        Column("aterkravt", gettext_lazy("Återkrävt (kr)"), lambda r: r.money["reclaimed"]),
        Column("egna", gettext_lazy("Egna medel (kr)"), lambda r: r.money["own_money"]),
        Column("timmar", gettext_lazy("Ideella timmar"), lambda r: r.money["volunteer_hours"]),
        Column("rapporter", gettext_lazy("Rapporter att lämna"), lambda r: r.reports["due"]),
        Column("inlamnade", gettext_lazy("Inlämnade"), lambda r: r.reports["handed_in"]),
        Column("godkanda", gettext_lazy("Godkända"), lambda r: r.reports["accepted"]),
        Column("forsenade", gettext_lazy("Försenade rapporter"), lambda r: r.reports["late"]),
        Column("moten", gettext_lazy("Möten hållna"), lambda r: r.governance["held"]),
        Column("kadens", gettext_lazy("Möten enligt kadens"), lambda r: r.governance["expected"]),
        Column(
            "sena_moten",
            gettext_lazy("Försenade möten"),
            lambda r: r.governance["late_meetings"],
        ),
        Column(
            "ordforande",
            gettext_lazy("Grupper utan ordförande"),
            lambda r: r.governance["without_chair"],
        ),
        Column(
            "mandat",
            gettext_lazy("Ordförandemandat som löpt ut"),
            lambda r: r.governance["late_chairs"],
        ),
        Column("atgardsplaner", gettext_lazy("Öppna åtgärdsplaner"), lambda r: r.remediation_plans),
        Column("uppsagningar", gettext_lazy("Löpande uppsägningar"), lambda r: r.notices),
        Column("bedomt", gettext_lazy("Senast bedömt"), lambda r: r.assessed_in),
        Column("mal", gettext_lazy("Mål och senaste bedömning"), lambda r: r.goal_text),
    ),
)

PDF_TIME_LIMIT_SECONDS = 120
PARTNERSHIP_FIELDS = ("pk", "title", "registration_number", "status", "start_date", "end_date")


def _filtered(request):
    """(form, the filtered partnerships with their status as shown today, year, today)."""
    today = timezone.localdate()
    form = PortfolioFilterForm(request.GET or None, units=city_units())
    partnerships = Partnership.objects.all()
    if form.is_bound:
        # A refused value is named next to its field and left out; the valid filters apply.
        form.is_valid()
        partnerships = form.filter(partnerships)
    cleaned = getattr(form, "cleaned_data", {})
    year = cleaned.get("year") or today.year
    partnerships = partnerships.in_year(year).with_effective_status(today)
    if cleaned.get("status"):
        # As every list shows it: one that has run out is "Avslutad" before the daily command.
        partnerships = partnerships.filter(effective_status=cleaned["status"])
    partnerships = partnerships.only(*PARTNERSHIP_FIELDS, *period_rules.RULE_FIELDS).order_by(
        "title", "pk"
    )
    return form, partnerships, year, today


def _query(request, **changes):
    params = request.GET.copy()
    for key in (PAGE_PARAM, EXPORT_PARAM):
        params.pop(key, None)
    params.update(changes)
    return urlencode(sorted(params.items()))


@administration_required
def portfolio(request):
    form, partnerships, year, today = _filtered(request)
    if fmt := PORTFOLIO_TABLE.export_format(request):
        return PORTFOLIO_TABLE.export(fmt, portfolio_rows(list(partnerships), year, today))
    page = paginate(request, partnerships)
    cards = portfolio_cards_html(portfolio_rows(page.object_list, year, today), year)
    by_year = partnerships_portfolio.money_by_year(partnerships)
    late_by_year = reporting_portfolio.late_by_year(partnerships, today)
    return render(
        request,
        "iop/portfolio.html",
        {
            "form": form,
            "page": page,
            "cards": cards,
            "year": year,
            "today": today,
            "total": page.paginator.count,
            "totals": by_year.get(year, dict.fromkeys(partnerships_portfolio.MONEY_KEYS, 0)),
            "late_reports": late_by_year.get(year, 0),
            "charts": trend_charts(by_year, late_by_year),
            "export_links": PORTFOLIO_TABLE.export_links(request),
            "pdf_url": reverse("portfolio_pdf") + "?" + _query(request),
        },
    )


def _filters_shown(form):
    """[(label, value)] of the filters chosen besides the year, as the PDF's reader reads them."""
    shown = []
    for name, value in getattr(form, "cleaned_data", {}).items():
        if value and name != "year":
            label = Partnership.Status(value).label if name == "status" else value
            shown.append((form.fields[name].label, label))
    return shown


@administration_required
def portfolio_pdf(request):
    """The committee's copy: the filter's totals, trends and every partnership of it."""
    form, partnerships, year, today = _filtered(request)
    by_year = partnerships_portfolio.money_by_year(partnerships)
    late_by_year = reporting_portfolio.late_by_year(partnerships, today)
    context = {
        "rows": portfolio_rows(list(partnerships), year, today),
        "year": year,
        "today": today,
        "filters": _filters_shown(form),
        "totals": by_year.get(year, dict.fromkeys(partnerships_portfolio.MONEY_KEYS, Decimal(0))),
        "late_reports": late_by_year.get(year, 0),
        "charts": trend_charts(by_year, late_by_year),
    }
    # About 30 ms of CPU a partnership (WeasyPrint's layout): the whole portfolio of a large
    # city takes seconds, more than the limit set for one agreement's PDF.
    pdf = render_pdf("iop/pdf/portfolio.html", context, time_limit=PDF_TIME_LIMIT_SECONDS)
    return pdf_response(pdf, f"portfolj-{year}.pdf")
