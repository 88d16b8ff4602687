"""Template filters used on every page: Swedish amounts and plain-text paragraphs; a form's fields."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from html import escape as html_escape

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.formats import get_format, number_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from iop import form_html, navigation

register = template.Library()
_ZERO = Decimal(0)


# Per language: the table that turns Python's "1,250,000.50" into the language's separators (None
# where its grouping is not in threes) and "kr" translated. Built from the settings' format
# modules and the translation catalogue, as Django keeps its own formats per language; nothing
# from the data or the request. An amount costs the page a format() and a translate() instead of
# number_format's lookups and gettext: the ekonomi tab shows some 150.
_MONEY_FORMATS = {}


def _money_format(lang):
    try:
        return _MONEY_FORMATS[lang]
    except KeyError:
        table = None
        if get_format("NUMBER_GROUPING", lang) == 3:
            table = str.maketrans(
                {
                    ",": get_format("THOUSAND_SEPARATOR", lang),
                    ".": get_format("DECIMAL_SEPARATOR", lang),
                }
            )
        _MONEY_FORMATS[lang] = table, _("kr")
        return _MONEY_FORMATS[lang]


@register.filter
def kr(value):
    """1250000 -> "1 250 000 kr" (with non-breaking spaces), the way Swedish documents write money."""
    if value is None or value == "":
        return ""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return value
    places = 0 if amount == amount.to_integral_value() else 2
    table, unit = _money_format(get_language())
    if table is not None and amount.is_finite() and amount.as_tuple().exponent >= -2:
        # Exact at two places, so no rounding; a zero is written without its sign, as
        # number_format writes it.
        formatted = f"{amount if amount else _ZERO:,.{places}f}".translate(table)
    else:
        formatted = number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
    return mark_safe(f"{formatted}\xa0{unit}")


@register.filter(expects_localtime=True)
def iso(value):
    """A day as "2024-03-01": what `|date:"Y-m-d"` gives, for a fraction of its cost (a page of
    rows has dozens). A datetime is first made local, as for `|date`."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return date_filter(value, "Y-m-d")
    if isinstance(value, date):
        return value.isoformat()
    return date_filter(value, "Y-m-d")


@register.filter
def paragraphs(text, markers=""):
    """Render agreement text: blank lines separate paragraphs, lines starting with "- " are bullets.

    `paragraphs:"text"` writes each bullet into the text (`<ul class="text-markers">`) instead
    of leaving it to list-style: in a PDF, WeasyPrint lays out every list marker as a box of
    its own, a sixth of an agreement's rendering time.

    Each line is escaped with html.escape, what django.utils.html.escape calls (a line split
    from the text is never marked safe), without format_html's checks for lazy strings per line:
    the annual compilation shows fifty answers."""
    if not text:
        return ""
    in_text = markers == "text"
    list_open = '<ul class="text-markers">' if in_text else "<ul>"
    item_open = "<li>\u2022 " if in_text else "<li>"
    blocks = [block.strip() for block in str(text).replace("\r\n", "\n").split("\n\n")]
    written = []
    for block in filter(None, blocks):
        lines = block.split("\n")
        if all(line.lstrip().startswith(("- ", "* ", "• ")) for line in lines):
            items = "".join(
                f"{item_open}{html_escape(line.lstrip()[2:].strip())}</li>" for line in lines
            )
            written.append(f"{list_open}{items}</ul>")
        else:
            written.append(f"<p>{'<br>'.join(html_escape(line) for line in lines)}</p>")
    return mark_safe("".join(written))


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        params[key] = value
    return params.urlencode()


@register.simple_tag
def form_fields(form):
    """Every field of `form` with its label, help text and errors (iop/form_html.py)."""
    return form_html.form_fields(form)


@register.simple_tag
def some_fields(form, names, errors=False):
    """The fields of `form` named in `names` (a list) only (iop/form_html.py)."""
    return form_html.some_fields(form, names, errors=errors)


@register.simple_tag
def error_links(form, extra=None):
    """(target id, text) for each error of `form` and each line of `extra`, for
    partials/error_summary.html (iop/form_html.py)."""
    return form_html.error_links(form, extra or ())


@register.simple_tag(takes_context=True)
def breadcrumbs(context, *trail_and_current):
    """`{% breadcrumbs url1 label1 url2 label2 current %}`: the trail from the start page through
    the (url, label) pairs to this page, named `current` (iop/navigation.py). A pair whose url is
    empty (an object the page does not have) is left out, so a shared partial can name them all."""
    *trail, current = trail_and_current
    if len(trail) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes (url, label) pairs and a name")
    pairs = zip(trail[::2], trail[1::2], strict=True)
    return navigation.breadcrumbs_html(
        administration=context.get("is_administration", False),
        trail=[(url, label) for url, label in pairs if url],
        current=current,
    )
