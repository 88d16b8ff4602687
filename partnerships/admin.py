import copy

from django.contrib import admin
from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _

from iop.admin import HistoryAdmin, RefusedDeletionInlineFormSet
from partnerships.models import (
    TERMS_LOCKED_MESSAGE,
    Annex,
    Clause,
    Commitment,
    Compensation,
    Goal,
    Organisation,
    Participation,
    Partnership,
)


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    list_display = ["name", "kind", "org_number", "bankgiro", "plusgiro"]
    list_filter = ["kind"]
    search_fields = ["name", "org_number"]


class TermsLockedForm:
    """Refuses a row that is added to, or moved into, a signed agreement's terms (a goal or a
    section of a signed partnership, a commitment or a compensation of a locked bilaga): the
    row's own fields are read-only once locked (below), but its parent is chosen on the form."""

    def _post_clean(self):
        super()._post_clean()
        if self.instance.pk is not None and not self.has_changed():
            return
        row = copy.copy(self.instance)
        row.__dict__.pop("terms_locked", None)  # Annex caches it, for the parent it had
        try:
            locked = row.terms_locked
        except ObjectDoesNotExist:  # no parent chosen: the form's own error says so
            return
        if locked:
            self.add_error(None, TERMS_LOCKED_MESSAGE)


class TermsLockedAdminMixin:
    """A signed agreement's terms (`terms_locked` on the row) are shown, not changed, here:
    they change through an amendment, and a slip through a rättelse in the staff pages, each
    recorded as such."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (TermsLockedForm, form), {})

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.terms_locked:  # an inline's `obj` is its parent
            fields += [
                f.name
                for f in self.model._meta.fields
                if f.editable and not f.primary_key and f.name not in fields
            ]
        return fields

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.terms_locked:
            return False
        return super().has_delete_permission(request, obj)


class TermsLockedInlineMixin(TermsLockedAdminMixin):
    """The same for the rows shown inside their partnership or bilaga (`obj` is that parent)."""

    def has_add_permission(self, request, obj=None):
        if obj is not None and obj.terms_locked:
            return False
        return super().has_add_permission(request, obj)


# Stacked, not tabular, inlines: Django's tabular inline gives its inputs no label (the column
# heading is not tied to them) and points aria-describedby at help texts it does not render, so a
# screen reader reads them without a name (tests/browser/test_axe_every_page.py, admin pages).
class GoalInline(TermsLockedInlineMixin, admin.StackedInline):
    model = Goal
    extra = 0


class ClauseInline(TermsLockedInlineMixin, admin.StackedInline):
    model = Clause
    extra = 0


# Plain selects for organisation and partnership here and in ParticipationAdmin, not
# autocomplete_fields: select2 hides the labelled select behind a combobox named only by the value
# it shows, and by nothing while empty.
class ParticipationInline(admin.StackedInline):
    model = Participation
    extra = 0
    fields = ["organisation", "unit", "joined_on", "left_on", "leave_reason"]
    # Leaving is a step of Participation.lifecycle (a notice, through the notice page), which
    # sets the day and the reason together: neither is edited here alone.
    readonly_fields = ["left_on", "leave_reason"]


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
class PartnershipAdmin(TermsLockedAdminMixin, HistoryAdmin):
    list_display = ["title", "registration_number", "current_status", "start_date", "end_date"]
    list_filter = [CurrentStatusFilter, "extension_kind", "start_date"]
    search_fields = ["title", "registration_number", "participations__organisation__name"]
    date_hierarchy = "start_date"
    # The register's page size (iop.views_helpers.paginate): the two lists show the same rows,
    # and the admin's page costs the same whatever the number of partnerships.
    list_per_page = 25
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
    # With the lifecycle's field (HistoryAdmin): the leaving step sets all three together.
    readonly_fields = ["left_on", "leave_note"]


class CommitmentInline(TermsLockedInlineMixin, admin.StackedInline):
    model = Commitment
    extra = 0


class CompensationInline(TermsLockedInlineMixin, admin.StackedInline):
    model = Compensation
    extra = 0
    formset = RefusedDeletionInlineFormSet


@admin.register(Annex)
class AnnexAdmin(TermsLockedAdminMixin, HistoryAdmin):
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
class CommitmentAdmin(TermsLockedAdminMixin, HistoryAdmin):
    list_display = ["title", "annex", "order"]
    list_select_related = ["annex"]
    search_fields = ["title", "description", "annex__title"]


@admin.register(Compensation)
class CompensationAdmin(TermsLockedAdminMixin, HistoryAdmin):
    list_display = ["annex", "period_start", "period_end", "amount"]
    list_select_related = ["annex"]
    search_fields = ["annex__title"]


@admin.register(Goal)
class GoalAdmin(TermsLockedAdminMixin, HistoryAdmin):
    list_display = ["text", "partnership", "order"]
    search_fields = ["text"]


@admin.register(Clause)
class ClauseAdmin(TermsLockedAdminMixin, HistoryAdmin):
    list_display = ["heading", "partnership", "order"]
    search_fields = ["heading", "body"]
