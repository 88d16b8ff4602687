"""Extension points through which other apps add to the partnership page without editing it.

The partnership page is split into tabs (Översikt, Avtalstext, Livscykel, Ändringar och
underskrifter, Ekonomi, Historik), so that each page runs a small fixed number of queries and a
handläggare finds a section without scrolling past all the others.

A panel provider is `fn(request, partnership) -> Panel | None`, registered for one tab; only the
providers of the tab being shown are called. Each must run a fixed number of queries, whatever
the size of the partnership.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

OVERVIEW = "oversikt"

# (key, label, url name). The overview and the agreement text have their own views; the other
# tabs show the panels registered for them; the history has its own paged view.
TABS = [
    (OVERVIEW, _("Översikt"), "partnerships:detail"),
    ("avtalstext", _("Avtalstext"), "partnerships:agreement_text"),
    ("livscykel", _("Livscykel och beslut"), "partnerships:section"),
    ("andringar", _("Ändringar och underskrifter"), "partnerships:section"),
    ("ekonomi", _("Ekonomi"), "partnerships:section"),
    ("historik", _("Historik"), "partnerships:history"),
]
PANEL_TABS = {"livscykel", "andringar", "ekonomi"}

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
}

_PANEL_PROVIDERS = []


@dataclass
class Panel:
    anchor: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


def register_panel(provider, tab=OVERVIEW):
    if tab != OVERVIEW and tab not in PANEL_TABS:
        raise ValueError(f"Unknown tab {tab!r}")
    if (provider, tab) not in _PANEL_PROVIDERS:
        _PANEL_PROVIDERS.append((provider, tab))
    return provider


def panels_for(request, partnership, tab=OVERVIEW):
    panels = [
        panel
        for provider, provider_tab in _PANEL_PROVIDERS
        if provider_tab == tab and (panel := provider(request, partnership))
    ]
    return sorted(panels, key=lambda panel: panel.order)


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
