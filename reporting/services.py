"""Writes to reporting. Every function runs in one transaction and records who and why; the
organisation's group gets its object permissions on what is created for it here."""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from iop import uploads
from iop.concurrency import UNCHECKED, check_version
from iop.history import delete_with_history, save_with_history
from partnerships.grants import grant_to_organisation
from partnerships.transitions import transition
from reporting.compilation import compile_period
from reporting.models import (
    ActivityReport,
    ActivityReportVersion,
    AnnualCompilation,
    BudgetLine,
    FeedbackEntry,
    FinancialStatement,
    HalfYearReport,
    ReportingPeriod,
    ReportTemplate,
    StatementAttachment,
    Status,
)
from reporting.validation import parse_report

REPORT_PERMS = ["reporting.view_activityreport", "reporting.change_activityreport"]
STATEMENT_PERMS = ["reporting.view_financialstatement", "reporting.change_financialstatement"]
FEEDBACK_PERMS = ["reporting.view_feedbackentry", "reporting.change_feedbackentry"]


# --- Templates and periods ---------------------------------------------------------------


def current_template(partnership):
    return partnership.report_templates.order_by("-version").first()


@transaction.atomic
def template_create(*, partnership, actor, reason, **fields) -> ReportTemplate:
    """A new version of the partnership's report template; reports already started keep
    theirs. The partnership's goals as they read today become the goal questions."""
    latest = partnership.report_templates.aggregate(v=Max("version"))["v"] or 0
    goals = [{"id": g.pk, "text": g.text} for g in partnership.goals.order_by("order", "pk")]
    fields.setdefault("goals", goals)
    template = ReportTemplate(partnership=partnership, version=latest + 1, **fields)
    return save_with_history(template, actor=actor, reason=reason)


def _half_years(start, end):
    year = start.year
    while date(year, 1, 1) <= end:
        for first, last in (
            (date(year, 1, 1), date(year, 6, 30)),
            (date(year, 7, 1), date(year, 12, 31)),
        ):
            if last >= start and first <= end:
                yield max(first, start), min(last, end)
        year += 1


def _years(start, end):
    for year in range(start.year, end.year + 1):
        yield max(date(year, 1, 1), start), min(date(year, 12, 31), end)


@transaction.atomic
def periods_generate(*, partnership, rule, due_days=30, dates=(), actor, reason):
    """Reporting periods from a rule: "half_year", "year", or "given" (a list of (start, end)).
    Periods that already exist (same start) are left alone; returns the new ones."""
    if rule == ReportingPeriod.Kind.HALF_YEAR:
        spans = _half_years(partnership.start_date, partnership.end_date)
    elif rule == ReportingPeriod.Kind.YEAR:
        spans = _years(partnership.start_date, partnership.end_date)
    elif rule == ReportingPeriod.Kind.GIVEN:
        spans = dates
    else:
        raise ValidationError({"rule": _("Okänd regel för rapportperioder.")})
    existing = set(partnership.reporting_periods.values_list("start", flat=True))
    created = []
    for start, end in spans:
        if start in existing:
            continue
        period = ReportingPeriod(
            partnership=partnership,
            kind=rule,
            start=start,
            end=end,
            due_date=end + timedelta(days=due_days),
        )
        created.append(save_with_history(period, actor=actor, reason=reason))
    return created


@transaction.atomic
def period_move_due(period, *, due_date, actor, reason) -> ReportingPeriod:
    period.due_date = due_date
    return save_with_history(period, actor=actor, reason=reason)


@transaction.atomic
def period_add_extra(*, partnership, start, end, due_date, actor, reason) -> ReportingPeriod:
    period = ReportingPeriod(
        partnership=partnership,
        kind=ReportingPeriod.Kind.EXTRA,
        start=start,
        end=end,
        due_date=due_date,
        reason=reason,
    )
    return save_with_history(period, actor=actor, reason=reason)


# --- Activity reports --------------------------------------------------------------------


