"""The compilations' bar charts: inline SVG, the same in the page and in the PDF."""

import textwrap

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

# Characters of a 12px label that fit in the label column; a longer label wraps onto more lines
# (SVG text does not wrap by itself, and a cut label, "önsidentitet eller uppgift saknas", says
# nothing).
LABEL_CHARS = 28
LINE_HEIGHT = 14


def bar_chart(title, cells, *, width=560, bar_height=22, gap=8, label_width=200):
    """A horizontal bar chart as inline SVG (no script, no external file), so it looks the same
    in the page and in the PDF. Hidden cells get no bar, only their "<N" label. A label wraps
    onto as many lines as it needs, and its row grows with it."""
    values = [cell.value for cell in cells if not cell.hidden]
    largest = max(values, default=0) or 1
    plot = width - label_width - 60
    rows = []
    y = gap
    for cell in cells:
        lines = textwrap.wrap(str(cell.label), LABEL_CHARS) or [""]
        row_height = max(bar_height, len(lines) * LINE_HEIGHT + 8)
        length = 0 if cell.hidden else round(plot * cell.value / largest)
        # The numbers need no escaping; the label and the shown value are escaped as
        # format_html escaped them (without its checks on each of ten arguments).
        bar_y = y + (row_height - bar_height) // 2
        text_y = bar_y + bar_height - 6
        first_y = text_y - (len(lines) - 1) * LINE_HEIGHT // 2
        label = "".join(
            f'<tspan x="{label_width - 6}" y="{first_y + number * LINE_HEIGHT}">'
            f"{conditional_escape(line)}</tspan>"
            for number, line in enumerate(lines)
        )
        rows.append(
            f'<text text-anchor="end" font-size="12">{label}</text>'
            f'<rect x="{label_width}" y="{bar_y}" width="{length}" height="{bar_height}"'
            f' fill="#1f5f8b"></rect>'
            f'<text x="{label_width + length + 6}" y="{text_y}" font-size="12">'
            f"{conditional_escape(cell.shown)}</text>"
        )
        y += row_height + gap
    height = y
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id}" '
        'width="{w}" height="{h}" viewBox="0 0 {w} {h}"><title id="{id}">{title}</title>{rows}</svg>',
        id=f"chart-{abs(hash(str(title))) % 10**6}",
        w=width,
        h=height,
        title=title,
        rows=mark_safe("".join(rows)),
    )


def charts(tables):
    return [
        (breakdown, bar_chart(breakdown.title, cells))
        for breakdown, cells in tables
        if breakdown.key in ("gender", "age", "country")
    ]
