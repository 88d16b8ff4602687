"""The history timeline of a partnership: whose changes it shows, read by
partnerships.history.timeline.Timeline in one query over all of them."""

from datetime import date, datetime, time, timedelta
from functools import cache
from html import escape

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from governance import history as governance_history
from partnerships.history import sources as partnership_history
from partnerships.history.timeline import Timeline
from partnerships.permissions import administration_required, get_partnership_for_user
from partnerships.tabs import render_tab
from reporting import history as reporting_history

# The parts of a partnership a timeline can be narrowed to: (value in the URL, name, sources).
KINDS = (
    ("avtal", gettext_lazy("Partnerskapet och parterna"), partnership_history.SOURCES),
    ("bilagor", gettext_lazy("Bilagor och åtaganden"), partnership_history.ANNEX_SOURCES),
    (
        "beslut",
        gettext_lazy("Beslut, ändringar och underskrifter"),
        partnership_history.LIFECYCLE_SOURCES,
    ),
    ("ekonomi", gettext_lazy("Ekonomi och betalningar"), partnership_history.MONEY_SOURCES),
    ("moten", gettext_lazy("Grupper, möten och beslut i grupper"), governance_history.SOURCES),
    ("rapporter", gettext_lazy("Rapportering"), reporting_history.SOURCES),
)
KIND_SOURCES = {value: sources for value, _label, sources in KINDS}
SOURCES = tuple(source for _value, _label, sources in KINDS for source in sources)

# Far enough for any change, near enough that a day's local midnight is a datetime.
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)


class HistoryFilterForm(forms.Form):
    # Plain fields checked in clean_*: a ChoiceField's choices are copied and normalised for
    # each form, a third of a millisecond on every history page.
    kind = forms.CharField(label=gettext_lazy("Del"), required=False, max_length=20)
    person = forms.CharField(label=gettext_lazy("Ändrad av"), required=False)
    start = forms.DateField(
        label=gettext_lazy("Från"),
        required=False,
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
    )
    end = forms.DateField(
        label=gettext_lazy("Till"),
        required=False,
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
    )

    def __init__(self, *args, authors, **kwargs):
        """`authors`: the people who changed something on the partnership, to choose among."""
        super().__init__(*args, **kwargs)
        self.authors = authors

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if kind and kind not in KIND_SOURCES:
            raise forms.ValidationError(_("Välj ett giltigt alternativ."))
        return kind

    def clean_person(self):
        """The id of one of the authors, or None."""
        person = self.cleaned_data["person"]
        if not person:
            return None
        for author in self.authors:
            if str(author.pk) == person:
                return author.pk
        raise forms.ValidationError(_("Välj ett giltigt alternativ."))

    def _choices(self, name):
        if name == "kind":
            return _kind_options(get_language())
        return [("", _("Alla"))] + [(author.pk, str(author)) for author in self.authors]

    def html(self):
        """The fields' markup (label, control, errors tied to it by aria-describedby), written
        here as timeline_html is: through Django's widget templates the four fields took an
        eighth of the history page's time."""
        parts = []
        for name, field in self.fields.items():
            field_id = f"id_{name}"
            errors = self.errors.get(name) if self.is_bound else None
            value = self.data.get(name, "") if self.is_bound else ""
            tied = f' aria-invalid="true" aria-describedby="{field_id}_error"' if errors else ""
            if name in ("kind", "person"):
                options = "".join(
                    f'<option value="{escape(str(choice))}"'
                    f"{' selected' if str(choice) == value else ''}>{escape(str(label))}</option>"
                    for choice, label in self._choices(name)
                )
                control = f'<select name="{name}" id="{field_id}"{tied}>{options}</select>'
            else:
                shown = f' value="{escape(value)}"' if value else ""
                control = f'<input type="date" name="{name}"{shown} id="{field_id}"{tied}>'
            error_list = (
                f'<div class="errors" id="{field_id}_error">'
                + "".join(f"<p>{escape(str(error))}</p>" for error in errors)
                + "</div>"
                if errors
                else ""
            )
            parts.append(
                f'<div class="field{" field-error" if errors else ""}">'
                f'<label for="{field_id}">{escape(str(field.label))}</label>'
                f"{control}{error_list}</div>"
            )
        return mark_safe("\n".join(parts))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("Till-datumet ligger före från-datumet."))
        return data


@cache
def _kind_options(language):
    """The parts' choices with their names translated, once per language."""
    return [("", _("Alla delar"))] + [(value, str(label)) for value, label, _s in KINDS]


