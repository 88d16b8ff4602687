"""Timeline entries from historical rows: each version compared with the one before it, field by
field, in Python."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property

from django.db import models
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from iop.history import plain_line_endings
from iop.prepared import InParam, PreparedQuery
from iop.templatetags.iop import kr
from partnerships.history.sources import historical_model
from partnerships.history.words import LONG_TEXT, word_diff

IGNORED_FIELDS = {"id", "created_at", "updated_at", "version"}
SHOWN_CHARACTERS = 400  # of a value in a diff
KIND_LABELS = {
    "+": gettext_lazy("Skapad"),
    "~": gettext_lazy("Ändrad"),
    "-": gettext_lazy("Borttagen"),
}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class TimelineEntry:
    when: datetime
    user: object
    reason: str
    kind: str
    model_label: str
    object_label: str
    changes: list = field(default_factory=list)

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]

    # The time in the page's time zone, written out here: the date filter costs a third of
    # rendering a page of fifty entries. Made local once for both.
    @cached_property
    def local_when(self):
        return timezone.localtime(self.when)

    @property
    def when_iso(self):
        return self.local_when.isoformat()

    @property
    def when_text(self):
        return self.local_when.strftime("%Y-%m-%d %H:%M")


def _tracked_fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in IGNORED_FIELDS]


def _display(model_field, value, fk_labels):
    if value is None or value == "":
        return "–"
    if model_field.is_relation:
        return fk_labels.get((model_field.related_model, value), f"#{value}")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, datetime):
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal):
        return kr(value)
    if isinstance(value, list | tuple):  # a JSON list (age bands, countries): as a list reads
        return ", ".join(str(item) for item in value) or "–"
    if isinstance(value, dict):  # a JSON object (figures, changes): "key: value; …"
        return "; ".join(f"{key}: {item}" for key, item in value.items()) or "–"
    return str(value)


def _shown(text):
    """The value as a diff shows it: long texts cut after SHOWN_CHARACTERS characters."""
    return text if len(text) <= SHOWN_CHARACTERS else Truncator(text).chars(SHOWN_CHARACTERS)


def _prepared(key, build):
    """The PreparedQuery `build` gives for `key`, made on first use (compiled once per process)."""
    if key not in _PREPARED:
        _PREPARED[key] = PreparedQuery(build)
    return _PREPARED[key]


_PREPARED = {}


def _labelled(related_model):
    """The rows of `related_model` whose pk is one of "ids", as the diffs name them."""

    def build():
        queryset = related_model._default_manager.filter(InParam("pk", "ids"))
        if related_model.__name__ == "Participation":
            queryset = queryset.select_related("organisation", "partnership")
        return queryset

    return _prepared(("labels", related_model), build)


def _fk_labels(rows_by_model, fields_by_model):
    """One query per related model, to name the organisations, parties and bilagor in a diff."""
    wanted = defaultdict(set)
    for model, rows in rows_by_model.items():
        for model_field, attname, _label in fields_by_model[model]:
            if model_field.is_relation:
                for row in rows:
                    value = getattr(row, attname)
                    if value is not None:
                        wanted[model_field.related_model].add(value)
    labels = {}
    for related_model, ids in wanted.items():
        for obj in _labelled(related_model).list(ids=sorted(ids)):
            labels[(related_model, obj.pk)] = str(obj)
    return labels


def _fields(model):
    """(field, attname, label) of the fields a diff compares; the labels translated once a page."""
    return [(f, f.attname, str(f.verbose_name).capitalize()) for f in _tracked_fields(model)]


def _same(old, new):
    """Equal, or texts that differ only in line endings (and a trailing line break): rows saved
    from a browser before line endings were made plain (iop.history.normalise_text) hold
    "\\r\\n" where the text was not touched. A change of blanks is a change."""
    if old == new:
        return True
    if isinstance(old, str) and isinstance(new, str):
        return plain_line_endings(old) == plain_line_endings(new)
    return False


def _is_text(model_field):
    return isinstance(model_field, models.CharField | models.TextField) and not model_field.choices


def _change(model_field, label, old, new, fk_labels):
    """A changed field; a long text word by word, so that a change near its end shows."""
    if (
        _is_text(model_field)
        and old
        and new
        and max(len(old), len(new)) > LONG_TEXT
        and (marked := word_diff(old, new)) is not None
    ):
        return FieldChange(label, *marked)
    return FieldChange(
        label,
        _shown(_display(model_field, old, fk_labels)),
        _shown(_display(model_field, new, fk_labels)),
    )


def _diff(fields, previous, current, fk_labels):
    changes = []
    for model_field, attname, label in fields:
        new = getattr(current, attname)
        if previous is None:  # created: its values
            if new is not None and new != "":
                changes.append(
                    FieldChange(label, "", _shown(_display(model_field, new, fk_labels)))
                )
            continue
        old = getattr(previous, attname)
        if not _same(old, new):
            changes.append(_change(model_field, label, old, new, fk_labels))
    return changes


def _previous_version(historical):
    """Subquery: history_id of the same object's version just before this one."""
    before = models.Q(history_date__lt=models.OuterRef("history_date")) | models.Q(
        history_date=models.OuterRef("history_date"), history_id__lt=models.OuterRef("history_id")
    )
    return models.Subquery(
        historical.objects.filter(before, id=models.OuterRef("id"))
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )


