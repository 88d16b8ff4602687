"""Extension points through which other apps add to the partnership page without editing it.

A panel provider is `fn(request, partnership) -> Panel | None`; it must run a fixed number of
queries, whatever the size of the partnership.
"""

from dataclasses import dataclass, field

_PANEL_PROVIDERS = []


@dataclass
class Panel:
    anchor: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


def register_panel(provider):
    if provider not in _PANEL_PROVIDERS:
        _PANEL_PROVIDERS.append(provider)
    return provider


def panels_for(request, partnership):
    panels = [panel for provider in _PANEL_PROVIDERS if (panel := provider(request, partnership))]
    return sorted(panels, key=lambda panel: panel.order)
