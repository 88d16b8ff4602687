"""Writes to activity reports: started, saved as a draft, submitted, returned and accepted. Every
function runs in one transaction and records who and why; the organisation's group gets its
object permissions on the report it starts."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from iop.concurrency import UNCHECKED, check_version
from iop.history import save_with_history
from partnerships.grants import grant_to_organisation
from partnerships.transitions import transition
from reporting.models import ActivityReport, ActivityReportVersion, Status
from reporting.services.periods import current_template, require_party_during
from reporting.validation import parse_report

REPORT_PERMS = ["reporting.view_activityreport", "reporting.change_activityreport"]


# --- Activity reports --------------------------------------------------------------------


@transaction.atomic
def report_start(*, period, organisation, actor, reason="") -> ActivityReport:
    """The organisation's report for the period, created (against the current template) the
    first time someone opens it; refused for a period in which the organisation was not a party
    (a former party keeps the reports it started)."""
    existing = ActivityReport.objects.filter(period=period, organisation=organisation).first()
    if existing:
        return existing
    require_party_during(period, organisation)
    template = current_template(period.partnership)
    if template is None:
        raise ValidationError(_("Partnerskapet har ingen rapportmall ännu."))
    report = save_with_history(
        ActivityReport(period=period, organisation=organisation, template=template),
        actor=actor,
        reason=reason or _("Rapporten påbörjad"),
    )
    grant_to_organisation(organisation.pk, REPORT_PERMS, report)
    return report


def _require_editable(report):
    if not report.is_editable:
        raise ValidationError(
            _("Rapporten är %(status)s och kan inte ändras.")
            % {"status": report.get_status_display().lower()}
        )


@transaction.atomic
def report_save_draft(
    report, *, raw, actor, reason="", version=UNCHECKED, labels=None
) -> ActivityReport:
    """Keep exactly what was typed, valid or not. With `version` (from the form), refused if a
    colleague saved the report after it was opened: nothing of theirs is overwritten."""
    if version is not UNCHECKED:
        check_version(report, version, labels=labels)
    _require_editable(report)
    report.draft = {key: str(value)[:20000] for key, value in raw.items()}
    return save_with_history(report, actor=actor, reason=reason or _("Utkast sparat"))


@transaction.atomic
def report_submit(
    report, *, raw, actor, reason="", version=UNCHECKED, labels=None
) -> ActivityReport:
    if version is not UNCHECKED:
        check_version(report, version, labels=labels)
    _require_editable(report)
    figures, answers, errors = parse_report(report.template, raw)
    if errors:
        raise ValidationError(errors)
    transition(
        report,
        "submit",
        actor=actor,
        reason=reason or _("Inskickad"),
        fields={
            "figures": figures,
            "answers": answers,
            "draft": {},
            "return_comment": report.return_comment if report.status == Status.RETURNED else "",
        },
    )
    number = report.versions.count() + 1
    save_with_history(
        ActivityReportVersion(
            report=report,
            number=number,
            figures=figures,
            answers=answers,
            submitted_by=actor,
            submitted_at=report.submitted_at,
        ),
        actor=actor,
        reason=_("Inskickad version %(n)s") % {"n": number},
    )
    return report


@transaction.atomic
def report_return(report, *, comment, actor, reason="") -> ActivityReport:
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Skriv vad som behöver kompletteras.")})
    return transition(
        report,
        "return",
        actor=actor,
        reason=reason or comment,
        fields={"return_comment": comment.strip()},
    )


@transaction.atomic
def report_accept(report, *, actor, reason="") -> ActivityReport:
    return transition(report, "accept", actor=actor, reason=reason or _("Rapporten godkänd"))
