"""The governance pages, one module per subject: `groups` (groups, members, chairs), `meetings`
(meetings, agenda, attendance, notice, minutes PDF), `minutes` (decisions, the decisions register,
approval and correction of the minutes) and `escalations` (escalations and remediation plans)."""
