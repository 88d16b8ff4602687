"""The NGO representative's home page and the account pages they use from outside."""

from datetime import timedelta

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone

from partnerships.deadlines import deadlines_between
from partnerships.models import Annex, Compensation, Participation
from partnerships.permissions import is_administration, visible_annexes
from reporting.models import ActivityReport, FinancialStatement, ReportingPeriod, Status
from reporting.permissions import visible_periods, visible_reports, visible_statements
from reporting.portal import sections_for

DEADLINE_DAYS = 120


@login_required
def portal_home(request):
    if is_administration(request.user):
        return redirect("partnerships:list")
    user = request.user
    today = timezone.localdate()
    annexes = visible_annexes(user, Annex.objects.all()).prefetch_related(
        "commitments",
        Prefetch("compensations", queryset=Compensation.objects.order_by("period_start")),
    )
    participations = (
        Participation.objects.filter(organisation_id=user.organisation_id)
        .select_related("partnership", "organisation")
        .prefetch_related(Prefetch("annexes", queryset=annexes))
        .order_by("-partnership__start_date")
    )
    # The list below is shown too: read it once and pick the current parties from it.
    participations = list(participations)
    current_partnerships = [p.partnership_id for p in participations if p.is_current(today)]
    periods = list(
        visible_periods(user, ReportingPeriod.objects.select_related("partnership"))
        .filter(
            partnership_id__in=current_partnerships, end__lte=today + timedelta(days=DEADLINE_DAYS)
        )
        .order_by("due_date")
    )
    reports = {
        r.period_id: r
        for r in visible_reports(
            user,
            # Only the periods listed, not every report the organisation ever wrote.
            ActivityReport.objects.filter(
                organisation_id=user.organisation_id, period__in=[p.pk for p in periods]
            ).order_by(),
        )
    }
    to_write = [
        {"period": period, "report": reports.get(period.pk)}
        for period in periods
        if reports.get(period.pk) is None or reports[period.pk].status != Status.ACCEPTED
    ]
    statements = list(
        visible_statements(user, FinancialStatement.objects.select_related("annex"))
        .exclude(status=Status.ACCEPTED)
        .order_by("year_start")
    )
    return render(
        request,
        "portal/home.html",
        {
            "participations": participations,
            "to_write": to_write,
            "statements": statements,
            "deadlines": deadlines_between(today, today + timedelta(days=DEADLINE_DAYS), user=user),
            "today": today,
            "sections": sections_for(request),
        },
    )


class ActivateView(auth_views.PasswordResetConfirmView):
    """The invitation link: the same signed token as a password reset, a welcoming page."""

    template_name = "registration/activate.html"
    success_url = reverse_lazy("password_reset_complete")
    post_reset_login = False


@login_required
def portal_partnership(request, pk):
    """What a partnership shares with all its parties (agreement text, goals, parties), and of
    the bilagor only the representative's own."""
    from partnerships.models import Goal, Participation, Partnership
    from partnerships.permissions import get_partnership_for_user

    partnership = get_partnership_for_user(
        request,
        pk,
        Partnership.objects.prefetch_related(
            Prefetch("goals", queryset=Goal.objects.order_by("order", "pk")),
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("organisation").order_by(
                    "-organisation__kind", "organisation__name"
                ),
            ),
            "clauses",
        ),
    )
    annexes = visible_annexes(
        request.user, Annex.objects.filter(partnership=partnership)
    ).prefetch_related(
        "commitments",
        Prefetch("compensations", queryset=Compensation.objects.order_by("period_start")),
    )
    return render(
        request,
        "portal/partnership.html",
        {"partnership": partnership, "annexes": annexes},
    )
