"""Every status change of a meeting, minutes, escalation or remediation plan goes through here.

The allowed steps are written once per aggregate; anything else is refused with a message that
says what the status is and what it could become.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from iop.history import save_with_history

TRANSITIONS = {
    "governance.meeting": {
        "scheduled": {"held", "cancelled"},
        "held": set(),
        "cancelled": set(),
    },
    "governance.minutes": {
        "draft": {"approved"},
        "approved": {"superseded"},
        "superseded": set(),
    },
    "governance.escalation": {
        "raised": {"on_agenda", "withdrawn"},
        "on_agenda": {"decided", "raised"},
        "decided": set(),
        "withdrawn": set(),
    },
    "governance.remediationplan": {
        "requested": {"submitted"},
        "submitted": {"accepted", "rejected"},
        "rejected": {"submitted"},
        "accepted": set(),
    },
}


def allowed(obj, to):
    return to in TRANSITIONS[obj._meta.label_lower].get(obj.status, set())


def transition(obj, to, *, actor, reason, **fields):
    """Move `obj` to status `to`, setting `fields` with it, in one recorded save."""
    if not allowed(obj, to):
        labels = dict(obj._meta.get_field("status").flatchoices)
        raise ValidationError(
            _("%(what)s kan inte gå från ”%(current)s” till ”%(to)s”.")
            % {
                "what": str(obj._meta.verbose_name).capitalize(),
                "current": labels.get(obj.status, obj.status),
                "to": labels.get(to, to),
            }
        )
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.status = to
    return save_with_history(obj, actor=actor, reason=reason)
