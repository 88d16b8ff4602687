from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Styrning och samverkan")

    def ready(self):
        from django.db.models import Q

        from governance import demo, panels
        from governance.deadlines import governance_deadlines
        from governance.models import Decision, Group, GroupMember, Meeting
        from governance.portal import meetings_section, remediation_section
        from partnerships.deadlines import register_deadline_source
        from partnerships.demo import register_demo_loader
        from partnerships.extensions import register_panel
        from partnerships.history import register_source
        from reporting.portal import register_portal_section

        register_portal_section(remediation_section)
        register_portal_section(meetings_section)
        register_deadline_source(
            governance_deadlines,
            kinds={
                "chair_term_end": _("Ordförandes mandat löper ut"),
                "meeting_due": _("Möte ska hållas"),
                "remediation_plan_due": _("Åtgärdsplan ska lämnas"),
            },
        )
        register_panel(panels.groups_panel)
        register_demo_loader(demo.load_governance_demo)
        register_source(Group, lambda pk: Q(partnership_id=pk))
        register_source(GroupMember, lambda pk: Q(group__partnership_id=pk), label=_member_label)
        register_source(Meeting, lambda pk: Q(group__partnership_id=pk), label=_meeting_label)
        register_source(
            Decision, lambda pk: Q(item__group__partnership_id=pk), label=_decision_label
        )


def _member_label(row, fk_labels):
    return row.name


def _meeting_label(row, fk_labels):
    return str(_("Möte %(date)s") % {"date": row.date.isoformat()})


def _decision_label(row, fk_labels):
    return row.text[:80]
