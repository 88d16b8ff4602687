"""The reporting state machines, each written once: which status may follow which.

Activity reports and financial statements share one flow (draft → submitted → accepted, or
returned → submitted again); the half-year report is drafted and then sent. Every status change
goes through `transition`.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from iop.history import save_with_history
from reporting.models import HalfYearReport, Status

REVIEW_FLOW = {
    Status.DRAFT: {Status.SUBMITTED},
    Status.SUBMITTED: {Status.ACCEPTED, Status.RETURNED},
    Status.RETURNED: {Status.SUBMITTED},
    Status.ACCEPTED: set(),
}

TRANSITIONS = {
    "activityreport": REVIEW_FLOW,
    "financialstatement": REVIEW_FLOW,
    "halfyearreport": {
        HalfYearReport.State.DRAFT: {HalfYearReport.State.SENT},
        HalfYearReport.State.SENT: set(),
    },
}


def allowed(obj, to) -> bool:
    return to in TRANSITIONS[obj._meta.model_name].get(obj.status, set())


def transition(obj, to, *, actor, reason):
    if not allowed(obj, to):
        raise ValidationError(
            _("Det går inte att gå från ”%(old)s” till ”%(new)s”.")
            % {"old": obj.get_status_display(), "new": _status_label(obj, to)}
        )
    obj.status = to
    now = timezone.now()
    if to == Status.SUBMITTED and hasattr(obj, "submitted_at"):
        obj.submitted_at = now
    if to in (Status.ACCEPTED, Status.RETURNED) and hasattr(obj, "decided_at"):
        obj.decided_at = now
    if to == HalfYearReport.State.SENT and hasattr(obj, "sent_at"):
        obj.sent_at = now
    return save_with_history(obj, actor=actor, reason=reason)


def _status_label(obj, value):
    return dict(obj._meta.get_field("status").choices).get(value, value)
