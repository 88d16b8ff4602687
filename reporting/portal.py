"""Extension point for the portal home: other apps (governance: remediation plans requested,
upcoming meetings of my groups) add a section without editing the portal.

A provider is `fn(request) -> PortalSection | None` and must run a fixed number of queries.
"""

from dataclasses import dataclass, field

_PROVIDERS = []


@dataclass
class PortalSection:
    anchor: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


def register_portal_section(provider):
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def sections_for(request):
    sections = [section for provider in _PROVIDERS if (section := provider(request))]
    return sorted(sections, key=lambda section: section.order)
