"""The partnership page, tab by tab, and where each section comes from.

Översikt: the period and what is due next, the parties and the bilagor (partnerships, in the
template), then the groups and their meetings (governance), the reporting counts (reporting) and
how much history there is (the timeline of iop/pages/history.py).
Livscykel och beslut: lifecycle and period, committee cases (partnerships).
Ändringar och underskrifter: amendments and signatures (partnerships).
Ekonomi: compensation and payments by party and year, co-financing (partnerships).
Avtalstext is partnerships' own view; Historik is iop/pages/history.py.
"""

from django.db.models import Count, DateField, OuterRef, Subquery, Sum
from django.http import Http404
from django.utils import timezone

from governance.panels import groups_panel
from iop.pages.history import timeline
from iop.prepared import Param, PreparedQuery, url_for_each
from partnerships import panels, period_rules
from partnerships.models import Annex, Compensation, Extension, Notice
from partnerships.permissions import administration_required, get_partnership_for_user
from partnerships.tabs import OVERVIEW, render_tab
from reporting.panels import reporting_panel

# The panels of each tab, in the order they are shown. The overview's come after its own
# period, parties and bilagor.
TAB_PANELS = {
    OVERVIEW: (groups_panel, reporting_panel),
    "livscykel": (panels.lifecycle_panel, panels.committee_panel),
    "andringar": (panels.amendments_panel,),
    "ekonomi": (panels.money_panel,),
}


def _panels(request, partnership, tab):
    return [panel for show in TAB_PANELS[tab] if (panel := show(request, partnership))]


def _overview_annexes():
    """The partnership's bilagor, each with its party, its number of commitments and this
    year's compensation, so the overview needs no query per bilaga."""
    today = Param("today", DateField())
    this_year = (
        Compensation.objects.filter(
            annex=OuterRef("pk"), period_start__lte=today, period_end__gte=today
        )
        .order_by()
        .values("annex")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return (
        Annex.objects.filter(partnership_id=Param("partnership"))
        .select_related("participation__organisation")
        .annotate(
            commitment_count=Count("commitments", distinct=True),
            compensation_this_year=Subquery(this_year),
        )
        .order_by("number", "pk")
    )


# The overview's fixed queries, compiled once (iop/prepared.py).
OVERVIEW_ANNEXES = PreparedQuery(_overview_annexes)
NOTICES = PreparedQuery(
    lambda: Notice.objects.filter(partnership_id=Param("partnership")).order_by("given_on", "pk")
)
EXTENSIONS = PreparedQuery(
    lambda: Extension.objects.filter(partnership_id=Param("partnership")).order_by("made_on", "pk")
)


@administration_required
def partnership_detail(request, pk):
    """The overview tab."""
    partnership = get_partnership_for_user(request, pk)
    today = timezone.localdate()
    notices = NOTICES.list(partnership=partnership.pk)
    extensions = EXTENSIONS.list(partnership=partnership.pk)
    changes, last_change = timeline(partnership).summary()
    # Each row's links made here, each kind of link reversed once (iop/prepared.py).
    organisation_url = url_for_each("partnerships:organisation_detail")
    edit_url = url_for_each("partnerships:participation_edit")
    parties = panels.parties_of(partnership)
    for participation in parties:
        participation.organisation_url = organisation_url(participation.organisation_id)
        participation.edit_url = edit_url(participation.pk)
        participation.left = participation.has_left(today)
    annex_url = url_for_each("partnerships:annex_detail")
    annexes = OVERVIEW_ANNEXES.list(partnership=partnership.pk, today=today)
    for annex in annexes:
        annex.url = annex_url(annex.pk)
    return render_tab(
        request,
        partnership,
        OVERVIEW,
        "partnerships/partnership_detail.html",
        {
            "period": period_rules.summary(partnership, today, notices, extensions),
            "parties": parties,
            "annexes": annexes,
            "panels": _panels(request, partnership, OVERVIEW),
            "changes": changes,
            "last_change": last_change,
        },
    )


@administration_required
def partnership_section(request, pk, tab):
    """A tab made only of panels (lifecycle, amendments, economy)."""
    if tab == OVERVIEW or tab not in TAB_PANELS:
        raise Http404
    partnership = get_partnership_for_user(request, pk)
    return render_tab(
        request,
        partnership,
        tab,
        "partnerships/partnership_section.html",
        {"panels": _panels(request, partnership, tab)},
    )
