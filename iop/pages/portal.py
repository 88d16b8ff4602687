"""The NGO representative's portal home, top to bottom: the reports to write and the financial
statements (reporting), the remediation plans asked of the organisation and the next meetings of
its groups (governance), its upcoming dates (every app's deadlines, iop/deadlines.py), and its
partnerships with their bilagor and compensations (partnerships, reporting)."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from governance.portal import meetings_section, remediation_section
from iop.deadlines import deadlines_between
from iop.prepared import InParam, Param, PreparedQuery, Viewer, url_for_each
from iop.table_html import cell_labels
from iop.templatetags.iop import kr
from partnerships.current_ends import period_events, set_current_ends
from partnerships.deadlines import DeadlineScope
from partnerships.models import Annex, Participation, Partnership
from partnerships.models.deadlines import is_late
from partnerships.permissions import is_administration, visible_annexes, visible_partnerships
from reporting import portal

DEADLINE_DAYS = 120
AGREEMENT_TEXTS = Partnership.PUBLIC_TEXT_FIELDS  # the agreement's long text fields


def _organisation_participations():
    visible = visible_partnerships(Viewer(), Partnership.objects.all()).filter(
        pk=OuterRef("partnership_id")
    )
    return (
        Participation.objects.filter(organisation_id=Param("organisation"))
        .select_related("partnership", "organisation")
        .defer(*(f"partnership__{name}" for name in AGREEMENT_TEXTS))
        .annotate(partnership_visible=Exists(visible))
        .order_by("-partnership__start_date")
    )


# The bilagor the viewer may see with their commitments (a LEFT JOIN: a bilaga without one is a
# row too), in the models' orderings: a participation's bilagor are of one partnership and a
# bilaga's commitments of one bilaga, so the number and the order alone order them, without
# joining the partnership only to sort by it.
def _visible_annexes():
    return (
        visible_annexes(
            Viewer(), Annex.objects.filter(InParam("participation_id", "participations"))
        )
        .order_by("number", "pk", "commitments__order", "commitments__pk")
        .values_list(
            "pk",
            "participation_id",
            "number",
            "title",
            "registration_number",
            "commitments__pk",
            "commitments__title",
        )
    )


# Compiled once per process (iop/prepared.py), narrowed by the models' own `visible_to`.
PARTICIPATIONS = PreparedQuery(_organisation_participations)
ANNEXES = PreparedQuery(_visible_annexes)


class PortalAnnex:
    """What the portal shows of a bilaga: its number, title and registration number, its
    commitments' titles and (attach_compensations) its compensations."""

    __slots__ = (
        "pk",
        "number",
        "title",
        "registration_number",
        "commitments",
        "portal_compensations",
    )

    def __init__(self, pk, number, title, registration_number):
        self.pk, self.number, self.title = pk, number, title
        self.registration_number = registration_number
        self.commitments = []
        self.portal_compensations = []

    def __str__(self):  # as Annex.__str__
        return _("Bilaga %(number)s: %(title)s") % {"number": self.number, "title": self.title}


def _participations(user):
    """The organisation's participations with their partnerships (not their agreement texts),
    whether the user may see each, and (`portal_annexes`) the bilagor the user may see with
    their commitments' titles. Two prepared queries."""
    viewer = Viewer.values(user)
    participations = PARTICIPATIONS.list(**viewer)
    annexes = {}
    by_participation = {}
    for participation in participations:
        participation.portal_annexes = by_participation[participation.pk] = []
    if participations:
        rows = ANNEXES.rows(**viewer, participations=list(by_participation))
        for pk, participation_id, number, title, registration, commitment, text in rows:
            annex = annexes.get(pk)
            if annex is None:
                annex = annexes[pk] = PortalAnnex(pk, number, title, registration)
                by_participation[participation_id].append(annex)
            if commitment is not None:
                annex.commitments.append(text)
    return participations


def _to_write_rows(request, to_write, today):
    """The rows of "Rapporter att skriva", written here with every value escaped rather than
    in the template: a dozen lookups, tags and translations a row were a good part of the
    page's time."""
    if not to_write:
        return ""
    csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(get_token(request))}">'
    extra = f" ({escape(_('extra'))})"
    not_started = escape(_("Inte påbörjad"))
    show = escape(_("Visa"))
    go_on, write = escape(_("Fortsätt skriva")), escape(_("Skriv rapport"))
    title_at, period_at, due_at, status_at = cell_labels(
        _("Partnerskap"), _("Period"), _("Sista dag"), _("Status")
    )
    start_url = url_for_each("reporting:report_start")
    report_url = url_for_each("reporting:report_detail")
    rows = []
    for item in to_write:
        period, report = item["period"], item["report"]
        title = escape(period.partnership.title)
        start = period.start.isoformat()
        submitted = report is not None and not report.is_editable
        overdue = " status-overdue" if is_late(period.due_date, today, done=submitted) else ""
        if report:
            status = escape(report.status)
            state = (
                f'<span class="status status-{status}">{escape(report.get_status_display())}</span>'
            )
        else:
            state = not_started
        if report and not report.is_editable:
            action = f'<a href="{report_url(report.pk)}">{show}</a>'
        else:
            action = (
                f'<form method="post" action="{start_url(period.pk)}">{csrf}'
                f'<button type="submit" class="button-secondary">{go_on if report else write}'
                f'<span class="visually-hidden"> {title} {start}</span></button></form>'
            )
        rows.append(
            f"<tr><td{title_at}>{title}</td>"
            f'<td class="nowrap"{period_at}>{start} – {period.end.isoformat()}'
            f"{extra if period.kind == 'extra' else ''}</td>"
            f'<td class="nowrap{overdue}"{due_at}>{period.due_date.isoformat()}</td>'
            f"<td{status_at}>{state}</td><td>{action}</td></tr>"
        )
    return mark_safe("\n".join(rows))


