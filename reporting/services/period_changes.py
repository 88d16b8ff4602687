"""Corrections to a reporting period: its dates changed, or the period removed, each with a
reason, while no report in it has been submitted. Every function runs in one transaction (the
stored deadlines follow the period's save or delete in it, iop.deadlines) and records who and
why."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from iop.history import delete_with_history, save_with_history
from partnerships.grants import revoke_from_organisation
from reporting.models import ReportingPeriod
from reporting.services.reports import REPORT_PERMS


def _locked(period):
    """The period read again under a row lock, so two corrections (or a report submitted
    meanwhile) are decided one after the other."""
    return (
        ReportingPeriod.objects.select_for_update().select_related("partnership").get(pk=period.pk)
    )


def _require_changeable(period):
    if refusal := period.change_refusal():
        raise ValidationError(refusal)


@transaction.atomic
def period_change(period, *, start, end, due_date, actor, reason) -> ReportingPeriod:
    """New dates for the period; refused once a report in it is submitted, or when the new
    dates overlap another period of the partnership (`ReportingPeriod.clean` names it)."""
    period = _locked(period)
    _require_changeable(period)
    period.start, period.end, period.due_date = start, end, due_date
    return save_with_history(
        period, actor=actor, reason=_("Perioden ändrad: %(reason)s") % {"reason": reason}
    )


def removal_refusal(period):
    """Why the period may not be removed ("" when it may): `change_refusal`, or feedback and
    complaints the organisations recorded for it."""
    if refusal := period.change_refusal():
        return refusal
    feedback = period.feedback_entries.select_related("organisation").first()
    if feedback is not None:
        return _(
            "Perioden %(period)s kan inte tas bort: %(org)s har registrerat synpunkter och "
            "klagomål för den."
        ) % {"period": period, "org": feedback.organisation.name}
    return ""


@transaction.atomic
def period_remove(period, *, actor, reason):
    """Remove the period with the drafts started in it (the organisations' unsent activity
    reports and the group's unsent half-year report); refused as `removal_refusal` says."""
    period = _locked(period)
    if refusal := removal_refusal(period):
        raise ValidationError(refusal)
    why = _("Perioden borttagen: %(reason)s") % {"reason": reason}
    for report in period.activity_reports.all():
        revoke_from_organisation(report.organisation_id, REPORT_PERMS, report)
        delete_with_history(report, actor=actor, reason=why)
    half_year = getattr(period, "half_year_report", None)
    if half_year is not None:
        delete_with_history(half_year, actor=actor, reason=why)
    delete_with_history(period, actor=actor, reason=why)
    return period.partnership
