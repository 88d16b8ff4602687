"""Demo data for reporting: the report templates the steering groups decided, reporting
periods, and a budget for Street Minds' bilaga, so `streetminds` has a half-year report to
write. Safe to run twice."""

from datetime import date
from decimal import Decimal

from partnerships.demo.clock import on_day
from reporting.models import BudgetLine, ReportingPeriod
from reporting.services.periods import current_template, periods_generate, template_create
from reporting.services.statements import budget_line_create

REASON = "Demodata: styrgruppens beslut om verksamhetsrapportering"


# The day each steering group decided what the reports hold (Bostad Först's first meeting).
SET_UP = {"bostad-forst": date(2023, 8, 15), "ensamkommande": date(2019, 11, 1)}


def load_reporting_demo(ctx):
    """The reporting set-up, on the day the steering group decided it."""
    for key, day in SET_UP.items():
        if key in ctx.partnerships and day <= ctx.today:
            with on_day(day):
                _set_up(ctx, key)


def _set_up(ctx, key):
    actor = ctx.actor
    bostad = ctx.partnerships.get("bostad-forst") if key == "bostad-forst" else None
    if bostad is not None:
        current = current_template(bostad)
        # Governance's demo decision on the report contents may already have started a version
        # (with default contents and the link to the decision): this one fills in the contents.
        if current is None or (current.steering_decision_id and not current.custom_counts):
            template_create(
                partnership=bostad,
                actor=actor,
                reason=REASON,
                decision=current.decision if current else "Styrgruppens första möte",
                steering_decision=current.steering_decision if current else None,
                # The agreement asks for "statistik på hur många som nåtts ... uppdelat på kön".
                require_gender=True,
                age_bands=["18–29", "30–49", "50–64", "65+"],
                ask_country=False,
                custom_counts=["Antal aktiviteter", "Antal besök i den öppna verksamheten"],
                questions=[
                    "Hur har samarbetet med CM och boendestödjare sett ut under perioden?",
                    "Vilka insatser har genomförts?",
                ],
            )
        if not bostad.reporting_periods.exists():
            periods_generate(
                partnership=bostad,
                rule=ReportingPeriod.Kind.HALF_YEAR,
                due_days=30,
                actor=actor,
                reason=REASON,
            )
        annex = bostad.annexes.filter(
            participation__organisation=ctx.organisations.get("streetminds")
        ).first()
        if annex is not None and not BudgetLine.objects.filter(annex=annex).exists():
            for order, (label, amount) in enumerate(
                [
                    ("Personal", Decimal("900000")),
                    ("Lokal", Decimal("180000")),
                    ("Aktiviteter och material", Decimal("120000")),
                ],
                start=1,
            ):
                budget_line_create(
                    annex=annex, order=order, label=label, amount=amount, actor=actor, reason=REASON
                )
    ensamkommande = ctx.partnerships.get("ensamkommande") if key == "ensamkommande" else None
    if ensamkommande is not None and not ensamkommande.report_templates.exists():
        template_create(
            partnership=ensamkommande,
            actor=actor,
            reason=REASON,
            decision="Styrgruppens första möte",
            require_gender=True,
            age_bands=["0–12", "13–17", "18–21"],
            ask_country=True,
            custom_counts=["Antal rådgivningssamtal"],
        )
        periods_generate(
            partnership=ensamkommande,
            rule=ReportingPeriod.Kind.YEAR,
            due_days=45,
            actor=actor,
            reason=REASON,
        )
