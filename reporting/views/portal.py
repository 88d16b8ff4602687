"""The account pages NGO representatives use from outside, and one partnership as they see it
(their home page is iop/pages/portal.py)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from iop import oidc
from iop.accounts.services import may_activate
from iop.enrolment import grant_enrolment
from partnerships.current_ends import set_current_ends
from partnerships.models import Annex, Compensation, Goal, Participation, Partnership
from partnerships.permissions import get_partnership_for_user, visible_annexes


class ActivateView(auth_views.PasswordResetConfirmView):
    """The invitation link: the same signed token as a password reset, a welcoming page.

    It opens only an account that has never had a password or an eID (an invitation), so a
    password reset link cannot be used here to log in. With an eID provider configured, the
    person may instead bind their eID to the account and sign in with it from then on. Choosing the password logs the person in and, since the
    link came by e-mail to them alone, lets this session connect their authenticator app at once:
    the link is the second proof the first app needs (iop.mfa)."""

    template_name = "registration/activate.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        if user is None or not may_activate(user):
            return None
        return user

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["eid_provider"] = oidc.providers().get("eid")
        return context

    def post(self, request, *args, **kwargs):
        # "Aktivera med e-legitimation": the eID login that follows binds its identity to this
        # account instead of a password (iop.oidc); the link was checked by dispatch.
        if "eid" in request.POST and oidc.providers().get("eid"):
            oidc.bind_at_activation(request, self.user)
            return redirect("oidc:start", provider="eid")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        super().form_valid(form)
        grant_enrolment(self.request)
        if settings.IOP_REQUIRE_MFA:
            messages.success(
                self.request,
                _("Kontot är aktiverat. Koppla nu en autentiseringsapp, så är kontot klart."),
            )
            return redirect("mfa:setup")
        messages.success(self.request, _("Kontot är aktiverat. Välkommen till IOP!"))
        return redirect("home")


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
