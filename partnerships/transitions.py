"""One way to change a status, for every model that has one.

A model declares its steps once, as a class attribute:

    class Payment(HasLifecycle, DecisionReference):
        lifecycle = Lifecycle(
            Transition("pay", {Status.PLANNED}, Status.PAID, label=_("Utbetald")),
            Transition("stop", {Status.PLANNED}, Status.STOPPED, guards=("guard_stop",)),
            ...
        )

and every change goes through `transition(obj, action, ...)`: it locks the row, refuses a step
that the status the row has *now* does not allow (with a Swedish message that says what it could
become instead), runs the step's guards (methods of the model that raise ValidationError), sets
the status, the step's timestamp and the fields the caller passes, and saves with the history's
who and why. Templates ask `obj.allowed_actions` which buttons to show; the admin shows the field
read-only (iop.admin.HistoryAdmin).

Governance and reporting build on partnerships, so the mechanism lives here and imports none of
them.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iop.history import save_with_history


@dataclass(frozen=True)
class Transition:
    """One step: `name` (what templates and services call it), the statuses it may start from,
    the status it leads to, the button's label ("" for a step only the system takes), the
    datetime field set to the moment of the step, and the names of the model's guard methods
    (called with the keyword arguments the caller passed to `transition`)."""

    name: str
    sources: frozenset
    to: str
    label: str = ""
    stamp: str = ""
    guards: tuple = ()

    def __init__(self, name, sources, to, *, label="", stamp="", guards=()):
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "sources", frozenset(sources))
        object.__setattr__(self, "to", to)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "stamp", stamp)
        object.__setattr__(self, "guards", tuple(guards))


class Lifecycle:
    """The steps of one model, and the field (`status` unless told) that holds where it is."""

    def __init__(self, *transitions, field="status"):
        self.transitions = transitions
        self.field = field
        names = [t.name for t in transitions]
        if len(set(names)) != len(names):
            raise ValueError(f"Two steps share a name: {names}")

    def allowed(self, status):
        """The steps that may be taken from `status`, in the order they were declared."""
        return [t for t in self.transitions if status in t.sources]

    def targets(self, status):
        """The statuses reachable from `status` in one step."""
        return list(dict.fromkeys(t.to for t in self.allowed(status)))

    def find(self, status, action):
        """The step `action` (a step's name, or the status it leads to) from `status`, or None."""
        for step in self.allowed(status):
            if action in (step.name, step.to):
                return step
        return None

    def leads_to(self, action):
        """The status `action` names (a step's name or a status), or None if it names neither."""
        for step in self.transitions:
            if action in (step.name, step.to):
                return step.to
        return None


class HasLifecycle:
    """For models that declare `lifecycle`: which steps the object may take now."""

    lifecycle: Lifecycle

    @property
    def allowed_actions(self):
        """{step name: Transition} for the steps allowed from the current status, so a template
        writes `{% if amendment.allowed_actions.withdraw %}` instead of comparing statuses."""
        status = getattr(self, self.lifecycle.field)
        return {step.name: step for step in self.lifecycle.allowed(status)}


def _label(model, field, value):
    return str(dict(model._meta.get_field(field).flatchoices).get(value, value))


def refusal(obj, current, action):
    """The Swedish message for a step that `current` does not allow."""
    model, lifecycle = type(obj), type(obj).lifecycle
    to = lifecycle.leads_to(action)
    if to is None:
        return _("Okänd status: %(status)s.") % {"status": action}
    allowed = ", ".join(
        _label(model, lifecycle.field, s).lower() for s in lifecycle.targets(current)
    )
    return _(
        "Det går inte att gå från ”%(current)s” till ”%(to)s”: %(what)s kan inte bli det "
        "härifrån. Tillåtna steg: %(allowed)s."
    ) % {
        "current": _label(model, lifecycle.field, current),
        "to": _label(model, lifecycle.field, to),
        "what": f"”{obj}”",
        "allowed": allowed or _("inga"),
    }


@transaction.atomic
def transition(
    obj,
    action,
    *,
    actor,
    reason,
    fields=None,
    history_date=None,
    history_reason=None,
    record=None,
    **context,
):
    """Take step `action` (its name, or the status it leads to) on `obj` and return `obj`.

    Locks the row and reads its status from the database, so two people taking a step at once
    cannot both pass the check. Raises ValidationError (nothing written) if the step is not
    allowed from that status or a guard refuses it. Sets the step's timestamp (the moment of
    `history_date`, else now; `fields` may name another), `fields` and the status, and saves with `actor` and `reason` (or
    `history_reason(from_status, to_status)`) in the history. `record(row, from_status, step)`,
    if given, writes what else the step leaves behind, before the row itself is saved. `obj`
    gets the row's values as saved."""
    model = type(obj)
    lifecycle = model.lifecycle
    row = model._default_manager.select_for_update().get(pk=obj.pk)
    current = getattr(row, lifecycle.field)
    step = lifecycle.find(current, action)
    if step is None:
        raise ValidationError(refusal(row, current, action))
    for guard in step.guards:
        getattr(row, guard)(**context)
    if step.stamp:
        setattr(row, step.stamp, history_date or timezone.now())
    for name, value in (fields or {}).items():
        setattr(row, name, value)
    setattr(row, lifecycle.field, step.to)
    if record is not None:
        record(row, current, step)
    save_with_history(
        row,
        actor=actor,
        reason=history_reason(current, step.to) if history_reason else reason,
        history_date=history_date,
    )
    for field in model._meta.concrete_fields:
        setattr(obj, field.attname, getattr(row, field.attname))
    return obj
