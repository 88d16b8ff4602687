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
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import formats, timezone
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


def _dict_rows(field, then, now, labels):
    """One row per key of a JSON object that differs (a report draft, an amendment's changes)."""
    then, now = then or {}, now or {}
    rows = []
    for key in list(then) + [k for k in now if k not in then]:
        if then.get(key) != now.get(key):
            label = (labels or {}).get(key) or f"{field.verbose_name} ({key})"
            rows.append((str(label), _show_plain(then.get(key)), _show_plain(now.get(key))))
    return rows


def _show_plain(value):
    if value is None or value == "":
        return "–"
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def changed_fields(obj, version, *, submitted=None, labels=None):
    """[(label, then, now)] for the fields someone else changed since `version`.

    `then` is the value when the form was rendered (from the history), `now` the value in the
    database. Without history for that version, falls back to comparing with `submitted`
    ({field name: value the user sent}), so the message still says what differs. A JSON object
    field is compared key by key; `labels` ({key: label}) names its keys (e.g. a report's
    questions).
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
        if then == now:
            continue
        if isinstance(then, dict) or isinstance(now, dict):
            then = then if isinstance(then, dict) else {}
            now = now if isinstance(now, dict) else {}
            rows.extend(_dict_rows(field, then, now, labels))
        else:
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
    when = formats.date_format(timezone.localtime(latest.history_date), "SHORT_DATETIME_FORMAT")
    who = latest.history_user or _("okänd")
    return _("%(who)s sparade %(when)s.") % {"who": who, "when": when}


@transaction.atomic
def check_version(obj, version, *, submitted=None, labels=None):
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
    changes = changed_fields(obj, version, submitted=submitted, labels=labels)
    for label, then, now in changes:
        lines.append(
            _("%(field)s: ”%(then)s” → ”%(now)s”") % {"field": label, "then": then, "now": now}
        )
    lines.append(
        _("Kontrollera ändringarna ovan. Spara igen om du vill att dina uppgifter ska gälla.")
    )
    raise ValidationError([ValidationError(line, code=STALE) for line in lines])


@transaction.atomic
def save_versioned(obj, *, version, actor, reason, history_date=None, labels=None):
    """`save_with_history` after a passed version check; bumps `version` on a VersionedModel."""
    submitted = {
        f.name: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key
    }
    check_version(obj, version, submitted=submitted, labels=labels)
    if _has_version_field(obj):
        obj.version = (current_version(obj) or 0) + 1
    return save_with_history(obj, actor=actor, reason=reason, history_date=history_date)


UNCHECKED = object()


def save_checked(obj, *, version=UNCHECKED, actor, reason, history_date=None, labels=None):
    """What a service's edit function calls: the version check when a form sent a version,
    a plain `save_with_history` for code that changes the object itself (demo loaders, hooks,
    commands), which passes no version at all. A form always sends one (VersionFormMixin
    refuses a form without it), so `version=None` from a form is refused, not skipped."""
    if version is UNCHECKED:
        return save_with_history(obj, actor=actor, reason=reason, history_date=history_date)
    return save_versioned(
        obj, version=version, actor=actor, reason=reason, history_date=history_date, labels=labels
    )


class VersionFormMixin(forms.Form):
    """A hidden `version` field set from the form's instance (or `initial["version"]`).

    On a re-render after a refused save the field shows the NEW version, so saving again after
    reading the changes goes through (on purpose, by the person who has now seen them)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk is not None:
            self.fields["version"].initial = current_version(instance)
        else:
            # A new object has no version to compare; the service then does no check.
            del self.fields["version"]

    def clean(self):
        data = super().clean()
        if "version" in self.fields and data.get("version") is None:
            if "version" not in self.errors:
                raise ValidationError(
                    _(
                        "Sidan saknar uppgift om vilken version du öppnade, så ingenting sparades. "
                        "Ladda om sidan och gör ändringen igen."
                    ),
                    code="missing_version",
                )
        return data

    def set_version(self, version):
        """After a save that re-renders the form (not a redirect): carry the new version."""
        self.fields["version"].initial = version
        if self.is_bound:
            data = self.data.copy()
            data[self.add_prefix("version")] = version
            self.data = data

    def add_error(self, field, error):
        super().add_error(field, error)
        errors = getattr(error, "error_list", []) if isinstance(error, ValidationError) else []
        if any(getattr(e, "code", None) == STALE for e in errors):
            instance = getattr(self, "instance", None)
            if instance is not None and instance.pk is not None and self.is_bound:
                sent = getattr(self, "cleaned_data", {}).get("version")
                data = self.data.copy()
                data[self.add_prefix("version")] = current_version(instance)
                self.data = data
                merged = self._take_over_untouched(instance, sent)
                if merged:
                    super().add_error(
                        None,
                        ValidationError(
                            _(
                                "Fält som du inte själv ändrade visar nu det som sparades: "
                                "%(fields)s. Det du själv skrev står kvar."
                            )
                            % {"fields": ", ".join(merged)},
                            code="merged",
                        ),
                    )

    def _take_over_untouched(self, instance, sent_version):
        """After a refusal: a field this person left as it was when they opened the form, but
        someone else changed, now shows the saved value, so that saving again changes only what
        this person changed. Returns the labels of those fields."""
        if sent_version is None:
            return []
        before = _state_at(instance, sent_version)
        if before is None:
            return []
        model = type(instance)
        current = model._default_manager.get(pk=instance.pk)
        data, merged = self.data.copy(), []
        for name, form_field in self.fields.items():
            try:
                model_field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not model_field.concrete or name not in self.cleaned_data:
                continue
            typed = self.cleaned_data[name]
            typed = getattr(typed, "pk", typed)
            then = getattr(before, model_field.attname, None)
            now = getattr(current, model_field.attname)
            if typed == then and then != now:
                if now is None:
                    data[self.add_prefix(name)] = ""
                elif hasattr(now, "isoformat"):
                    data[self.add_prefix(name)] = now.isoformat()
                else:
                    data[self.add_prefix(name)] = str(now)
                merged.append(str(form_field.label or name))
        self.data = data
        return merged