def _local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min)) if day else None


def filtered_timeline(partnership, chosen):
    """The timeline narrowed to `chosen`, a HistoryFilterForm's cleaned data: a part, a person,
    and days from and to (both included, in the local time zone)."""
    end = chosen.get("end")
    return Timeline(
        partnership,
        KIND_SOURCES[chosen["kind"]] if chosen.get("kind") else SOURCES,
        user_id=chosen.get("person"),
        since=_local_midnight(chosen.get("start")),
        before=_local_midnight(end + timedelta(days=1)) if end else None,
    )


def timeline(partnership):
    return Timeline(partnership, SOURCES)


def timeline_html(entries, *, empty=None):
    """The markup of partnerships/partials/timeline.html for `entries`, written here: a page of
    50 entries and their diffs is some 1,200 template nodes, most of the page's time; as
    strings a tenth of that. Every value is escaped (a diff's value may be safe already, e.g. an
    amount in kronor). The test keeps it equal to the partial, which smaller lists still use."""
    if not entries:
        return mark_safe(
            f'<ol class="timeline">\n<li>{escape(empty or _("Inga ändringar är registrerade."))}</li>\n</ol>'
        )
    by, unknown, reason_label = escape(_("av")), escape(_("okänd")), escape(_("Anledning:"))
    changed_head = (
        f'<thead><tr><th scope="col">{escape(_("Fält"))}</th>'
        f'<th scope="col">{escape(_("Före"))}</th><th scope="col">{escape(_("Efter"))}</th>'
        "</tr></thead>"
    )
    value_head = (
        f'<thead><tr><th scope="col">{escape(_("Fält"))}</th>'
        f'<th scope="col">{escape(_("Värde"))}</th></tr></thead>'
    )
    kind_labels = {}
    parts = ['<ol class="timeline">']
    for entry in entries:
        kind = entry.kind
        if kind not in kind_labels:
            kind_labels[kind] = escape(str(entry.kind_label).lower())
        user = escape(str(entry.user)) if entry.user else unknown
        parts.append(
            f'<li class="timeline-entry timeline-{escape(kind)}">'
            f'<p class="timeline-head"><time datetime="{escape(entry.when_iso)}">'
            f"{escape(entry.when_text)}</time> · <strong>{escape(entry.model_label)}</strong> "
            f"{escape(entry.object_label)} · {kind_labels[kind]} {by} {user}</p>"
        )
        if entry.reason:
            parts.append(
                f'<p class="timeline-reason"><span class="label">{reason_label}</span> '
                f"{escape(entry.reason)}</p>"
            )
        if entry.changes:
            changed = kind == "~"
            if not changed:  # a creation: its values on demand, the head names what was made
                count = len(entry.changes)
                shown = ngettext("Visa %(counter)s uppgift", "Visa %(counter)s uppgifter", count)
                parts.append(
                    f'<details class="timeline-values"><summary>'
                    f"{escape(shown % {'counter': count})}</summary>"
                )
            parts.append(f'<table class="diff">{changed_head if changed else value_head}<tbody>')
            for change in entry.changes:
                old = (
                    f'<td class="diff-old">{conditional_escape(change.old)}</td>' if changed else ""
                )
                parts.append(
                    f'<tr><th scope="row">{escape(change.label)}</th>{old}'
                    f'<td class="diff-new">{conditional_escape(change.new)}</td></tr>'
                )
            parts.append("</tbody></table>")
            if not changed:
                parts.append("</details>")
        parts.append("</li>")
    parts.append("</ol>")
    return mark_safe("\n".join(parts))


@administration_required
def partnership_history(request, pk):
    """The partnership's changes, 50 a page, narrowed by the filters in the URL. A refused
    value (a date of 2024-13-45, a person who changed nothing) is named next to its field and
    left out; the valid filters still apply."""
    partnership = get_partnership_for_user(request, pk)
    form = HistoryFilterForm(request.GET or None, authors=timeline(partnership).authors())
    chosen = {}
    if form.is_bound:
        form.is_valid()
        chosen = {name: value for name, value in form.cleaned_data.items() if value}
    page = filtered_timeline(partnership, chosen).page(request.GET.get("sida"), per_page=50)
    empty = _("Inga ändringar matchar urvalet.") if chosen else None
    return render_tab(
        request,
        partnership,
        "historik",
        "partnerships/partnership_history.html",
        {
            "page": page,
            "form": form,
            "filtered": bool(chosen),
            "timeline_html": timeline_html(page.object_list, empty=empty),
        },
    )
