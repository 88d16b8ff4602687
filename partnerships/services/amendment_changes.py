"""What an amendment changes, checked when it is written and applied when it comes into force.

The one place a signed agreement's terms are written past `refuse_if_terms_locked`: every party
has signed the amendment, so its changes are the agreement's. Each row changed carries the
amendment ("Ändring N: <rubrik> trädde i kraft ...") in its history, dated with it; the stored
deadlines follow the saved partnership (iop.deadlines) in the same transaction."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from iop.history import delete_with_history, save_with_history
from partnerships.models import COMPENSATIONS, ROW_CHANGES, Amendment, PaymentPlan
from partnerships.services.money import payments_generate


def refuse_bad_changes(amendment: Amendment) -> None:
    """Refuse, with the agreement's own messages, changes the agreement cannot take now."""
    errors = amendment.change_errors()
    if errors:
        messages = [message for field_messages in errors.values() for message in field_messages]
        raise ValidationError(messages, code="amendment_changes")


def amendment_changes_apply(amendment: Amendment, *, actor, reason: str, at) -> None:
    """Write the amendment's changes to the agreement, each with `reason` at `at`. Checked
    again first: something may have changed since the amendment was written."""
    errors = amendment.change_errors()
    if errors:
        raise ValidationError(
            _("%(amendment)s kan inte träda i kraft: %(problems)s")
            % {
                "amendment": amendment,
                "problems": " ".join(str(m) for messages in errors.values() for m in messages),
            },
            code="amendment_changes",
        )
    target = amendment.target_object
    values = amendment.proposed_values()
    if values:
        for name, value in values.items():
            setattr(target, name, value)
        # Dated with the amendment, so that "as it stood" just before shows the earlier wording.
        save_with_history(target, actor=actor, reason=reason, history_date=at)
    for key, model in ROW_CHANGES.items():
        _apply_rows(amendment, key, model, actor=actor, reason=reason, at=at)
    if amendment.row_changes(COMPENSATIONS) != ([], {}, []):
        _replan(amendment.annex, actor=actor, reason=reason)


def _apply_rows(amendment, key, model, *, actor, reason, at):
    removed = amendment.row_changes(key)[2]
    for row in model.objects.filter(**amendment._parent(key), pk__in=removed):
        delete_with_history(row, actor=actor, reason=reason)
    rows = amendment.proposed_rows(key)
    ordered = any(field.name == "order" for field in model._meta.fields)
    siblings = model.objects.filter(**amendment._parent(key))
    order = max(siblings.values_list("order", flat=True), default=0) if ordered else 0
    for row in rows:
        if ordered and row.pk is None:
            order += 1
            row.order = order
        save_with_history(row, actor=actor, reason=reason, history_date=at)


def _replan(annex, *, actor, reason):
    """The bilaga's payment plan, if it has one, replans its planned payments by the rule every
    replanning follows (`payments_generate`): a row with a payment already paid, stopped or
    cancelled keeps its payments as they are; the others are planned anew from the new rows."""
    if PaymentPlan.objects.filter(annex=annex).exists():
        payments_generate(annex=annex, actor=actor, reason=reason)
