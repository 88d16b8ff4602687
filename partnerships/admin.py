from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from iop.admin import HistoryAdmin
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


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    filter_horizontal = ()
    list_display = ["username", "get_full_name", "email", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active", "is_staff", "organisation"]
    list_select_related = ["organisation"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("IOP"), {"fields": ["role", "organisation", "title"]}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("IOP"), {"fields": ["role", "organisation", "email"]}),
    )


@admin.register(AccountEvent)
class AccountEventAdmin(admin.ModelAdmin):
    """Read only: the record of who invited, deactivated or reactivated an account, and why."""

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


@admin.register(Partnership)
class PartnershipAdmin(HistoryAdmin):
    list_display = ["title", "registration_number", "status", "start_date", "end_date"]
    list_filter = ["status", "extension_kind", "start_date"]
    search_fields = ["title", "registration_number", "participations__organisation__name"]
    date_hierarchy = "start_date"
    inlines = [ParticipationInline, GoalInline, ClauseInline]
    # Status moves only through the lifecycle (partnerships.states), which records each step.
    readonly_fields = ["status"]


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
