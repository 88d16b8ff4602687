"""Extension point for the portal home: other apps (governance: remediation plans requested,
upcoming meetings of my groups) add a section without editing the portal.

A provider is `fn(request, page: PortalPage) -> PortalSection | None` and must run a fixed
number of queries. `page` holds what the portal home has already read for the request, so that
sections do not ask again: the organisation, its participations and, as a deadline scope, the
partnerships it is a party to and may see (loaders shared through `page.scope.shared`).
"""

from dataclasses import dataclass, field
from datetime import date

_PROVIDERS = []


@dataclass
class PortalSection:
    anchor: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


@dataclass
class PortalPage:
    """Read once per request by the portal home, for its own lists and for every section."""

    organisation: object  # the user's organisation
    participations: list  # its participations, with their partnerships
    scope: object  # a partnerships.deadlines.DeadlineScope for the user
    today: date
    deadline_start: date  # the window of the page's "my upcoming dates"
    deadline_end: date


def register_portal_section(provider):
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def sections_for(request, page):
    sections = [section for provider in _PROVIDERS if (section := provider(request, page))]
    return sorted(sections, key=lambda section: section.order)