# Who made a change, as User.__str__ names them (read with the change, so no query per user).
_USER_FIELDS = ("id", "username", "first_name", "last_name")


def _columns(historical):
    """The historical model's columns by attname (the tracked fields' and history_*'s)."""
    return [f.attname for f in historical._meta.concrete_fields]


def _picked_rows(historical):
    """The historical rows "ids" with the id of each one's previous version and the name of
    whoever made the change, as named tuples: a page's 150 versions as model instances took
    longer than its diffs."""
    return _prepared(
        ("picked", historical),
        lambda: (
            historical.objects.filter(InParam("history_id", "ids"))
            .annotate(previous_history_id=_previous_version(historical))
            .values(
                *_columns(historical),
                *(f"history_user__{name}" for name in _USER_FIELDS[1:]),
                "previous_history_id",
            )
        ),
    )


def _rows(historical):
    """The historical rows "ids", as named tuples."""
    return _prepared(
        ("rows", historical),
        lambda: historical.objects.filter(InParam("history_id", "ids")).values(
            *_columns(historical)
        ),
    )


def _users(historical, rows):
    """history_user_id -> the user (only the fields that name them, the others deferred)."""
    user_model = historical._meta.get_field("history_user").related_model
    users = {}
    for row in rows:
        if row.history_user_id is not None and row.history_user_id not in users:
            users[row.history_user_id] = user_model.from_db(
                None,
                _USER_FIELDS,
                (
                    row.history_user_id,
                    row.history_user__username,
                    row.history_user__first_name,
                    row.history_user__last_name,
                ),
            )
    return users


def timeline_entries(sources, picked):
    ids_by_source = defaultdict(list)
    for source_index, history_id, _when in picked:
        ids_by_source[source_index].append(history_id)
    rows = {}
    previous = {}
    rows_by_model = defaultdict(list)
    users = {}
    for source_index, history_ids in ids_by_source.items():
        model = sources[source_index].model
        historical = historical_model(model)
        # Two queries per model: the picked rows with the id of their previous version, then
        # those versions. (One query with "picked OR previous" was tried: PostgreSQL then scans
        # the whole historical table, 1.2 s at 10× instead of milliseconds.) Both are compiled
        # once per process, the ids given as one list parameter.
        fetched = _picked_rows(historical).named(ids=history_ids)
        users.update(_users(historical, fetched))
        previous_ids = [row.previous_history_id for row in fetched if row.previous_history_id]
        earlier = (
            {row.history_id: row for row in _rows(historical).named(ids=previous_ids)}
            if previous_ids
            else {}
        )
        for row in fetched:
            rows[(source_index, row.history_id)] = row
            previous[(source_index, row.history_id)] = earlier.get(row.previous_history_id)
        rows_by_model[model] += fetched + list(earlier.values())
    fields_by_model = {model: _fields(model) for model in rows_by_model}
    model_labels = {model: str(model._meta.verbose_name).capitalize() for model in rows_by_model}
    fk_labels = _fk_labels(rows_by_model, fields_by_model)
    entries = []
    for source_index, history_id, _when in picked:
        source = sources[source_index]
        row = rows[(source_index, history_id)]
        before = previous[(source_index, history_id)]
        changes = (
            []
            if row.history_type == "-"
            else _diff(fields_by_model[source.model], before, row, fk_labels)
        )
        entries.append(
            TimelineEntry(
                when=row.history_date,
                user=users.get(row.history_user_id),
                reason=row.history_change_reason or "",
                kind=row.history_type,
                model_label=model_labels[source.model],
                object_label=(source.label or _label)(row, fk_labels),
                changes=changes,
            )
        )
    return entries


def _label(row, fk_labels):
    for name in ("title", "name", "heading", "text"):
        if hasattr(row, name):
            return str(getattr(row, name))[:80]
    return f"#{row.id}"
