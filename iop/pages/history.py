"""The history timeline of a partnership: whose changes it shows, read by
partnerships.history.timeline.Timeline in one query over all of them."""

from governance import history as governance_history
from partnerships.history import sources as partnership_history
from partnerships.history.timeline import Timeline
from partnerships.permissions import administration_required, get_partnership_for_user
from partnerships.tabs import render_tab
from reporting import history as reporting_history

SOURCES = (
    # The agreement: text, goals, parties, bilagor, commitments, compensation.
    *partnership_history.SOURCES,
    # Its lifecycle: steps, committee cases, notices, amendments, signatures, money.
    *partnership_history.LIFECYCLE_SOURCES,
    # Governance: groups, members, meetings, decisions.
    *governance_history.SOURCES,
    # Reporting: report templates, reporting periods, budget lines, compilations.
    *reporting_history.SOURCES,
)


def timeline(partnership):
    return Timeline(partnership, SOURCES)


def partnership_timeline(partnership, limit=None):
    """The newest `limit` entries (all when None)."""
    entries = timeline(partnership)
    return entries[: limit if limit else entries.count()]


@administration_required
def partnership_history(request, pk):
    partnership = get_partnership_for_user(request, pk)
    page = timeline(partnership).page(request.GET.get("sida"), per_page=50)
    return render_tab(
        request, partnership, "historik", "partnerships/partnership_history.html", {"page": page}
    )
