from governance.models.decisions import Decision, Escalation, RemediationPlan, Vote
from governance.models.groups import ChairDraw, ChairTerm, Group, GroupMember, RotationOrder
from governance.models.meetings import AgendaItem, Attendance, Meeting, Minutes

__all__ = [
    "AgendaItem",
    "Attendance",
    "ChairDraw",
    "ChairTerm",
    "Decision",
    "Escalation",
    "Group",
    "GroupMember",
    "Meeting",
    "Minutes",
    "RemediationPlan",
    "RotationOrder",
    "Vote",
]
