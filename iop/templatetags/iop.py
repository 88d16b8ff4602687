"""Template filters used on every page: Swedish amounts and plain-text paragraphs."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def kr(value):
    """1250000 -> "1 250 000 kr" (with non-breaking spaces), the way Swedish documents write money."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return value
    places = 0 if amount == amount.to_integral_value() else 2
    formatted = number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
    return mark_safe(f"{formatted}\xa0{_('kr')}")


@register.filter
def paragraphs(text, markers=""):
    """Render agreement text: blank lines separate paragraphs, lines starting with "- " are bullets.

    `paragraphs:"text"` writes each bullet into the text (`<ul class="text-markers">`) instead
    of leaving it to list-style: in a PDF, WeasyPrint lays out every list marker as a box of
    its own, a sixth of an agreement's rendering time."""
    if not text:
        return ""
    in_text = markers == "text"
    list_open = '<ul class="text-markers">' if in_text else "<ul>"
    item = "<li>\u2022 {}</li>" if in_text else "<li>{}</li>"
    blocks = [block.strip() for block in str(text).replace("\r\n", "\n").split("\n\n")]
    html = []
    for block in filter(None, blocks):
        lines = block.split("\n")
        if all(line.lstrip().startswith(("- ", "* ", "• ")) for line in lines):
            items = ((line.lstrip()[2:].strip(),) for line in lines)
            html.append(format_html_join("", item, items).join([list_open, "</ul>"]))
        else:
            html.append(
                format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines)).join(
                    ["<p>", "</p>"]
                )
            )
    return mark_safe("".join(html))


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        params[key] = value
    return params.urlencode()