@transaction.atomic
def report_start(*, period, organisation, actor, reason="") -> ActivityReport:
    """The organisation's report for the period, created (against the current template) the
    first time someone opens it."""
    existing = ActivityReport.objects.filter(period=period, organisation=organisation).first()
    if existing:
        return existing
    template = current_template(period.partnership)
    if template is None:
        raise ValidationError(_("Partnerskapet har ingen rapportmall ännu."))
    report = save_with_history(
        ActivityReport(period=period, organisation=organisation, template=template),
        actor=actor,
        reason=reason or _("Rapporten påbörjad"),
    )
    grant_to_organisation(organisation.pk, REPORT_PERMS, report)
    return report


def _require_editable(report):
    if not report.is_editable:
        raise ValidationError(
            _("Rapporten är %(status)s och kan inte ändras.")
            % {"status": report.get_status_display().lower()}
        )


@transaction.atomic
def report_save_draft(
    report, *, raw, actor, reason="", version=UNCHECKED, labels=None
) -> ActivityReport:
    """Keep exactly what was typed, valid or not. With `version` (from the form), refused if a
    colleague saved the report after it was opened: nothing of theirs is overwritten."""
    if version is not UNCHECKED:
        check_version(report, version, labels=labels)
    _require_editable(report)
    report.draft = {key: str(value)[:20000] for key, value in raw.items()}
    return save_with_history(report, actor=actor, reason=reason or _("Utkast sparat"))


@transaction.atomic
def report_submit(
    report, *, raw, actor, reason="", version=UNCHECKED, labels=None
) -> ActivityReport:
    if version is not UNCHECKED:
        check_version(report, version, labels=labels)
    _require_editable(report)
    figures, answers, errors = parse_report(report.template, raw)
    if errors:
        raise ValidationError(errors)
    transition(
        report,
        "submit",
        actor=actor,
        reason=reason or _("Inskickad"),
        fields={
            "figures": figures,
            "answers": answers,
            "draft": {},
            "return_comment": report.return_comment if report.status == Status.RETURNED else "",
        },
    )
    number = report.versions.count() + 1
    save_with_history(
        ActivityReportVersion(
            report=report,
            number=number,
            figures=figures,
            answers=answers,
            submitted_by=actor,
            submitted_at=report.submitted_at,
        ),
        actor=actor,
        reason=_("Inskickad version %(n)s") % {"n": number},
    )
    return report


@transaction.atomic
def report_return(report, *, comment, actor, reason="") -> ActivityReport:
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Skriv vad som behöver kompletteras.")})
    return transition(
        report,
        "return",
        actor=actor,
        reason=reason or comment,
        fields={"return_comment": comment.strip()},
    )


@transaction.atomic
def report_accept(report, *, actor, reason="") -> ActivityReport:
    return transition(report, "accept", actor=actor, reason=reason or _("Rapporten godkänd"))


# --- Financial statements ---------------------------------------------------------------


@transaction.atomic
def budget_line_create(*, annex, actor, reason, **fields) -> BudgetLine:
    return save_with_history(BudgetLine(annex=annex, **fields), actor=actor, reason=reason)


@transaction.atomic
def budget_line_update(line, *, actor, reason, **fields) -> BudgetLine:
    for name, value in fields.items():
        setattr(line, name, value)
    return save_with_history(line, actor=actor, reason=reason)


@transaction.atomic
def budget_line_delete(line, *, actor, reason) -> None:
    """Refused while a financial statement handed in reports an amount against the line: that
    statement lists its amounts by the bilaga's budget lines and would lose the row. One still
    being written (a draft, or returned) drops the amount when next saved."""
    handed_in = FinancialStatement.objects.filter(
        annex_id=line.annex_id, actuals__has_key=str(line.pk)
    ).exclude(status__in=(Status.DRAFT, Status.RETURNED))
    if handed_in.exists():
        raise ValidationError(
            _(
                "Budgetposten har belopp i en inskickad ekonomisk redovisning och kan inte tas "
                "bort. Ändra den i stället."
            )
        )
    delete_with_history(line, actor=actor, reason=reason)


