"""Att göra: förvaltningen staff's start page, what "/" shows them. Top to bottom, each line a
count, the first few items linking to where each is done, and a link to the whole list:

- the activity reports and the financial statements handed in for review (reporting);
- the agreements and the amendments waiting for signatures, with the parties missing
  (partnerships);
- the last days to give notice or agree an extension coming up, the groups that should meet
  and the overdue dates, read from the stored deadlines (iop/deadlines.py), as Kommande is;
- the drafts the user started: partnerships and amendments whose first version they recorded
  (the history says who; no model stores an author).

A fixed number of queries however many partnerships, reports and meetings there are: each line
is a count and a slice of at most `SHOWN` rows, and the parties missing are read for those
rows only.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from iop.deadlines import stored_between, stored_for
from iop.prepared import url_for_each
from partnerships.models import Amendment, Partnership
from partnerships.permissions import administration_required
from reporting.models import ActivityReport, FinancialStatement, Status

SHOWN = 5  # items listed per line; the count and the link to the whole list tell the rest
PERIOD_DAYS = 60  # notice and extension days this close are listed
MEETING_DAYS = 30  # groups that must meet within this many days (or are late) are listed
# How far back a group's late meeting is still listed: further than Kommande's month, so that a
# group late since spring is not forgotten.
PAST_DAYS = 365
PERIOD_KINDS = ("notice_last_day", "extension_agreement_last_day")
MEETING_KIND = "meeting_due"


@dataclass
class Item:
    url: str
    text: str
    note: str = ""


@dataclass
class Line:
    """One line of the page: a heading with its count, the first items, the whole list."""

    anchor: str
    title: str
    count: int
    items: list = field(default_factory=list)
    more_url: str = ""
    more_label: str = ""
    empty: str = ""

    @property
    def rest(self):
        """ "och 7 till" when the items are only some of them (a line without items, the
        overdue count, says its number in its heading)."""
        rest = self.count - len(self.items)
        if not self.items or rest <= 0:
            return ""
        return ngettext("och %(n)s till", "och %(n)s till", rest) % {"n": rest}


# --- reporting -------------------------------------------------------------------------------


def reports_line():
    reports = ActivityReport.objects.awaiting_review()
    count = reports.count()
    first = (
        reports.select_related("organisation", "period__partnership")
        .only(
            "organisation__name",
            "period__start",
            "period__end",
            "period__partnership__title",
            "submitted_at",
        )
        .order_by("submitted_at", "pk")[:SHOWN]
        if count
        else []
    )
    url = url_for_each("reporting:report_detail")
    items = [
        Item(
            url(report.pk),
            f"{report.organisation.name}: {report.period.partnership.title}",
            f"{report.period.start.isoformat()} – {report.period.end.isoformat()}",
        )
        for report in first
    ]
    return Line(
        anchor="rapporter",
        title=_("Verksamhetsrapporter att granska"),
        count=count,
        items=items,
        more_url=reverse("reporting:report_list") + "?" + urlencode({"status": Status.SUBMITTED}),
        more_label=_("Alla inskickade rapporter"),
        empty=_("Inga rapporter väntar på granskning."),
    )


def statements_line():
    statements = FinancialStatement.objects.awaiting_review()
    count = statements.count()
    first = (
        statements.select_related("annex__participation__organisation", "annex__partnership")
        .only(
            "year_start",
            "year_end",
            "annex__participation__organisation__name",
            "annex__partnership__title",
        )
        .order_by("submitted_at", "pk")[:SHOWN]
        if count
        else []
    )
    url = url_for_each("reporting:statement_detail")
    items = [
        Item(
            url(statement.pk),
            f"{statement.annex.participation.organisation.name}: "
            f"{statement.annex.partnership.title}",
            f"{statement.year_start.isoformat()} – {statement.year_end.isoformat()}",
        )
        for statement in first
    ]
    # No list of every statement exists to link to: what is not listed is counted (`rest`).
    return Line(
        anchor="redovisningar",
        title=_("Ekonomiska redovisningar att granska"),
        count=count,
        items=items,
        empty=_("Inga ekonomiska redovisningar väntar på granskning."),
    )


# --- partnerships ----------------------------------------------------------------------------


def _missing_note(parties):
    names = ", ".join(party.organisation.name for party in parties)
    return _("saknas: %(parties)s") % {"parties": names} if names else ""


def signatures_line(today):
    """The agreements decided and not yet signed, then the amendments sent for signature, each
    with the current parties whose signature is missing (the models' own rule)."""
    agreements = Partnership.objects.awaiting_signatures()
    amendments = Amendment.objects.awaiting_signatures()
    counts = {"agreements": agreements.count(), "amendments": amendments.count()}
    first_agreements = (
        list(agreements.only("pk", "title").order_by("title", "pk")[:SHOWN])
        if counts["agreements"]
        else []
    )
    first_amendments = (
        list(
            amendments.select_related("partnership")
            .only("pk", "number", "title", "partnership_id", "partnership__title")
            .order_by("partnership__title", "number", "pk")[:SHOWN]
        )
        if counts["amendments"]
        else []
    )
    missing = Partnership.objects.missing_agreement_signatures(first_agreements, today)
    unsigned = Amendment.objects.unsigned_parties(first_amendments, today)
    amendment_url = url_for_each("partnerships:amendment_detail")
    items = [
        Item(
            reverse("partnerships:section", args=[p.pk, "andringar"]),
            _("Överenskommelsen: %(title)s") % {"title": p.title},
            _missing_note(missing[p.pk]),
        )
        for p in first_agreements
    ]
    items += [
        Item(
            amendment_url(a.pk),
            f"{a}, {a.partnership.title}",
            _missing_note(unsigned[a.pk]),
        )
        for a in first_amendments
    ]
    # The amendments have no list of their own: the register's decided agreements are the
    # whole list of one kind, and what is not listed is counted (`rest`).
    return Line(
        anchor="underskrifter",
        title=_("Underskrifter som saknas"),
        count=counts["agreements"] + counts["amendments"],
        items=items,
        more_url=reverse("partnerships:list")
        + "?"
        + urlencode({"status": Partnership.Status.DECIDED}),
        more_label=_("Alla beslutade överenskommelser i registret"),
        empty=_("Inga överenskommelser eller ändringar väntar på underskrifter."),
    )


def drafts_line(user):
    """ "Mina utkast": the partnerships and amendments in draft whose first version `user`
    recorded."""
    partnerships = Partnership.objects.filter(status=Partnership.Status.DRAFT).started_by(user)
    amendments = Amendment.objects.drafts().started_by(user)
    count = partnerships.count() + amendments.count()
    detail = url_for_each("partnerships:detail")
    amendment_url = url_for_each("partnerships:amendment_detail")
    items = [
        Item(detail(p.pk), p.title, _("Partnerskap"))
        for p in partnerships.only("pk", "title").order_by("title", "pk")[:SHOWN]
    ]
    items += [
        Item(amendment_url(a.pk), str(a), a.partnership.title)
        for a in amendments.select_related("partnership")
        .only("pk", "number", "title", "partnership__title")
        .order_by("partnership__title", "number", "pk")[:SHOWN]
    ]
    return Line(
        anchor="utkast",
        title=_("Mina utkast"),
        count=count,
        items=items,
        more_url=reverse("partnerships:list")
        + "?"
        + urlencode({"status": Partnership.Status.DRAFT}),
        more_label=_("Alla partnerskap i utkast"),
        empty=_("Du har inga utkast."),
    )


# --- the stored deadlines --------------------------------------------------------------------


def _kommande(**params):
    return reverse("deadlines:dashboard") + "?" + urlencode(params)


def _deadline_items(rows):
    return [
        Item(
            row.url or reverse("partnerships:detail", args=[row.partnership_id]),
            row.shown_title,
            f"{row.due.isoformat()} · {row.partnership_title}",
        )
        for row in rows
    ]


def deadline_lines(user, today):
    """The notice and extension days, the meetings due and the overdue dates: the first two
    counted in one query and their first few read in one query each; the overdue counted."""
    period_end = today + timedelta(days=PERIOD_DAYS)
    past = today - timedelta(days=PAST_DAYS)
    meeting_end = today + timedelta(days=MEETING_DAYS)
    rows = stored_between(past, max(period_end, meeting_end), user=user).filter(done=False)
    period_rows = rows.filter(kind__in=PERIOD_KINDS, due__range=(today, period_end))
    meeting_rows = rows.filter(kind=MEETING_KIND, due__range=(past, meeting_end))
    counts = rows.aggregate(
        periods=Count("pk", filter=Q(kind__in=PERIOD_KINDS, due__range=(today, period_end))),
        meetings=Count("pk", filter=Q(kind=MEETING_KIND, due__range=(past, meeting_end))),
    )
    # Kommande's rule and its count: every open overdue date, whatever the days.
    overdue = stored_for(user=user).overdue(today).count()
    periods = list(period_rows.in_list_order()[:SHOWN]) if counts["periods"] else []
    meetings = list(meeting_rows.in_list_order()[:SHOWN]) if counts["meetings"] else []
    return [
        Line(
            anchor="uppsagning-forlangning",
            title=_("Uppsägnings- och förlängningsdagar inom %(days)s dagar")
            % {"days": PERIOD_DAYS},
            count=counts["periods"],
            items=_deadline_items(periods),
            more_url=_kommande(start=today.isoformat(), end=period_end.isoformat()),
            more_label=_("Alla datum till och med %(day)s i Kommande")
            % {"day": period_end.isoformat()},
            empty=_(
                "Inga sista dagar för uppsägning eller förlängning de närmaste %(days)s dagarna."
            )
            % {"days": PERIOD_DAYS},
        ),
        Line(
            anchor="moten",
            title=_("Grupper som ska mötas"),
            count=counts["meetings"],
            items=_deadline_items(meetings),
            more_url=_kommande(
                kind=MEETING_KIND, start=past.isoformat(), end=meeting_end.isoformat()
            ),
            more_label=_("Alla möten som ska hållas i Kommande"),
            empty=_("Ingen grupp behöver mötas de närmaste %(days)s dagarna.")
            % {"days": MEETING_DAYS},
        ),
        Line(
            anchor="forsenat",
            title=_("Försenat"),
            count=overdue,
            more_url=_kommande(overdue="on"),
            more_label=_("Se det försenade i Kommande"),
            empty=_("Inget är försenat."),
        ),
    ]


@administration_required
def todo(request):
    """Staff's start page (NGO representatives have their portal's Min sida)."""
    today = timezone.localdate()
    periods, meetings, overdue = deadline_lines(request.user, today)
    lines = [
        reports_line(),
        statements_line(),
        signatures_line(today),
        periods,
        meetings,
        overdue,
        drafts_line(request.user),
    ]
    return render(request, "iop/todo.html", {"lines": lines, "today": today})
