"""Table rows written in Python (the register's, the portal's, the overview's...): what their
cells share with the templates' cells."""

from django.utils.html import escape


def cell_labels(*headers):
    """` data-label="…"` for each column header given (translated), escaped, in order. Below
    45rem a table row is a block and each cell is headed by its column's name
    (static/css/app.css, "Reflow: 320 px"): the cell carries the header as the templates' cells
    do, `<td{label}>`. Made once a page, not once a row."""
    return [f' data-label="{escape(header)}"' for header in headers]
