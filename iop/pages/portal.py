"""The NGO representative's portal home, top to bottom: the reports to write and the financial
statements (reporting), the remediation plans asked of the organisation and the next meetings of
its groups (governance), its upcoming dates (every app's deadlines, iop/deadlines.py), and its
partnerships with their bilagor and compensations (partnerships, reporting)."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone

from governance.portal import meetings_section, remediation_section
from iop.deadlines import deadlines_between
from partnerships.current_ends import period_events, set_current_ends
from partnerships.deadlines import DeadlineScope
from partnerships.models import Annex, Commitment, Participation, Partnership
from partnerships.permissions import is_administration, visible_annexes, visible_partnerships
from reporting import portal

DEADLINE_DAYS = 120
AGREEMENT_TEXTS = (
    "background",
    "purpose",
    "target_group",
    "basis",
    "values",
    "gender_perspective",
    "information_dissemination",
    "confidentiality",
)


def _participations(user):
    """The organisation's participations with their partnerships (not their agreement texts),
    whether the user may see each, and the bilagor the user may see with their commitments."""
    visible = visible_partnerships(user, Partnership.objects.all()).filter(
        pk=OuterRef("partnership_id")
    )
    # A participation's bilagor are of one partnership and a bilaga's commitments of one
    # bilaga: ordered by number and order alone, as the models' orderings would order them,
    # without joining the partnership and the bilaga only to sort by them.
    annexes = visible_annexes(user, Annex.objects.order_by("number", "pk")).prefetch_related(
        Prefetch("commitments", queryset=Commitment.objects.order_by("order", "pk"))
    )
    return list(
        Participation.objects.filter(organisation_id=user.organisation_id)
        .select_related("partnership", "organisation")
        .defer(*(f"partnership__{name}" for name in AGREEMENT_TEXTS))
        .annotate(partnership_visible=Exists(visible))
        .prefetch_related(Prefetch("annexes", queryset=annexes))
        .order_by("-partnership__start_date")
    )


@login_required
def portal_home(request):
    """Twelve queries however many partnerships: the organisation's participations are read once
    (with their partnerships, and whether the organisation may see each, so that the guardian
    lookup runs once) and serve as the deadline scope; its periods with its reports and its
    compensations are read once for the lists here and for its deadlines; the governance
    section shares its remediation plans with the governance deadlines.
    """
    if is_administration(request.user):
        return redirect("partnerships:list")
    user = request.user
    today = timezone.localdate()
    participations = _participations(user)
    if participations:
        # The header shows the organisation: the one read with the participations.
        user.organisation = participations[0].organisation
    seen = {}
    for participation in participations:
        if participation.partnership_visible:
            seen.setdefault(participation.partnership_id, participation.partnership)
    scope = DeadlineScope(list(seen.values()), user=user)
    start, end = today, today + timedelta(days=DEADLINE_DAYS)
    page = portal.PortalPage(
        organisation=user.organisation,
        participations=participations,
        scope=scope,
        today=today,
        deadline_start=start,
        deadline_end=end,
    )
    to_write = portal.reports_to_write(page)
    statements = portal.open_statements(user)
    sections = [
        section
        for section in (remediation_section(request, page), meetings_section(request, page))
        if section
    ]
    deadlines = deadlines_between(start, end, partnerships=scope, user=user)
    portal.attach_compensations(page)
    # The end dates as the partnership page computes them, from one query for the notices and
    # extensions of every partnership listed, with an extension rule or not (the same number of
    # queries whatever the agreements say). Not the lifecycle deadlines' union: the upcoming
    # dates come from the stored deadlines, and it adds the payments and costs more to build.
    partnerships = [p.partnership for p in participations]
    set_current_ends(partnerships, known=period_events({p.pk for p in partnerships}))
    return render(
        request,
        "portal/home.html",
        {
            "participations": participations,
            "to_write": to_write,
            "statements": statements,
            "sections": sections,
            "deadlines": deadlines,
            "today": today,
        },
    )
