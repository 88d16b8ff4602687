"""No lost update: an optimistic version check for edit forms.

Two people open the same bilaga; both save. The second save must be refused with a message that
shows what the first person changed, and what the second typed stays in the form. The form
carries the version it was rendered with (a hidden field); the service compares it, under a row
lock, with the version in the database before it writes.

A "version" is either
  - the `version` field of a model that inherits `VersionedModel` (incremented by every
    `save_versioned`), or
  - for any model with `history = HistoricalRecords()` and no version field, the id of its latest
    history row: every save through `iop.history.save_with_history` adds a history row, so the id
    changes on every change. This needs no migration, so it works on the existing models as they
    are (Annex, Commitment, report drafts, minutes).

Use:

    # forms.py
    class CommitmentForm(VersionFormMixin, ReasonFormMixin, forms.ModelForm): ...
    # (the mixin adds the hidden `version` field, filled from the instance)

    # services.py
    @transaction.atomic
    def commitment_update(commitment, *, actor, reason, version, **fields):
        for name, value in fields.items():
            setattr(commitment, name, value)
        return save_versioned(commitment, version=version, actor=actor, reason=reason)

form_page() passes `version` from cleaned_data to the service; a refusal is a ValidationError
(non-field), so form_page re-renders the form with the user's input and the list of changes.
After reading the changes the user can save again: the form is re-rendered with the new version.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from iop.history import save_with_history

STALE = "stale_version"


class VersionedModel(models.Model):
    """Abstract: a `version` counter that `save_versioned` increments on every save."""

    version = models.PositiveIntegerField(gettext_lazy("version"), default=1, editable=False)

    class Meta:
        abstract = True


def _has_version_field(obj):
    return any(f.name == "version" for f in obj._meta.concrete_fields)


def current_version(obj):
    """The version token of `obj` as stored in the database (an int), or 0 for a new object."""
    if obj.pk is None:
        return 0
    model = type(obj)
    if _has_version_field(obj):
        return model._default_manager.filter(pk=obj.pk).values_list("version", flat=True).first()
    latest = (
        model.history.filter(**{model._meta.pk.attname: obj.pk})
        .order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
    )
    return latest or 0


def _state_at(obj, version):
    """The historical record of `obj` as it was at `version`, or None if it is not known."""
    model = type(obj)
    history = getattr(model, "history", None)
    if history is None:
        return None
    records = history.filter(**{model._meta.pk.attname: obj.pk})
    if _has_version_field(obj):
        return records.filter(version=version).order_by("-history_id").first()
    return records.filter(history_id=version).first()


def _show(obj, field, value):
    if value is None or value == "":
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    text = formats.localize(value) if not isinstance(value, str) else value
    text = str(text)
    return text if len(text) <= 80 else text[:77] + "…"


def changed_fields(obj, version, *, submitted=None):
    """[(label, then, now)] for the fields someone else changed since `version`.

    `then` is the value when the form was rendered (from the history), `now` the value in the
    database. Without history for that version, falls back to comparing with `submitted`
    ({field name: value the user sent}), so the message still says what differs.
    """
    model = type(obj)
    current = model._default_manager.get(pk=obj.pk)
    before = _state_at(obj, version)
    rows = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name == "version" or not field.editable:
            continue
        now = getattr(current, field.attname)
        if before is not None:
            then = getattr(before, field.attname, None)
        elif submitted is not None and field.name in submitted:
            then = submitted[field.name]
            then = getattr(then, "pk", then)
        else:
            continue
        if then != now:
            rows.append((str(field.verbose_name), _show(obj, field, then), _show(obj, field, now)))
    return rows


def _who_and_when(obj):
    model = type(obj)
    history = getattr(model, "history", None)
    if history is None:
        return ""
    latest = (
        history.filter(**{model._meta.pk.attname: obj.pk})
        .select_related("history_user")
        .order_by("-history_id")
        .first()
    )
    if latest is None:
        return ""
    when = formats.date_format(latest.history_date, "SHORT_DATETIME_FORMAT")
    who = latest.history_user or _("okänd")
    return _("%(who)s sparade %(when)s.") % {"who": who, "when": when}


@transaction.atomic
def check_version(obj, version, *, submitted=None):
    """Lock `obj`'s row and raise ValidationError unless its version is still `version`.

    The message lists what changed ("fält: värde när du öppnade → värde nu") and who saved it.
    """
    if obj.pk is None:
        return
    model = type(obj)
    model._default_manager.select_for_update().filter(pk=obj.pk).first()
    stored = current_version(obj)
    if version is not None and int(version) == stored:
        return
    lines = [
        _(
            "Någon annan har ändrat det här medan du hade formuläret öppet. Ingenting av det du "
            "skrev har sparats, och ingenting av det de sparade har skrivits över. %(who)s"
        )
        % {"who": _who_and_when(obj)}
    ]
    changes = changed_fields(obj, version, submitted=submitted)
    for label, then, now in changes:
        lines.append(
            _("%(field)s: ”%(then)s” → ”%(now)s”") % {"field": label, "then": then, "now": now}
        )
    lines.append(
        _("Kontrollera ändringarna ovan. Spara igen om du vill att dina uppgifter ska gälla.")
    )
    raise ValidationError([ValidationError(line, code=STALE) for line in lines])


@transaction.atomic
def save_versioned(obj, *, version, actor, reason, history_date=None):
    """`save_with_history` after a passed version check; bumps `version` on a VersionedModel."""
    submitted = {
        f.name: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key
    }
    check_version(obj, version, submitted=submitted)
    if _has_version_field(obj):
        obj.version = (current_version(obj) or 0) + 1
    return save_with_history(obj, actor=actor, reason=reason, history_date=history_date)


class VersionFormMixin(forms.Form):
    """A hidden `version` field set from the form's instance (or `initial["version"]`).

    On a re-render after a refused save the field shows the NEW version, so saving again after
    reading the changes goes through (on purpose, by the person who has now seen them)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None) or kwargs.get("instance")
        if instance is not None and instance.pk is not None:
            self.fields["version"].initial = current_version(instance)

    def add_error(self, field, error):
        super().add_error(field, error)
        errors = error.error_list if isinstance(error, ValidationError) else []
        if any(getattr(e, "code", None) == STALE for e in errors):
            instance = getattr(self, "instance", None)
            if instance is not None and instance.pk is not None and self.is_bound:
                data = self.data.copy()
                data[self.add_prefix("version")] = current_version(instance)
                self.data = data
