"""Where a group decision reaches the rest of the product: the follow-up of each decision type.

A decision of type change_commitments, new_party, termination or report_contents starts work in
the agreement's lifecycle (an amendment, a joining, the termination step) or in reporting (the
report template). `governance.services.minutes.decision_record` calls `start_follow_up` inside its
transaction, after the decision and its votes are saved. A follow-up that returns something
truthy marks the decision's follow-up done; otherwise it stays pending, with the note the
follow-up left in `decision.follow_up_note` saying what staff must do. A type without a
follow-up stays pending and shows in the decisions register, so nothing is silently dropped.
A refused lifecycle step never undoes the decision: it runs in a savepoint and becomes the note.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from governance.models import Decision, RemediationPlan
from partnerships.models import Amendment, LifecycleStep, Notice, Participation, Partnership
from partnerships.services.amendments import amendment_create
from partnerships.services.parties import notice_give
from partnerships.tabs import section_url
from reporting.decisions import set_report_template
from reporting.models import ReportTemplate


def _partnership(decision):
    return decision.item.group.partnership


def _label(decision):
    meeting = decision.item.meeting
    return _("%(group)s %(date)s § %(number)s") % {
        "group": meeting.group.name,
        "date": meeting.date.isoformat(),
        "number": decision.item.number,
    }


def _message(exc):
    return " ".join(str(m) for m in exc.messages)


def _pending(decision, note, *, actor, reason):
    """Leave the follow-up pending with `note` (decision_record saves it)."""
    decision.follow_up_note = note
    return None


def start_amendment(decision, *, actor, reason):
    """change_commitments: a draft amendment with the decision behind it; staff choose what it
    changes and send it for signature."""
    partnership = _partnership(decision)
    amendment = amendment_create(
        partnership=partnership,
        title=_("Ändrade åtaganden enligt %(decision)s") % {"decision": _label(decision)},
        background=decision.text,
        # A draft must propose a value: it starts from the purpose as it reads today, and staff
        # choose the commitment or bilaga and its new wording before sending it for signature.
        target=Amendment.Target.PARTNERSHIP,
        changes={"purpose": partnership.purpose},
        steering_decision=decision,
        actor=actor,
        reason=reason,
    )
    # Saved with the follow-up "done" that decision_record records for a truthy return.
    decision.follow_up_note = _(
        "Utkast till %(amendment)s skapat. Välj vad som ändras och skicka det för underskrift."
    ) % {"amendment": amendment}
    return amendment


def join_url(decision):
    """The join form with the decision (and the proposed organisation, if any) filled in."""
    url = reverse("governance:party_join", args=[_partnership(decision).pk])
    url += f"?beslut={decision.pk}"
    organisation = proposed_organisation(decision)
    if organisation is not None:
        url += f"&organisation={organisation.pk}"
    return url


def proposed_organisation(decision):
    escalation = decision.item.escalation
    return escalation.proposed_organisation if escalation is not None else None


def start_joining(decision, *, actor, reason):
    """new_party: the joining needs the day the party accepts all conditions, which the decision
    does not hold, so it stays a pending follow-up that staff complete in the join form (which
    marks it done). The note names the proposed organisation when the decision came from the
    cooperation group's proposal, or asks staff to choose one."""
    organisation = proposed_organisation(decision)
    if organisation is None:
        note = _(
            "Beslutet anger inte vilken organisation som ska inträda. Välj organisationen och "
            "ange när den accepterade samtliga villkor i formuläret för ny part."
        )
    else:
        note = _(
            "%(org)s ska inträda som ny part. Ange när organisationen accepterade samtliga "
            "villkor i formuläret för ny part."
        ) % {"org": organisation.name}
    return _pending(decision, note, actor=actor, reason=reason)


