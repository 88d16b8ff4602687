"""What an amendment changes, checked when it is written and applied when it comes into force.

The one place a signed agreement's terms are written past `refuse_if_terms_locked`: every party
has signed the amendment, so its changes are the agreement's. Each row changed carries the
amendment ("Ändring N: <rubrik> trädde i kraft ...") in its history, dated with it; the stored
deadlines follow the saved partnership (iop.deadlines) in the same transaction."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from iop.history import delete_with_history, save_with_history
from partnerships.models import Amendment, Clause, Goal


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
    added, changed, removed = amendment.goal_changes()
    goals = Goal.objects.filter(partnership_id=amendment.partnership_id)
    for goal in goals.filter(pk__in=removed):
        delete_with_history(goal, actor=actor, reason=reason)
    for goal in goals.filter(pk__in=changed):
        goal.text = changed[goal.pk]
        save_with_history(goal, actor=actor, reason=reason, history_date=at)
    order = max(goals.values_list("order", flat=True), default=0)
    for offset, text in enumerate(added, start=1):
        goal = Goal(partnership_id=amendment.partnership_id, order=order + offset, text=text)
        save_with_history(goal, actor=actor, reason=reason, history_date=at)
    removed = amendment.clause_changes()[2]
    for clause in Clause.objects.filter(partnership_id=amendment.partnership_id, pk__in=removed):
        delete_with_history(clause, actor=actor, reason=reason)
    clauses = amendment.proposed_clauses()
    order = max(
        Clause.objects.filter(partnership_id=amendment.partnership_id).values_list(
            "order", flat=True
        ),
        default=0,
    )
    for clause in clauses:
        if clause.pk is None:
            order += 1
            clause.order = order
        save_with_history(clause, actor=actor, reason=reason, history_date=at)
