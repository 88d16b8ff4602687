"""The NGO representative's side: their own organisation's partnerships and bilagor."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render

from partnerships.models import Annex, Participation
from partnerships.permissions import is_administration


@login_required
def portal_home(request):
    if is_administration(request.user):
        return redirect("partnerships:list")
    participations = (
        Participation.objects.filter(organisation_id=request.user.organisation_id)
        .select_related("partnership", "organisation")
        .prefetch_related(
            Prefetch(
                "annexes",
                queryset=Annex.objects.prefetch_related("commitments", "compensations"),
            )
        )
        .order_by("-partnership__start_date")
    )
    return render(request, "portal/home.html", {"participations": participations})