def _statement_items(statements):
    """The open financial statements as list items (see `_to_write_rows`)."""
    url = url_for_each("reporting:statement_detail")
    return mark_safe(
        "".join(
            f'<li><a href="{url(statement.pk)}">{escape(statement.annex)}: {escape(statement)}</a>'
            f" – {escape(statement.get_status_display())}</li>"
            for statement in statements
        )
    )


def _deadline_items(deadlines):
    """ "Mina kommande datum" as list items (see `_to_write_rows`)."""
    items = []
    for deadline in deadlines:
        title = escape(deadline.shown_title)
        if deadline.url:
            title = f'<a href="{escape(deadline.url)}">{title}</a>'
        items.append(
            f'<li><span class="nowrap">{deadline.due.isoformat()}</span> – {title}'
            f' <span class="muted">{escape(deadline.partnership_title)}</span></li>'
        )
    return mark_safe("\n".join(items))


def _partnership_cards(participations):
    """ "Mina partnerskap och bilagor": a card for each participation with its bilagor, their
    commitments and compensations (see `_to_write_rows`)."""
    registration = escape(_("Diarienummer"))
    dnr = escape(_("dnr"))
    statements = escape(_("Ekonomisk redovisning"))
    partnership_url = url_for_each("portal:partnership")
    statements_url = url_for_each("reporting:annex_statements")
    cards = []
    for participation in participations:
        partnership = participation.partnership
        parts = [
            '<article class="card">',
            f'  <h3><a href="{partnership_url(participation.partnership_id)}">'
            f"{escape(partnership.title)}</a></h3>",
            f'  <p class="muted">{registration} {escape(partnership.registration_number_shown)}'
            f" · {partnership.start_date.isoformat()} – {partnership.current_end.isoformat()}"
            f" · {escape(partnership.current_status.label)}</p>",
        ]
        for annex in participation.portal_annexes:
            name = escape(annex)
            number = (
                f" ({dnr} {escape(annex.registration_number)})" if annex.registration_number else ""
            )
            commitments = "".join(f"<li>{escape(title)}</li>" for title in annex.commitments)
            compensations = "".join(
                f"<li>{start.isoformat()} – {end.isoformat()}: {kr(amount)}</li>"
                for start, end, amount in annex.portal_compensations
            )
            parts += [
                f"  <h4>{name}{number}</h4>",
                f'  <ol class="commitments">{commitments}</ol>',
                f'  <ul class="plain">{compensations}</ul>',
                f'  <p><a href="{statements_url(annex.pk)}">{statements}'
                f'<span class="visually-hidden"> {name}</span></a></p>',
            ]
        parts.append("</article>")
        cards.append("\n".join(parts))
    return mark_safe("\n".join(cards))


@login_required
def portal_home(request):
    """Eleven queries however many partnerships, each compiled once per process with the
    models' own access rules in it (iop.prepared.Viewer): the organisation's participations
    (with their partnerships, and whether the user may see each, so that the guardian lookup
    runs once) serve as the deadline scope; then the bilagor the user may see with their
    commitments, their compensations, the periods still to report, the open statements, the
    governance sections, the stored upcoming dates and the end dates' notices and extensions.
    The repetitive lists are written in Python (`_to_write_rows` and the others).
    """
    if is_administration(request.user):
        return redirect("todo")
    user = request.user
    today = timezone.localdate()
    participations = _participations(user)
    if participations:
        # The header shows the organisation: the one read with the participations.
        user.organisation = participations[0].organisation
    seen = {}
    for participation in participations:
        if participation.partnership_visible:
            seen.setdefault(participation.partnership_id, participation.partnership)
    scope = DeadlineScope(list(seen.values()), user=user)
    start, end = today, today + timedelta(days=DEADLINE_DAYS)
    page = portal.PortalPage(
        organisation=user.organisation,
        participations=participations,
        scope=scope,
        today=today,
        deadline_start=start,
        deadline_end=end,
    )
    to_write = portal.reports_to_write(page)
    statements = portal.open_statements(user)
    sections = [
        section
        for section in (remediation_section(request, page), meetings_section(request, page))
        if section
    ]
    deadlines = deadlines_between(start, end, partnerships=scope, user=user)
    portal.attach_compensations(page)
    # The end dates as the partnership page computes them, from one query for the notices and
    # extensions of every partnership listed, with an extension rule or not (the same number of
    # queries whatever the agreements say). Not the lifecycle deadlines' union: the upcoming
    # dates come from the stored deadlines, and it adds the payments and costs more to build.
    partnerships = [p.partnership for p in participations]
    set_current_ends(partnerships, known=period_events({p.pk for p in partnerships}))
    return render(
        request,
        "portal/home.html",
        {
            "participations": participations,
            "partnership_cards": _partnership_cards(participations),
            "to_write": to_write,
            "to_write_rows": _to_write_rows(request, to_write, today),
            "statements": statements,
            "statement_items": _statement_items(statements),
            "sections": sections,
            "deadlines": deadlines,
            "deadline_items": _deadline_items(deadlines),
            "today": today,
        },
    )
