"""The account pages NGO representatives use from outside, and one partnership as they see it
(their home page is iop/pages/portal.py)."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.urls import reverse_lazy

from partnerships.models import Annex, Compensation, Goal, Participation, Partnership
from partnerships.period_ends import set_current_ends
from partnerships.permissions import get_partnership_for_user, visible_annexes


class ActivateView(auth_views.PasswordResetConfirmView):
    """The invitation link: the same signed token as a password reset, a welcoming page."""

    template_name = "registration/activate.html"
    success_url = reverse_lazy("password_reset_complete")
    post_reset_login = False


@login_required
def portal_partnership(request, pk):
    """What a partnership shares with all its parties (agreement text, goals, parties), and of
    the bilagor only the representative's own."""
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
    set_current_ends([partnership])
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
