"""The partnerships app's pages, one module per subject: register (the list and a partnership's
agreement text, goals, clauses, parties), annexes, organisations, lifecycle (steps, committee
cases, joining and leaving, extensions, as it stood), amendments (with signatures), money."""

from partnerships.tabs import section_url

FORM = "partnerships/form.html"


def back_to(partnership, anchor):
    """The tab (and section) of the partnership page that the form was opened from: where a
    save returns and where "Avbryt" leads."""
    return section_url(partnership.pk, anchor)