def _failed_plan_parties(decision, partnership):
    """Current parties whose latest remediation plan in the deciding group was rejected."""
    latest = {}
    for plan in RemediationPlan.objects.filter(group=decision.item.group).order_by("due_on", "pk"):
        latest[plan.organisation_id] = plan
    failed = {
        org_id: plan
        for org_id, plan in latest.items()
        if plan.status == RemediationPlan.Status.REJECTED
    }
    parties = (
        Participation.objects.current(decision.item.meeting.date)
        .filter(partnership=partnership, organisation_id__in=failed)
        .select_related("organisation")
    )
    return [(party, failed[party.organisation_id]) for party in parties]


def start_termination(decision, *, actor, reason):
    """termination: after a rejected remediation plan, the steering group terminates that party
    (notice with the plan's due date as remedy deadline); otherwise the whole partnership is
    given notice (active → terminating). Anything ambiguous or refused stays pending."""
    partnership = _partnership(decision)
    given_on = decision.item.meeting.date
    failed = _failed_plan_parties(decision, partnership)
    if len(failed) > 1:
        names = ", ".join(party.organisation.name for party, _plan in failed)
        return _pending(
            decision,
            _(
                "Flera parter har underkända åtgärdsplaner (%(names)s). Registrera uppsägningen "
                "av rätt part under Uppsägning."
            )
            % {"names": names},
            actor=actor,
            reason=reason,
        )
    try:
        with transaction.atomic():
            if failed:
                party, plan = failed[0]
                notice = notice_give(
                    partnership=partnership,
                    kind=Notice.Kind.TERMINATION,
                    participation=party,
                    given_on=given_on,
                    remedy_deadline=plan.due_on,
                    steering_decision=decision,
                    actor=actor,
                    reason=decision.text,
                )
            else:
                # The status the dates gave on the day of the meeting, not the stored one: an
                # agreement whose end had passed was ended then.
                status = partnership.status_on(given_on)
                if status != Partnership.Status.ACTIVE:
                    raise ValidationError(
                        _("Partnerskapet har status %(status)s och kan inte sägas upp.")
                        % {"status": str(status.label).lower()}
                    )
                notice = notice_give(
                    partnership=partnership,
                    kind=Notice.Kind.PARTNERSHIP,
                    given_on=given_on,
                    steering_decision=decision,
                    actor=actor,
                    reason=decision.text,
                )
    except ValidationError as exc:
        return _pending(
            decision,
            _("Uppsägningen kunde inte registreras: %(error)s") % {"error": _message(exc)},
            actor=actor,
            reason=reason,
        )
    decision.follow_up_note = _("%(notice)s registrerad, gäller från %(day)s.") % {
        "notice": notice.get_kind_display(),
        "day": notice.effective_on.isoformat(),
    }
    return notice


# What each decision type starts; a type missing here (general) starts nothing.
FOLLOW_UPS = {
    Decision.Type.CHANGE_COMMITMENTS: start_amendment,
    Decision.Type.NEW_PARTY: start_joining,
    Decision.Type.TERMINATION: start_termination,
    Decision.Type.REPORT_CONTENTS: set_report_template,
}


def start_follow_up(decision, *, actor, reason):
    """Start what the decision's type calls for; truthy when that follow-up is done."""
    follow_up = FOLLOW_UPS.get(decision.type)
    return follow_up(decision, actor=actor, reason=reason) if follow_up else None


def started_by(decision):
    """(label, url) for what the decision started in the lifecycle and reporting, for the
    decision page. Four queries."""
    partnership_id = decision.item.group.partnership_id
    rows = []
    for amendment in Amendment.objects.filter(steering_decision=decision):
        rows.append((str(amendment), amendment.get_absolute_url()))
    detail = section_url(partnership_id, "livscykel")  # where notices and steps are listed
    for notice in Notice.objects.filter(steering_decision=decision).select_related(
        "participation__organisation"
    ):
        label = notice.get_kind_display()
        if notice.participation_id:
            label = f"{label}: {notice.participation.organisation.name}"
        rows.append((f"{label} ({notice.effective_on:%Y-%m-%d})", detail))
    for step in LifecycleStep.objects.filter(steering_decision=decision):
        rows.append((str(step), detail))
    for template in ReportTemplate.objects.filter(steering_decision=decision):
        rows.append((str(template), reverse("reporting:partnership", args=[partnership_id])))
    return rows
