"""What reporting adds to the rest of the product: the partnership page panel, the history
timeline, and the deadlines (report due dates, financial statements, half-year reports, the
annual compilation)."""

from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from partnerships.deadlines import Deadline
from partnerships.extensions import Panel
from reporting.models import (
    ActivityReport,
    AnnualCompilation,
    FinancialStatement,
    HalfYearReport,
    ReportingPeriod,
    Status,
)

HALF_YEAR_REPORT_DAYS = 60
ANNUAL_DUE = (3, 31)  # with the annual report to the committee, in the spring


def reporting_panel(request, partnership):
    counts = ReportingPeriod.objects.filter(partnership=partnership).aggregate(
        periods=Count("pk", distinct=True),
        submitted=Count(
            "activity_reports",
            filter=Q(activity_reports__status=Status.SUBMITTED),
            distinct=True,
        ),
    )
    return Panel(
        anchor="rapportering",
        title=_("Rapportering"),
        template="reporting/panel.html",
        context={"partnership_id": partnership.pk, **counts},
        order=60,
    )


def deadlines(start, end, partnerships):
    """Five queries, whatever the number of partnerships."""
    from partnerships.models import Compensation, Participation

    found = []
    # One query for the ids and the annual compilation's partnership fields.
    listed = list(partnerships.only("pk", "title", "start_date", "end_date"))
    ids = [partnership.pk for partnership in listed]
    ngo_parties = {}
    for party in Participation.objects.filter(
        partnership_id__in=ids, organisation__kind="ngo"
    ).values("partnership_id", "organisation_id"):
        ngo_parties.setdefault(party["partnership_id"], set()).add(party["organisation_id"])
    periods = list(
        ReportingPeriod.objects.filter(partnership_id__in=ids)
        .filter(
            Q(due_date__range=(start, end))
            | Q(end__range=(start - timedelta(days=HALF_YEAR_REPORT_DAYS), end))
        )
        .select_related("partnership")
        # The partnership's title only, not its agreement text, for each of hundreds of periods.
        .only("pk", "partnership_id", "kind", "start", "end", "due_date", "partnership__title")
        .prefetch_related(
            # Only what the deadline needs: not the figures and answers, no ordering joins.
            Prefetch(
                "activity_reports",
                queryset=ActivityReport.objects.only(
                    "pk", "period_id", "organisation_id", "status"
                ).order_by(),
            )
        )
    )
    halfyears = {
        h.period_id: h for h in HalfYearReport.objects.filter(period__in=[p.pk for p in periods])
    }
    portal_url = reverse("portal:home")  # the same for every report (hundreds at 10×)
    for period in periods:
        report_title = _("Verksamhetsrapport %(period)s") % {"period": period}
        submitted = {
            r.organisation_id
            for r in period.activity_reports.all()
            if r.status in (Status.SUBMITTED, Status.ACCEPTED)
        }
        for organisation_id in ngo_parties.get(period.partnership_id, ()):
            found.append(
                Deadline(
                    due=period.due_date,
                    kind="report_due",
                    title=report_title,
                    partnership_id=period.partnership_id,
                    partnership_title=period.partnership.title,
                    organisation_ids=frozenset({organisation_id}),
                    url=portal_url,
                    done=organisation_id in submitted,
                )
            )
        if period.kind == ReportingPeriod.Kind.HALF_YEAR:
            half = halfyears.get(period.pk)
            found.append(
                Deadline(
                    due=period.end + timedelta(days=HALF_YEAR_REPORT_DAYS),
                    kind="half_year_report",
                    title=_("Samverkansgruppens halvårsrapport %(period)s") % {"period": period},
                    partnership_id=period.partnership_id,
                    partnership_title=period.partnership.title,
                    organisation_ids=frozenset({-1}),  # staff only
                    url=reverse("reporting:partnership", args=[period.partnership_id]),
                    done=bool(half and half.status == HalfYearReport.State.SENT),
                )
            )
    # Financial statement before each new agreement year: due the last day of the year.
    compensations = Compensation.objects.filter(
        annex__partnership_id__in=ids, period_end__range=(start, end)
    ).select_related("annex__participation", "annex__partnership")
    statements = {
        (s["annex_id"], s["year_start"])
        for s in FinancialStatement.objects.filter(
            annex__partnership_id__in=ids, status__in=[Status.SUBMITTED, Status.ACCEPTED]
        ).values("annex_id", "year_start")
    }
    for compensation in compensations:
        annex = compensation.annex
        found.append(
            Deadline(
                due=compensation.period_end,
                kind="financial_statement_due",
                title=_("Ekonomisk redovisning %(annex)s") % {"annex": annex},
                partnership_id=annex.partnership_id,
                partnership_title=annex.partnership.title,
                organisation_ids=frozenset({annex.participation.organisation_id}),
                url=reverse("reporting:annex_statements", args=[annex.pk]),
                done=(annex.pk, compensation.period_start) in statements,
            )
        )
    # Annual compilation: for each year a partnership ran, due in the spring after.
    done = set(
        AnnualCompilation.objects.filter(partnership_id__in=ids).values_list(
            "partnership_id", "year"
        )
    )
    for partnership in listed:
        for year in range(partnership.start_date.year, partnership.end_date.year + 1):
            due = date(year + 1, *ANNUAL_DUE)
            if start <= due <= end:
                found.append(
                    Deadline(
                        due=due,
                        kind="annual_compilation_due",
                        title=_("Årlig sammanställning %(year)s") % {"year": year},
                        partnership_id=partnership.pk,
                        partnership_title=partnership.title,
                        organisation_ids=frozenset({-1}),
                        url=reverse("reporting:partnership", args=[partnership.pk]),
                        done=(partnership.pk, year) in done,
                    )
                )
    return found


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
    from reporting.services import current_template, template_create

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