def agreement_years(annex):
    """(start, end) of each agreement year of a bilaga: its compensation periods, else calendar
    years of the bilaga's period."""
    spans = sorted({(c.period_start, c.period_end) for c in annex.compensations.all()})
    return spans or list(_years(annex.start_date, annex.end_date))


@transaction.atomic
def statement_start(*, annex, year_start, year_end, actor, reason="") -> FinancialStatement:
    existing = FinancialStatement.objects.filter(annex=annex, year_start=year_start).first()
    if existing:
        return existing
    statement = save_with_history(
        FinancialStatement(annex=annex, year_start=year_start, year_end=year_end),
        actor=actor,
        reason=reason or _("Redovisningen påbörjad"),
    )
    grant_to_organisation(annex.participation.organisation_id, STATEMENT_PERMS, statement)
    return statement


AMOUNT_LIMIT = Decimal("1000000000000")


def _amount(value, errors, field, places="0.01"):
    text = str(value or "").strip().replace(" ", "").replace("\xa0", "").replace(",", ".")
    if not text:
        return Decimal("0")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():  # "NaN", "Infinity" parse as Decimals
        errors[field] = _("Ange ett belopp i kronor, till exempel 12500.")
        return None
    if amount >= AMOUNT_LIMIT:  # the columns hold 12 digits before the decimal point
        errors[field] = _("Beloppet är för stort.")
        return None
    if amount < 0:
        errors[field] = _("Beloppet kan inte vara negativt.")
        return None
    return amount.quantize(Decimal(places))


@transaction.atomic
def statement_save(
    statement, *, actuals, own_money, volunteer_hours, comment, actor, reason=""
) -> FinancialStatement:
    if not statement.is_editable:
        raise ValidationError(_("Redovisningen är inskickad eller godkänd och kan inte ändras."))
    errors, clean = {}, {}
    lines = {str(line.pk) for line in statement.annex.budget_lines.all()}
    for key, value in actuals.items():
        if key in lines:
            amount = _amount(value, errors, f"line_{key}")
            clean[key] = str(amount) if amount is not None else None
    money = _amount(own_money, errors, "own_money")
    hours = _amount(volunteer_hours, errors, "volunteer_hours", places="0.1")
    if errors:
        raise ValidationError(errors)
    statement.actuals = clean
    statement.total_spent = sum((Decimal(v) for v in clean.values()), Decimal("0"))
    statement.own_money, statement.volunteer_hours = money, hours
    statement.comment = comment
    return save_with_history(statement, actor=actor, reason=reason or _("Redovisningen sparad"))


@transaction.atomic
def statement_save_and_submit(statement, *, actor, reason="", **fields) -> FinancialStatement:
    """ "Skicka in": save what was typed and submit it, both or neither."""
    statement_save(statement, actor=actor, reason=reason, **fields)
    return statement_submit(statement, actor=actor, reason=reason)


@transaction.atomic
def statement_submit(statement, *, actor, reason="") -> FinancialStatement:
    return transition(statement, "submit", actor=actor, reason=reason or _("Inskickad"))


@transaction.atomic
def statement_return(statement, *, comment, actor, reason="") -> FinancialStatement:
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Skriv vad som behöver kompletteras.")})
    return transition(
        statement,
        "return",
        actor=actor,
        reason=reason or comment,
        fields={"return_comment": comment.strip()},
    )


@transaction.atomic
def statement_accept(statement, *, actor, reason="") -> FinancialStatement:
    return transition(statement, "accept", actor=actor, reason=reason or _("Redovisningen godkänd"))


ATTACHMENT_KINDS = ("pdf", "xlsx", "xls")


