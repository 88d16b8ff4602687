"""Admin for fixing governance data; every save asks for a reason. Chair draws are read-only:
changing a recorded lottery would defeat its purpose."""

from django.contrib import admin

from governance.models import (
    AgendaItem,
    Attendance,
    ChairDraw,
    ChairTerm,
    Decision,
    Escalation,
    Group,
    GroupMember,
    Meeting,
    Minutes,
    RemediationPlan,
    RotationOrder,
    Vote,
)
from iop.admin import HistoryAdmin


# Stacked, not tabular, inlines: Django's tabular inline gives its inputs no label (the column
# heading is not tied to them) and points aria-describedby at help texts it does not render, so a
# screen reader reads them without a name (tests/browser/test_axe_every_page.py, admin pages).
class MemberInline(admin.StackedInline):
    model = GroupMember
    extra = 0
    fields = ["name", "email", "user", "organisation", "unit", "role", "from_date", "to_date"]


@admin.register(Group)
class GroupAdmin(HistoryAdmin):
    list_display = ["name", "kind", "partnership", "chair_selection"]
    list_filter = ["kind", "chair_selection"]
    list_select_related = ["partnership"]
    inlines = [MemberInline]


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = ["group", "date", "start_time", "status"]
    list_filter = ["status"]
    list_select_related = ["group"]
    date_hierarchy = "date"


@admin.register(Decision)
class DecisionAdmin(HistoryAdmin):
    list_display = ["item", "type", "outcome", "follow_up"]
    list_filter = ["type", "outcome", "follow_up"]
    list_select_related = ["item"]
    search_fields = ["text"]


@admin.register(ChairDraw)
class ChairDrawAdmin(admin.ModelAdmin):
    list_display = ["group", "term_start", "result", "run_by", "run_at"]
    list_select_related = ["group", "result", "run_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


for model in (
    GroupMember,
    ChairTerm,
    RotationOrder,
    AgendaItem,
    Attendance,
    Minutes,
    Vote,
    Escalation,
    RemediationPlan,
):
    admin.site.register(model, HistoryAdmin)
