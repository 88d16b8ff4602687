"""Demo: what the parties reported before the day the demo is loaded, each on its own day
through the same services as the portal and the staff views: every activity report due by
then submitted a few days before its due date and accepted after it, every financial statement
of an agreement year that has ended submitted and accepted, the cooperation group's half-year
reports sent and the annual compilations sent to the committee. What falls due from then on is
left open. Every text says it is demo data."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError

from partnerships.demo.clock import on_day
from partnerships.models import Compensation, Participation
from reporting.deadlines import HALF_YEAR_REPORT_DAYS
from reporting.models import ReportingPeriod, Status
from reporting.models.report_templates import GENDERS
from reporting.services.compilations import (
    annual_for_year,
    annual_send,
    annual_update,
    halfyear_for_period,
    halfyear_send,
    halfyear_update,
)
from reporting.services.periods import periods_generate
from reporting.services.reports import report_accept, report_start, report_submit
from reporting.services.statements import (
    statement_accept,
    statement_save_and_submit,
    statement_start,
)
from reporting.validation import age_field, custom_field
from reporting.year_deadlines import ANNUAL_DUE

REASON = "Demodata"
DEMO_TEXT = "Demodata: exempeltext, inte ur en verklig rapport."


def _clamp(ctx, day):
    return min(day, ctx.today)


def _split(total, parts):
    share = total // parts
    return [total - share * (parts - 1)] + [share] * (parts - 1)


def _raw(template, total):
    """What a party would type: counts that add up, and an answer to every question."""
    raw = {"total": str(total)}
    if template.require_gender:
        for (key, _label), count in zip(GENDERS, _split(total, len(GENDERS)), strict=True):
            raw[f"gender_{key}"] = str(count)
    if template.age_bands:
        counts = _split(total, len(template.age_bands))
        for index, count in enumerate(counts):
            raw[age_field(index)] = str(count)
    if template.ask_country:
        raw["country"] = f"Afghanistan: {total // 2}"
    for index, _label in enumerate(template.custom_counts):
        raw[custom_field(index)] = str(total // 3)
    for key, _label, _required in template.question_items():
        raw[key] = DEMO_TEXT
    return raw


def periods_follow(ctx, partnership, day):
    """The reporting periods of the time an extension added, made on the day it was made."""
    period = partnership.reporting_periods.order_by("-start").first()
    if period is None:
        return
    with on_day(day):
        periods_generate(
            partnership=partnership,
            rule=period.kind,
            due_days=(period.due_date - period.end).days,
            actor=ctx.actor,
            reason="Demodata: rapportperioder för förlängningen",
        )


def _reports(ctx, partnership):
    periods = partnership.reporting_periods.filter(due_date__lt=ctx.today).order_by("start")
    ngo_parties = Participation.objects.filter(
        partnership=partnership, organisation__kind="ngo"
    ).select_related("organisation")
    for number, period in enumerate(periods, start=1):
        for participation in ngo_parties:
            with on_day(period.due_date - timedelta(days=3)):
                try:
                    report = report_start(
                        period=period, organisation=participation.organisation, actor=ctx.actor
                    )
                except ValidationError:
                    continue  # not a party during the period
                if report.status in (Status.SUBMITTED, Status.ACCEPTED):
                    continue
                report_submit(
                    report,
                    raw=_raw(report.template, 40 + 7 * number),
                    actor=ctx.actor,
                    reason=REASON,
                )
            with on_day(_clamp(ctx, period.due_date + timedelta(days=7))):
                report_accept(report, actor=ctx.actor, reason="Demodata: rapporten godkänd")


def _statements(ctx, partnership):
    compensations = Compensation.objects.filter(
        annex__partnership=partnership, period_end__lt=ctx.today
    ).select_related("annex")
    for compensation in compensations.order_by("period_start"):
        annex = compensation.annex
        day = compensation.period_end - timedelta(days=3)
        with on_day(day):
            statement = statement_start(
                annex=annex,
                year_start=compensation.period_start,
                year_end=compensation.period_end,
                actor=ctx.actor,
                reason=REASON,
            )
            if not statement.is_editable:
                continue
            lines = list(annex.budget_lines.order_by("order"))
            share = compensation.amount / max(len(lines), 1)
            statement_save_and_submit(
                statement,
                actuals={str(line.pk): str(share.quantize(Decimal("1"))) for line in lines},
                own_money="25000",
                volunteer_hours="120",
                comment=DEMO_TEXT,
                actor=ctx.actor,
                reason=REASON,
            )
        with on_day(_clamp(ctx, compensation.period_end + timedelta(days=14))):
            statement_accept(statement, actor=ctx.actor, reason="Demodata: redovisningen godkänd")


def _compilations(ctx, partnership):
    lag = timedelta(days=HALF_YEAR_REPORT_DAYS)
    half_years = partnership.reporting_periods.filter(
        kind=ReportingPeriod.Kind.HALF_YEAR, end__lt=ctx.today - lag
    )
    for period in half_years.order_by("start"):
        with on_day(period.end + lag - timedelta(days=10)):
            report = halfyear_for_period(period=period, actor=ctx.actor, reason=REASON)
            if report.is_editable:
                halfyear_update(report, summary=DEMO_TEXT, actor=ctx.actor, reason=REASON)
                halfyear_send(report, actor=ctx.actor, reason=REASON)
    end = partnership.end_date
    for year in range(partnership.start_date.year, end.year + 1):
        due = date(year + 1, *ANNUAL_DUE)
        if due >= ctx.today:
            break
        with on_day(due - timedelta(days=14)):
            compilation = annual_for_year(
                partnership=partnership, year=year, actor=ctx.actor, reason=REASON
            )
            if compilation.is_editable:
                annual_update(
                    compilation, summary=DEMO_TEXT, assessments={}, actor=ctx.actor, reason=REASON
                )
                annual_send(compilation, actor=ctx.actor, reason=REASON)


def fill_past(ctx):
    for partnership in ctx.partnerships.values():
        _reports(ctx, partnership)
        _statements(ctx, partnership)
        _compilations(ctx, partnership)
