"""What a steering-group decision on report contents makes in reporting (called by
governance/follow_ups.py: governance builds on reporting, reporting never imports governance)."""

from django.utils.translation import gettext as _

from reporting.services.periods import current_template, template_create

TEMPLATE_FIELDS = (
    "require_gender",
    "age_bands",
    "ask_country",
    "custom_counts",
    "questions",
    "ask_feedback",
    "ask_followup",
)


def set_report_template(decision, *, actor, reason):
    """A steering-group decision on what reports must contain (report_contents) becomes a new
    version of the partnership's report template linked to the decision; its contents start as
    the current version's (or the defaults) and staff adjust them in the template form, which
    keeps the link. Reports already started keep their version."""

    partnership = decision.item.group.partnership
    current = current_template(partnership)
    fields = {name: getattr(current, name) for name in TEMPLATE_FIELDS} if current else {}
    meeting = decision.item.meeting
    template = template_create(
        partnership=partnership,
        decision=_("%(group)s %(date)s § %(number)s")
        % {
            "group": meeting.group.name,
            "date": meeting.date.isoformat(),
            "number": decision.item.number,
        },
        steering_decision=decision,
        actor=actor,
        reason=reason,
        **fields,
    )
    # Saved with the follow-up "done" that decision_record records for a truthy return.
    decision.follow_up_note = _("%(template)s skapad; justera innehållet under Rapportering.") % {
        "template": template
    }
    return template
