"""Staff manage representatives' accounts: invite by e-mail, deactivate, reactivate."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from iop.views_helpers import form_data, paginate
from partnerships.permissions import administration_required
from reporting.accounts import (
    managed_accounts,
    representative_activate,
    representative_deactivate,
    representative_invite,
)
from reporting.forms import InviteForm


@administration_required
def account_list(request):
    users = (
        managed_accounts()
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "username")
    )
    return render(request, "reporting/account_list.html", {"page": paginate(request, users, 50)})


@administration_required
@require_http_methods(["GET", "POST"])
def account_invite(request):
    form = InviteForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        user = representative_invite(actor=request.user, **form.cleaned_data)
        messages.success(
            request, _("En inbjudan är skickad till %(email)s.") % {"email": user.email}
        )
        return redirect("reporting:account_list")
    return render(
        request, "reporting/form.html", {"form": form, "title": _("Bjud in en företrädare")}
    )


@administration_required
@require_POST
def account_toggle(request, pk):
    user = get_object_or_404(managed_accounts(), pk=pk)
    if user.is_active:
        representative_deactivate(user, actor=request.user)
        messages.success(request, _("Kontot är inaktiverat och utloggat."))
    else:
        representative_activate(user, actor=request.user)
        messages.success(request, _("Kontot är aktiverat igen."))
    return redirect("reporting:account_list")
