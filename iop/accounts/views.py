"""Staff manage representatives' accounts: invite by e-mail, deactivate, reactivate, reset the
second factor (each after a confirmation page that asks why)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from iop.accounts.forms import AccountStatusForm, InviteForm, SecondFactorResetForm
from iop.accounts.models import AccountEvent
from iop.accounts.services import (
    managed_accounts,
    representative_activate,
    representative_deactivate,
    representative_invite,
    second_factor_reset,
)
from iop.tables import Column, Table
from iop.views_helpers import form_data, paginate
from partnerships.permissions import administration_required


def _with_second_factor(accounts):
    """`accounts` with `has_second_factor`: an app or recovery codes to reset."""
    return accounts.annotate(
        has_second_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
        | Exists(StaticDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
    )


def _account_state(account):
    """What the list's status column says of an account."""
    if not account.is_active:
        return _("Inaktiverat")
    return _("Inbjuden") if not account.has_usable_password() else _("Aktivt")


ACCOUNT_TABLE = Table(
    name="konton",
    title=gettext_lazy("Företrädarnas konton"),
    columns=(
        Column("namn", gettext_lazy("Namn"), str, ("last_name", "first_name", "username")),
        Column("e-post", gettext_lazy("E-post"), lambda a: a.email, ("email",)),
        Column(
            "organisation",
            gettext_lazy("Organisation"),
            lambda a: a.organisation.name if a.organisation else "",
            ("organisation__name",),
        ),
        Column("status", gettext_lazy("Status"), _account_state, ("-is_active",)),
        Column("atgard", gettext_lazy("Åtgärd"), header_hidden=True),
    ),
    tiebreak=("organisation__name", "last_name", "username", "pk"),
    default="organisation",
)


@administration_required
def account_list(request):
    users = (
        _with_second_factor(managed_accounts())
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "account_events",
                queryset=AccountEvent.objects.select_related("actor"),
                to_attr="events",
            )
        )
        .order_by("organisation__name", "last_name", "username")
    )
    users = ACCOUNT_TABLE.order(request, users)
    if fmt := ACCOUNT_TABLE.export_format(request):
        return ACCOUNT_TABLE.export(fmt, users)
    return render(
        request,
        "accounts/account_list.html",
        {"page": paginate(request, users, 50), "table": ACCOUNT_TABLE.context(request)},
    )


@administration_required
@require_http_methods(["GET", "POST"])
def account_invite(request):
    form = InviteForm(form_data(request))
    back = reverse("accounts:list")
    if request.method == "POST" and form.is_valid():
        user = representative_invite(
            actor=request.user, site_url=request.build_absolute_uri("/"), **form.cleaned_data
        )
        messages.success(
            request, _("En inbjudan är skickad till %(email)s.") % {"email": user.email}
        )
        return redirect(back)
    return render(
        request,
        "reporting/form.html",
        {"form": form, "title": _("Bjud in en företrädare"), "cancel_url": back},
    )


@administration_required
@require_http_methods(["GET", "POST"])
def account_toggle(request, pk):
    """GET: what deactivating (or reactivating) the account will do, asking why. POST: do it."""
    account = get_object_or_404(managed_accounts().select_related("organisation"), pk=pk)
    deactivate = account.is_active
    form = AccountStatusForm(
        form_data(request), initial={"active": account.is_active}, deactivate=deactivate
    )
    if request.method == "POST" and form.is_valid():
        shown_active = form.cleaned_data["active"]
        if shown_active is not None:
            deactivate = shown_active
        service = representative_deactivate if deactivate else representative_activate
        try:
            service(account, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            # Someone changed the account since the page was shown: nothing was done.
            messages.error(request, " ".join(exc.messages))
        else:
            if deactivate:
                messages.success(request, _("Kontot är inaktiverat och utloggat."))
            else:
                messages.success(request, _("Kontot är aktiverat igen."))
        return redirect("accounts:list")
    events = account.account_events.select_related("actor")
    title = _("Inaktivera kontot") if deactivate else _("Aktivera kontot igen")
    return render(
        request,
        "accounts/account_toggle.html",
        {
            "account": account,
            "deactivate": deactivate,
            "form": form,
            "events": events,
            "title": title,
        },
    )


@administration_required
@require_http_methods(["GET", "POST"])
def account_second_factor_reset(request, pk):
    """GET: what resetting the person's second factor does, asking why. POST: do it."""
    account = get_object_or_404(
        _with_second_factor(managed_accounts()).select_related("organisation"), pk=pk
    )
    form = SecondFactorResetForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            second_factor_reset(account, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _(
                    "Tvåfaktorsinloggningen för %(name)s är nollställd och kontot utloggat. "
                    "Vid nästa inloggning får personen en kod till sin e-post och kopplar en ny app."
                )
                % {"name": account},
            )
        return redirect("accounts:list")
    return render(
        request,
        "accounts/account_second_factor_reset.html",
        {
            "account": account,
            "form": form,
            "events": account.account_events.select_related("actor"),
            "title": _("Nollställ tvåfaktorsinloggning"),
        },
    )
