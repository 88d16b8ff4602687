"""The admin of accounts and access: users (ticking Aktiv or resetting the second factor goes
through the account services, so it is recorded with who and why), their events (read only),
groups, and the second-factor devices (which cannot be deleted here)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm as DjangoUserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from iop.accounts.models import AccountEvent, User
from iop.accounts.services import (
    representative_activate,
    representative_deactivate,
    second_factor_reset,
)

# Plain multiple selects for groups and permissions, not Django's two-box filter: its script
# leaves the field's label pointing at the select it replaced, and puts an aria-label on a <span>,
# where ARIA allows none (axe: aria-prohibited-attr).
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DjangoGroupAdmin):
    filter_horizontal = ()


class UserChangeForm(DjangoUserChangeForm):
    """Asks why when "Aktiv" is ticked or unticked: the answer goes into the account's events,
    as it does when staff deactivate or reactivate an account outside the admin."""

    account_reason = forms.CharField(
        label=_("Anledning till att kontot aktiveras eller inaktiveras"),
        required=False,
        max_length=500,
        help_text=_("Behövs bara när du ändrar Aktiv. Sparas med kontots händelser."),
    )

    reset_second_factor = forms.BooleanField(
        label=_("Nollställ tvåfaktorsinloggning"),
        required=False,
        help_text=_(
            "Tar bort personens autentiseringsapp och reservkoder och loggar ut kontot. Vid nästa "
            "inloggning får personen en kod till sin e-post och kopplar en ny app."
        ),
    )
    second_factor_reason = forms.CharField(
        label=_("Anledning till att tvåfaktorsinloggningen nollställs"),
        required=False,
        max_length=500,
        help_text=_("Sparas med kontots händelser."),
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("reset_second_factor") and not (
            cleaned_data.get("second_factor_reason", "").strip()
        ):
            self.add_error(
                "second_factor_reason",
                _(
                    "Skriv varför tvåfaktorsinloggningen nollställs. Anledningen sparas med "
                    "kontots händelser."
                ),
            )
        if "is_active" in self.changed_data and not cleaned_data.get("account_reason", "").strip():
            self.add_error(
                "account_reason",
                _(
                    "Skriv varför kontot aktiveras eller inaktiveras. Anledningen sparas med kontots händelser."
                ),
            )
        return cleaned_data


def _with_account_reason(fieldsets):
    """Django's user fieldsets with the reason right after "is_active"."""
    return tuple(
        (
            title,
            {
                **options,
                "fields": [
                    name
                    for field in options["fields"]
                    for name in ((field, "account_reason") if field == "is_active" else (field,))
                ],
            },
        )
        for title, options in fieldsets
    )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeForm
    filter_horizontal = ()
    list_display = ["username", "get_full_name", "email", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active", "is_staff", "organisation"]
    list_select_related = ["organisation"]
    fieldsets = _with_account_reason(DjangoUserAdmin.fieldsets) + (
        (_("IOP"), {"fields": ["role", "organisation", "title"]}),
        (
            _("Tvåfaktorsinloggning"),
            {"fields": ["reset_second_factor", "second_factor_reason"]},
        ),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("IOP"), {"fields": ["role", "organisation", "email"]}),
    )

    def save_model(self, request, obj, form, change):
        # Ticking "Aktiv" goes through the same service as the staff pages' deactivate and
        # activate, so the admin's change is recorded as an AccountEvent and a deactivation ends
        # the account's sessions. The service runs first, locking the account; the rest of the
        # form is saved after it, in the admin's transaction.
        if change and "is_active" in form.changed_data:
            service = representative_activate if obj.is_active else representative_deactivate
            reason = _("Ändrat i administrationen: %(reason)s") % {
                "reason": form.cleaned_data["account_reason"].strip()
            }
            try:
                service(obj, actor=request.user, reason=reason)
            except ValidationError as exc:
                # Someone else made the same change since this request read the account: it is
                # already as asked, and their event is the one on record.
                messages.warning(request, " ".join(exc.messages))
        super().save_model(request, obj, form, change)
        if change and form.cleaned_data.get("reset_second_factor"):
            # The same service as the staff pages' reset: recorded with who and why.
            reason = _("Ändrat i administrationen: %(reason)s") % {
                "reason": form.cleaned_data["second_factor_reason"].strip()
            }
            try:
                second_factor_reset(obj, actor=request.user, reason=reason)
            except ValidationError as exc:
                messages.warning(request, " ".join(exc.messages))


# A person's second factor is removed through the user form's "Nollställ tvåfaktorsinloggning",
# which records who did it and why; deleting a device here would record neither.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


@admin.register(TOTPDevice)
class AppDeviceAdmin(TOTPDeviceAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StaticDevice)
class RecoveryCodesAdmin(StaticDeviceAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccountEvent)
class AccountEventAdmin(admin.ModelAdmin):
    """Read only: the record of who invited, deactivated or reactivated an account, or reset its
    second factor, and why."""

    list_display = ["at", "user", "action", "actor", "reason"]
    list_filter = ["action"]
    list_select_related = ["user", "actor"]
    search_fields = ["user__username", "user__last_name", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
