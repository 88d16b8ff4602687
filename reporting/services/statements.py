"""Writes to financial statements, their attachments and the budget lines of a budget annex.
Every function runs in one transaction and records who and why; the organisation's group gets
its object permissions on the statement it starts."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from iop import uploads
from iop.history import delete_with_history, save_with_history
from partnerships.grants import grant_to_organisation
from partnerships.transitions import transition
from reporting.models import BudgetLine, FinancialStatement, StatementAttachment

STATEMENT_PERMS = ["reporting.view_financialstatement", "reporting.change_financialstatement"]


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
    """Removed with the reason, unless the line refuses (`BudgetLine.deletion_refusal`)."""
    refusal = line.deletion_refusal()
    if refusal:
        raise ValidationError(refusal)
    delete_with_history(line, actor=actor, reason=reason)


def agreement_years(annex):
    """(start, end) of each year a statement of the bilaga accounts for (`Annex.statement_years`)."""
    return annex.statement_years()


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
    # Decided on the row as it is now, locked until the save commits: a copy read before a
    # colleague submitted must not put the statement back to a draft.
    current = type(statement).objects.select_for_update().only("status").get(pk=statement.pk)
    if not (statement.is_editable and current.is_editable):
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
