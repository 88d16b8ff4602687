"""Writes to feedback and complaints recorded for a reporting period. Every function runs in one
transaction and records who and why; the organisation's group gets its object permissions on
the entry it creates."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from iop.concurrency import UNCHECKED, check_version
from iop.history import delete_with_history, save_with_history
from partnerships.grants import grant_to_organisation
from reporting.models import FeedbackEntry, HalfYearReport
from reporting.services.periods import require_party_during

FEEDBACK_PERMS = ["reporting.view_feedbackentry", "reporting.change_feedbackentry"]


# --- Feedback and complaints --------------------------------------------------------------


@transaction.atomic
def feedback_create(*, period, organisation, actor, reason="", **fields) -> FeedbackEntry:
    require_party_during(period, organisation)
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
