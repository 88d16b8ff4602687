"""Writes to governance, one module per subject: `groups` (groups, members, chairs), `meetings`
(meetings, agenda, minutes text, attendance, notice), `minutes` (decisions, votes, follow-up,
approval and correction of the minutes) and `escalations` (escalations and remediation plans).
Import from the module that holds the function."""