def _by_partnership(field):
    return lambda pk: Q(**{field: pk})


def register():
    from partnerships.deadlines import register_deadline_source
    from partnerships.extensions import register_panel
    from partnerships.history import register_source
    from reporting.demo import load_reporting_demo
    from reporting.models import BudgetLine, ReportTemplate

    register_panel(reporting_panel)
    from governance.hooks import register_decision_hook

    register_decision_hook("report_contents", set_report_template)
    register_deadline_source(deadlines)
    try:
        from partnerships.demo import register_demo_loader
    except ImportError:  # demo_data.py not merged yet on this branch
        pass
    else:
        register_demo_loader(load_reporting_demo)
    from partnerships.history import annex_ids_ever

    register_source(
        ReportTemplate,
        _by_partnership("partnership_id"),
        label=lambda row, fk: _("Rapportmall version %(v)s") % {"v": row.version},
    )
    register_source(
        ReportingPeriod,
        _by_partnership("partnership_id"),
        label=lambda row, fk: f"{row.start:%Y-%m-%d} – {row.end:%Y-%m-%d}",
    )
    register_source(
        BudgetLine,
        lambda pk: Q(annex_id__in=annex_ids_ever(pk)),
        label=lambda row, fk: row.label,
    )
    register_source(
        AnnualCompilation,
        _by_partnership("partnership_id"),
        label=lambda row, fk: _("Årlig sammanställning %(year)s") % {"year": row.year},
    )


def resync_reporting_grants():
    """Grant every organisation's group its reports, statements and feedback again."""
    from partnerships.access import grant_to_organisation
    from reporting.models import ActivityReport, FeedbackEntry
    from reporting.services import FEEDBACK_PERMS, REPORT_PERMS, STATEMENT_PERMS

    for report in ActivityReport.objects.all():
        grant_to_organisation(report.organisation_id, REPORT_PERMS, report)
    for statement in FinancialStatement.objects.select_related("annex__participation"):
        grant_to_organisation(
            statement.annex.participation.organisation_id, STATEMENT_PERMS, statement
        )
    for entry in FeedbackEntry.objects.all():
        grant_to_organisation(entry.organisation_id, FEEDBACK_PERMS, entry)