@transaction.atomic
def attachment_add(*, statement, upload, actor, reason="") -> StatementAttachment:
    if not statement.is_editable:
        raise ValidationError({"file": _("Redovisningen är inskickad och kan inte ändras.")})
    # The shared checks (iop/uploads.py): size, kind by content, extension agrees.
    try:
        kind = uploads.validate_upload(upload, allowed=ATTACHMENT_KINDS)
    except ValidationError as exc:
        raise ValidationError({"file": exc.error_list}) from exc
    content_type = kind.content_type
    name = uploads.download_name(upload.name)
    attachment = StatementAttachment(
        statement=statement,
        original_name=name or "fil",
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    attachment.file.save("upload", upload, save=False)
    return save_with_history(attachment, actor=actor, reason=reason or _("Fil bifogad"))


# --- Feedback and complaints --------------------------------------------------------------


@transaction.atomic
def feedback_create(*, period, organisation, actor, reason="", **fields) -> FeedbackEntry:
    entry = save_with_history(
        FeedbackEntry(period=period, organisation=organisation, **fields),
        actor=actor,
        reason=reason or _("Synpunkter registrerade"),
    )
    grant_to_organisation(organisation.pk, FEEDBACK_PERMS, entry)
    return entry


def _feedback_open(entry):
    """The organisation corrects its own counts until the period's half-year report is sent
    (which freezes them); after that a correction goes through förvaltningen."""
    sent = HalfYearReport.objects.filter(
        period_id=entry.period_id, status=HalfYearReport.State.SENT
    ).exists()
    if sent:
        raise ValidationError(
            _(
                "Halvårsrapporten för perioden är redan skickad med de här siffrorna. "
                "Kontakta förvaltningen om något behöver rättas."
            )
        )


@transaction.atomic
def feedback_update(entry, *, actor, reason, version=UNCHECKED, **fields) -> FeedbackEntry:
    _feedback_open(entry)
    if version is not UNCHECKED:
        check_version(entry, version)
    for name, value in fields.items():
        setattr(entry, name, value)
    return save_with_history(entry, actor=actor, reason=reason)


@transaction.atomic
def feedback_delete(entry, *, actor, reason) -> None:
    _feedback_open(entry)
    delete_with_history(entry, actor=actor, reason=reason)


# --- Compilations ------------------------------------------------------------------------


@transaction.atomic
def halfyear_for_period(*, period, actor, reason="") -> HalfYearReport:
    existing = HalfYearReport.objects.filter(period=period).first()
    if existing:
        return existing
    return save_with_history(
        HalfYearReport(period=period), actor=actor, reason=reason or _("Halvårsrapport skapad")
    )


@transaction.atomic
def halfyear_update(report, *, summary, actor, reason="") -> HalfYearReport:
    if not report.is_editable:
        raise ValidationError({"summary": _("Rapporten är redan skickad till styrgruppen.")})
    report.summary = summary
    return save_with_history(report, actor=actor, reason=reason or _("Sammanfattning ändrad"))


@transaction.atomic
def halfyear_send(report, *, actor, reason="") -> HalfYearReport:
    return transition(
        report,
        "send",
        actor=actor,
        reason=reason or _("Skickad till styrgruppen"),
        fields={"figures": compile_period(report.period).as_json()},
    )


@transaction.atomic
def annual_for_year(*, partnership, year, actor, reason="") -> AnnualCompilation:
    existing = AnnualCompilation.objects.filter(partnership=partnership, year=year).first()
    if existing:
        return existing
    return save_with_history(
        AnnualCompilation(partnership=partnership, year=year),
        actor=actor,
        reason=reason or _("Årlig sammanställning skapad"),
    )


@transaction.atomic
def annual_update(compilation, *, summary, assessments, actor, reason="") -> AnnualCompilation:
    compilation.summary = summary
    compilation.assessments = {str(k): v for k, v in assessments.items()}
    return save_with_history(compilation, actor=actor, reason=reason or _("Bedömning ändrad"))


def now():
    return timezone.now()
