"""Writing a partnership's kontering, with the history's who and why."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from iop.history import save_with_history
from partnerships.models import AccountingCode


@transaction.atomic
def accounting_code_set(
    *, partnership, valid_from, account, cost_centre, actor, reason, project="", code=None
):
    """Add a kontering from `valid_from` (or change `code`)."""
    clash = AccountingCode.objects.filter(partnership=partnership, valid_from=valid_from)
    if code is not None:
        clash = clash.exclude(pk=code.pk)
    if clash.exists():
        raise ValidationError(
            {"valid_from": _("Det finns redan en kontering från den dagen. Ändra den i stället.")}
        )
    code = code or AccountingCode(partnership=partnership)
    code.valid_from, code.account = valid_from, account
    code.cost_centre, code.project = cost_centre, project
    return save_with_history(code, actor=actor, reason=reason)
