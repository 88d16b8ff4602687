"""Where am I: the main menu's section of the current page and the breadcrumb trail, each
decided here once (the menu in base.html and every page's trail read them; no page decides for
itself which menu item is current)."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

# The menu item a page belongs to, by its URL namespace; a name listed in _BY_NAME wins over
# its namespace (the organisation register shares the partnerships namespace).
_STAFF_BY_NAMESPACE = {
    "partnerships": "partnerships",
    "governance": "governance",
    "reporting": "reports",
    "accounts": "accounts",
    "deadlines": "deadlines",
    "outbox": "outbox",
    "admin": "admin",
}
_STAFF_BY_NAME = {
    "partnerships:organisation_list": "organisations",
    "partnerships:organisation_create": "organisations",
    "partnerships:organisation_detail": "organisations",
    "partnerships:organisation_edit": "organisations",
    "todo": "todo",
    "portfolio": "portfolio",
}
# A representative's reports and statements are reached from Min sida.
_REPRESENTATIVE_BY_NAMESPACE = {
    "portal": "portal",
    "reporting": "portal",
    "governance": "groups",
}


def nav_section(request, administration):
    """The key of the main menu item the current page is under ("" when none is)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if administration:
        return _STAFF_BY_NAME.get(match.view_name) or _STAFF_BY_NAMESPACE.get(match.namespace, "")
    return _REPRESENTATIVE_BY_NAMESPACE.get(match.namespace, "")


def start_url(administration):
    """The page a person lands on after logging in (partnerships.views.register.home)."""
    return reverse("todo" if administration else "portal:home")


def breadcrumbs_html(*, administration, trail, current):
    """The trail from the start page to this one: `trail` is (url, label) pairs between them,
    `current` this page's name. One nav landmark with an ordered list, the last item marked as
    the current page (text, not a second link to the page the reader is on), so every page
    below the start says where it is the same way."""
    items = [(start_url(administration), _("Start")), *trail]
    return format_html(
        '<nav class="breadcrumbs" aria-label="{}"><ol>{}'
        '<li><span aria-current="page">{}</span></li></ol></nav>',
        _("Brödsmulor"),
        format_html_join("", '<li><a href="{}">{}</a></li>', items),
        current,
    )
