"""The history timeline of a partnership: whose changes it shows, read by
partnerships.history.timeline.Timeline in one query over all of them."""

from html import escape

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance import history as governance_history
from partnerships.history import sources as partnership_history
from partnerships.history.timeline import Timeline
from partnerships.permissions import administration_required, get_partnership_for_user
from partnerships.tabs import render_tab
from reporting import history as reporting_history

SOURCES = (
    # The agreement: text, goals, parties, bilagor, commitments, compensation.
    *partnership_history.SOURCES,
    # Its lifecycle: steps, committee cases, notices, amendments, signatures, money.
    *partnership_history.LIFECYCLE_SOURCES,
    # Governance: groups, members, meetings, decisions.
    *governance_history.SOURCES,
    # Reporting: report templates, reporting periods, budget lines, compilations.
    *reporting_history.SOURCES,
)


def timeline(partnership):
    return Timeline(partnership, SOURCES)


def timeline_html(entries):
    """The markup of partnerships/partials/timeline.html for `entries`, written here: a page of
    50 entries and their diffs is some 1,200 template nodes, most of the page's time; as
    strings a tenth of that. Every value is escaped (a diff's value may be safe already, e.g. an
    amount in kronor). The test keeps it equal to the partial, which smaller lists still use."""
    if not entries:
        return mark_safe(
            f'<ol class="timeline">\n<li>{escape(_("Inga ändringar är registrerade."))}</li>\n</ol>'
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
    partnership = get_partnership_for_user(request, pk)
    page = timeline(partnership).page(request.GET.get("sida"), per_page=50)
    return render_tab(
        request,
        partnership,
        "historik",
        "partnerships/partnership_history.html",
        {"page": page, "timeline_html": timeline_html(page.object_list)},
    )
