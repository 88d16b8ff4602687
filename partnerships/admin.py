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

from iop.accounts.services import (
    representative_activate,
    representative_deactivate,
    second_factor_reset,
)
from iop.admin import HistoryAdmin, RefusedDeletionInlineFormSet
from partnerships.models import (
    AccountEvent,
    Annex,
    Clause,
    Commitment,
    Compensation,
    Goal,
    Organisation,
    Participation,
    Partnership,
    User,
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


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    list_display = ["name", "kind", "org_number", "bankgiro", "plusgiro"]
    list_filter = ["kind"]
    search_fields = ["name", "org_number"]


# Stacked, not tabular, inlines: Django's tabular inline gives its inputs no label (the column
# heading is not tied to them) and points aria-describedby at help texts it does not render, so a
# screen reader reads them without a name (tests/browser/test_axe_every_page.py, admin pages).
class GoalInline(admin.StackedInline):
    model = Goal
    extra = 0


class ClauseInline(admin.StackedInline):
    model = Clause
    extra = 0


# Plain selects for organisation and partnership here and in ParticipationAdmin, not
# autocomplete_fields: select2 hides the labelled select behind a combobox named only by the value
# it shows, and by nothing while empty.
class ParticipationInline(admin.StackedInline):
    model = Participation
    extra = 0
    fields = ["organisation", "unit", "joined_on", "left_on", "leave_reason"]
    # Leaving is a step of Participation.lifecycle (a notice, through the notice page).
    readonly_fields = ["leave_reason"]


class CurrentStatusFilter(admin.SimpleListFilter):
    """The status as the register shows and filters it (`Partnership.status_on`)."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Partnership.Status.choices

    def queryset(self, request, queryset):
        if self.value() in Partnership.Status.values:
            return queryset.in_status(self.value())
        return queryset


@admin.register(Partnership)
class PartnershipAdmin(HistoryAdmin):
    list_display = ["title", "registration_number", "current_status", "start_date", "end_date"]
    list_filter = [CurrentStatusFilter, "extension_kind", "start_date"]
    search_fields = ["title", "registration_number", "participations__organisation__name"]
    date_hierarchy = "start_date"
    inlines = [ParticipationInline, GoalInline, ClauseInline]
    # Status moves only through the lifecycle (partnerships.states), which records each step.
    readonly_fields = ["status"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_effective_status()

    @admin.display(description=_("status"), ordering="effective_status")
    def current_status(self, partnership):
        return partnership.current_status.label


@admin.register(Participation)
class ParticipationAdmin(HistoryAdmin):
    list_display = ["organisation", "partnership", "joined_on", "left_on", "leave_reason"]
    list_filter = ["leave_reason", "organisation__kind"]
    list_select_related = ["organisation", "partnership"]
    search_fields = ["organisation__name", "partnership__title", "partnership__registration_number"]


class CommitmentInline(admin.StackedInline):
    model = Commitment
    extra = 0


class CompensationInline(admin.StackedInline):
    model = Compensation
    extra = 0
    formset = RefusedDeletionInlineFormSet


@admin.register(Annex)
class AnnexAdmin(HistoryAdmin):
    list_display = [
        "title",
        "number",
        "registration_number",
        "partnership",
        "start_date",
        "end_date",
    ]
    list_select_related = ["partnership"]
    search_fields = ["title", "registration_number", "partnership__title"]
    list_filter = ["partnership"]
    inlines = [CommitmentInline, CompensationInline]
    raw_id_fields = ["participation"]

    def get_readonly_fields(self, request, obj=None):
        # The party is chosen once (see AnnexForm): its grants and documents follow it.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "participation"] if obj is not None else fields


@admin.register(Commitment)
class CommitmentAdmin(HistoryAdmin):
    list_display = ["title", "annex", "order"]
    list_select_related = ["annex"]
    search_fields = ["title", "description", "annex__title"]


@admin.register(Compensation)
class CompensationAdmin(HistoryAdmin):
    list_display = ["annex", "period_start", "period_end", "amount"]
    list_select_related = ["annex"]
    search_fields = ["annex__title"]


@admin.register(Goal)
class GoalAdmin(HistoryAdmin):
    list_display = ["text", "partnership", "order"]
    search_fields = ["text"]


@admin.register(Clause)
class ClauseAdmin(HistoryAdmin):
    list_display = ["heading", "partnership", "order"]
    search_fields = ["heading", "body"]
