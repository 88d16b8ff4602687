from governance.models.chairs import ChairDraw, ChairTerm, RotationOrder
from governance.models.decisions import Decision, Escalation, RemediationPlan, Vote
from governance.models.groups import Group, GroupMember
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
