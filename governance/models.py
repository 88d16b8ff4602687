# Steering and cooperation groups, meetings, minutes and decisions: see the governance issue.
