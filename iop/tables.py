"""Lists people sort and download: each list's columns declared once, for both.

A `Table` is the list's columns in order, each with its header, how it sorts (a whitelisted ORM
ordering, so `?sortera=` can only ask for what the list offers) and what it writes in a
spreadsheet. The page reads `head` (the header row with its sort links) and `export_links`; the
view calls `order` on its queryset and, when `export_format` names one, answers `export` with
every row of the same filtered, sorted queryset instead of the page.

The rows themselves stay where they are, written as HTML in each view: a table library that
renders each cell through a template would undo that work (see partnerships/views/register.py).
"""

from dataclasses import dataclass, field
from html import escape

from django.db.models import Case, Value, When
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from iop.exports import XLSX_CONTENT_TYPE, csv_text, xlsx_bytes
from iop.table_html import cell_labels

SORT_PARAM = "sortera"
EXPORT_PARAM = "exportera"
PAGE_PARAM = "sida"
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Column:
    """`key` is the column's name in `?sortera=`; `order_by` the ORM ordering it sorts by
    (empty: not sortable); `value` what a row writes in a spreadsheet (None: not exported);
    `shown` False for a column only the spreadsheet has (a period's end, where the page shows
    "start – end" in one cell); `header_hidden` for a header only screen readers need (a
    column of buttons)."""

    key: str
    header: str
    value: object = None
    order_by: tuple = ()
    css: str = ""
    shown: bool = True
    header_hidden: bool = False

    @property
    def sortable(self):
        return bool(self.order_by)


def _ordering(item, descending):
    """A field name ("-name" for descending) or an expression, the other way round if asked."""
    if not isinstance(item, str):
        return item.desc() if descending else item.asc()
    if not descending:
        return item
    return item[1:] if item.startswith("-") else "-" + item


def choice_order(field, choices):
    """An ordering by a field's choices in the order they are declared (a status in its
    lifecycle's order, not the alphabet's)."""
    return Case(
        *(When(**{field: value}, then=Value(index)) for index, value in enumerate(choices.values)),
        default=Value(len(choices.values)),
    )


@dataclass(frozen=True)
class Table:
    """`name`: the file's name (ASCII); `title`: the spreadsheet's sheet. `tiebreak`: the
    ordering after the chosen column's, so a page never shuffles rows that sort equal.
    `default`: the sort the view's own order amounts to (`"-start"`: the column "start",
    descending), marked in the header when nothing was chosen."""

    name: str
    title: str
    columns: tuple
    tiebreak: tuple = ("pk",)
    default: str = ""
    _by_key: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_by_key", {c.key: c for c in self.columns if c.sortable})

    def sorting(self, request):
        """(column, descending) as `?sortera=` asks, or None for a value the list does not
        offer (ignored, as no value is)."""
        asked = request.GET.get(SORT_PARAM, "")
        descending = asked.startswith("-")
        column = self._by_key.get(asked.removeprefix("-"))
        return None if column is None else (column, descending)

    def order(self, request, queryset, keep=()):
        """`queryset` in the order asked for, or as it was when none (or an unknown one) was.
        `keep`: orderings that stay first whatever is asked (Kommande's overdue part)."""
        sorting = self.sorting(request)
        if sorting is None:
            return queryset
        column, descending = sorting
        fields = [_ordering(item, descending) for item in column.order_by]
        return queryset.order_by(*keep, *fields, *self.tiebreak)

    def _shown_sorting(self, request):
        sorting = self.sorting(request)
        if sorting is None and self.default:
            sorting = (self._by_key[self.default.removeprefix("-")], self.default.startswith("-"))
        return sorting

    def _query(self, request, **changes):
        params = request.GET.copy()
        for key in (PAGE_PARAM, EXPORT_PARAM):
            params.pop(key, None)
        for key, value in changes.items():
            params[key] = value
        return "?" + params.urlencode()

    def head(self, request):
        """The header row: each sortable column a link that sorts by it (the other way round
        when it is the sorted one), the sorted one with `aria-sort` and a visible arrow."""
        sorting = self._shown_sorting(request)
        cells = []
        for column in self.columns:
            if not column.shown:
                continue
            css = f' class="{column.css}"' if column.css else ""
            header = escape(str(column.header))
            if column.header_hidden:
                header = f'<span class="visually-hidden">{header}</span>'
            if not column.sortable:
                cells.append(f'<th scope="col"{css}>{header}</th>')
                continue
            if sorting and sorting[0] is column:
                descending = sorting[1]
                state = "descending" if descending else "ascending"
                arrow = "▼" if descending else "▲"
                href = self._query(
                    request, **{SORT_PARAM: column.key if descending else "-" + column.key}
                )
                cells.append(
                    f'<th scope="col" aria-sort="{state}"{css}><a class="sort sorted" '
                    f'href="{escape(href)}">{header}<span class="sort-arrow" aria-hidden="true">'
                    f"{arrow}</span></a></th>"
                )
            else:
                href = self._query(request, **{SORT_PARAM: column.key})
                cells.append(
                    f'<th scope="col"{css}><a class="sort" href="{escape(href)}">{header}</a></th>'
                )
        return mark_safe(f"<thead><tr>{''.join(cells)}</tr></thead>")

    def export_links(self, request):
        """Links to the list as CSV and Excel: every row of the current filter and sort."""
        csv_href = escape(self._query(request, **{EXPORT_PARAM: "csv"}))
        xlsx_href = escape(self._query(request, **{EXPORT_PARAM: "xlsx"}))
        return mark_safe(
            f'<p class="export-links"><a href="{csv_href}" download>{escape(_("Exportera CSV"))}'
            f'</a> <a href="{xlsx_href}" download>{escape(_("Exportera Excel"))}</a></p>'
        )

    def cell_labels(self):
        """` data-label="…"` of each column the page shows, in order, for rows written in Python
        (iop.table_html.cell_labels: the column's name above its cell at 320 px)."""
        return cell_labels(*(column.header for column in self.columns if column.shown))

    def export_format(self, request):
        """ "csv" or "xlsx" when the list is asked for as a file, else None (any other value
        shows the page)."""
        asked = request.GET.get(EXPORT_PARAM)
        return asked if asked in FORMATS else None

    def rows(self, objects):
        exported = [c for c in self.columns if c.value is not None]
        yield [str(c.header) for c in exported]
        for obj in objects:
            yield [c.value(obj) for c in exported]

    def export(self, fmt, objects):
        """A download of `objects` (every row, not a page), through iop/exports.py so that
        nothing typed can start a formula."""
        if fmt == "xlsx":
            content = xlsx_bytes(self.rows(objects), sheet_title=str(self.title))
            response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        else:
            response = HttpResponse(
                csv_text(self.rows(objects)), content_type="text/csv; charset=utf-8"
            )
        filename = f"{self.name}.{fmt}"
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response

    def context(self, request):
        """What a list's template reads: `table.head` and `table.export_links`."""
        return {"head": self.head(request), "export_links": self.export_links(request)}
