"""The tabs of the partnership page and the panels they show.

The partnership page is split into tabs (Översikt, Avtalstext, Livscykel, Ändringar och
underskrifter, Ekonomi, Historik), so that each page runs a small fixed number of queries and a
handläggare finds a section without scrolling past all the others. Which panels each tab shows,
from which app, is listed in iop/pages/partnership.py; a panel function is
`fn(request, partnership) -> Panel | None` and runs a fixed number of queries, whatever the size
of the partnership.
"""

from dataclasses import dataclass, field
from html import escape

from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from iop import navigation

OVERVIEW = "oversikt"

# (key, label, url name). The overview and the agreement text have their own views; the other
# tabs show their panels (iop/pages/partnership.py); the history has its own paged view.
TABS = [
    (OVERVIEW, _("Översikt"), "partnerships:detail"),
    ("avtalstext", _("Avtalstext"), "partnerships:agreement_text"),
    ("livscykel", _("Livscykel och beslut"), "partnerships:section"),
    ("andringar", _("Ändringar och underskrifter"), "partnerships:section"),
    ("ekonomi", _("Ekonomi"), "partnerships:section"),
    ("historik", _("Historik"), "partnerships:history"),
]

# Anchors of sections that moved to a tab, so a link or redirect to "#namndarenden" lands on
# the right tab.
_ANCHOR_TAB = {
    "livscykel": "livscykel",
    "namndarenden": "livscykel",
    "andringar": "andringar",
    "underskrifter": "andringar",
    "ekonomi": "ekonomi",
    "mal": "avtalstext",
    "avtalstext": "avtalstext",
    "rattelser": "avtalstext",
}


@dataclass
class Panel:
    anchor: str
    title: str
    template: str
    context: dict = field(default_factory=dict)


def tab_url(partnership_pk, tab):
    for key, _label, url_name in TABS:
        if key == tab:
            if url_name == "partnerships:section":
                return reverse(url_name, args=[partnership_pk, key])
            return reverse(url_name, args=[partnership_pk])
    raise ValueError(f"Unknown tab {tab!r}")


def section_url(partnership_pk, anchor=""):
    """The URL of the tab that holds the section `anchor` ("#mal" or "mal"), with the anchor."""
    anchor = anchor.lstrip("#")
    url = tab_url(partnership_pk, _ANCHOR_TAB.get(anchor, OVERVIEW))
    return f"{url}#{anchor}" if anchor else url


def tabs_for(partnership_pk, current):
    return [
        {"key": key, "label": label, "url": tab_url(partnership_pk, key), "current": key == current}
        for key, label, _url_name in TABS
    ]


def head_html(partnership, tabs, csrf_token=""):
    """The head of every tab: the breadcrumb, the title, diarienummer and status, the actions and
    the tab row, written here rather than in a template included by each tab (its tags and the
    loop over the tabs were a good part of a tab's own time). Every value is escaped.
    `csrf_token` goes in the action that is a POST (Skapa arkivpaket)."""
    status = partnership.current_status
    current = ' aria-current="page"'
    tab_items = "".join(
        f'<li><a href="{escape(t["url"])}"{current if t["current"] else ""}>'
        f"{escape(str(t['label']))}</a></li>"
        for t in tabs
    )
    pk = partnership.pk
    # Once signed, the terms change through an amendment; names and dnr through a rättelse.
    if partnership.terms_locked:
        edits = (
            ("partnerships:amendment_create", gettext("Ny ändring")),
            ("partnerships:partnership_correct", gettext("Rättelse")),
        )
    else:
        edits = (("partnerships:edit", gettext("Ändra")),)
    edit_actions = "".join(
        f'    <a class="button button-secondary" href="{escape(reverse(name, args=[pk]))}">'
        f"{escape(label)}</a>\n"
        for name, label in edits
    )
    return mark_safe(
        navigation.breadcrumbs_html(
            administration=True,
            trail=[],
            current=partnership.title,
        )
        + "\n"
        '<div class="page-head">\n  <div>\n'
        f"    <h1>{escape(partnership.title)}</h1>\n"
        f'    <p class="subtitle">{escape(gettext("Diarienummer"))} '
        f"<strong>{escape(partnership.registration_number_shown)}</strong> · "
        f'<span class="status status-{escape(str(status))}">{escape(str(status.label))}</span></p>\n'
        '  </div>\n  <div class="actions">\n'
        '    <a class="button button-secondary" '
        f'href="{escape(reverse("partnerships:agreement_pdf", args=[pk]))}">'
        f"{escape(gettext('Avtalet som PDF'))}</a>\n"
        '    <form method="post" '
        f'action="{escape(reverse("partnerships:archive_package_create", args=[pk]))}">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
        '<button type="submit" class="button-secondary">'
        f"{escape(gettext('Skapa arkivpaket'))}</button></form>\n"
        '    <a class="button button-secondary" '
        f'href="{escape(reverse("partnerships:archive_packages", args=[pk]))}">'
        f"{escape(gettext('Arkivpaket'))}</a>\n"
        f"{edit_actions}"
        "  </div>\n</div>\n"
        f'<nav class="tabs" aria-label="{escape(gettext("Partnerskapets delar"))}">\n'
        f"  <ul>\n    {tab_items}\n  </ul>\n</nav>"
    )


def render_tab(request, partnership, tab, template, context):
    """A tab of the partnership page: the head with the tab row, then `template`. `tab_urls`
    (key -> URL) lets a tab link to another without reversing its URL again."""
    tabs = tabs_for(partnership.pk, tab)
    return render(
        request,
        template,
        {
            "partnership": partnership,
            "tabs": tabs,
            "tab_urls": {t["key"]: t["url"] for t in tabs},
            "tab_label": next(t["label"] for t in tabs if t["current"]),
            "partnership_head": head_html(partnership, tabs, get_token(request)),
            **context,
        },
    )
