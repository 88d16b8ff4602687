"""The partnership page, tab by tab, and where each section comes from.

Översikt: the period and what is due next, the parties and the bilagor (partnerships data, their
rows written below), then the groups and their meetings (governance), the reporting counts
(reporting) and how much history there is (the timeline of iop/pages/history.py).
Livscykel och beslut: lifecycle and period, committee cases (partnerships).
Ändringar och underskrifter: amendments and signatures (partnerships).
Ekonomi: compensation and payments by party and year, co-financing (partnerships).
Avtalstext is partnerships' own view; Historik is iop/pages/history.py.
"""

from html import escape

from django.db.models import Count, DateField, F, OuterRef, Subquery, Sum
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from governance.panels import groups_panel
from iop.pages.history import timeline
from iop.prepared import Param, PreparedQuery, url_for_each
from iop.table_html import cell_labels
from iop.templatetags.iop import kr
from partnerships import panels, period_rules
from partnerships.models import (
    Annex,
    Compensation,
    Extension,
    Notice,
    Organisation,
    Participation,
)
from partnerships.permissions import administration_required, get_partnership_for_user
from partnerships.tabs import OVERVIEW, render_tab
from reporting.panels import reporting_panel

# The panels of each tab, in the order they are shown. The overview's come after its own
# period, parties and bilagor.
TAB_PANELS = {
    OVERVIEW: (groups_panel, reporting_panel),
    "livscykel": (panels.lifecycle_panel, panels.committee_panel),
    "andringar": (panels.amendments_panel,),
    "ekonomi": (panels.money_panel,),
}


def _panels(request, partnership, tab):
    return [panel for show in TAB_PANELS[tab] if (panel := show(request, partnership))]


def _overview_annexes():
    """The partnership's bilagor, each with its party's name, its number of commitments and
    this year's compensation, so the overview needs no query per bilaga (and no party or
    organisation instances, of which it shows only the name)."""
    today = Param("today", DateField())
    this_year = (
        Compensation.objects.filter(
            annex=OuterRef("pk"), period_start__lte=today, period_end__gte=today
        )
        .order_by()
        .values("annex")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return (
        Annex.objects.filter(partnership_id=Param("partnership"))
        .annotate(
            party_name=F("participation__organisation__name"),
            commitment_count=Count("commitments", distinct=True),
            compensation_this_year=Subquery(this_year),
        )
        .order_by("number", "pk")
    )


# The overview's fixed queries, compiled once (iop/prepared.py).
OVERVIEW_ANNEXES = PreparedQuery(_overview_annexes)
NOTICES = PreparedQuery(
    lambda: Notice.objects.filter(partnership_id=Param("partnership")).order_by("given_on", "pk")
)
EXTENSIONS = PreparedQuery(
    lambda: Extension.objects.filter(partnership_id=Param("partnership")).order_by("made_on", "pk")
)


def _choice_label(choices, value):
    """`value`'s label among `choices` (a TextChoices), escaped; as get_FOO_display, the value
    itself when it is none of them (the empty reason of a party that has not left)."""
    return escape(str(dict(choices.choices).get(value, value)))


def party_rows_html(partnership, parties, today):
    """The rows of the Parter table, written here rather than in the template: the parties' dozen
    lookups, filters and links a row were a good part of the overview's time; as strings a
    fraction of it (as the register's rows). Every value is escaped."""
    organisation_url = url_for_each("partnerships:organisation_detail")
    edit_url = url_for_each("partnerships:participation_edit")
    notice_url = escape(reverse("partnerships:notice_create", args=[partnership.pk]))
    edit_label, notice_label = escape(_("Ändra")), escape(_("Uppsägning"))
    number_at, joined_at, left_at, reason_at = cell_labels(
        _("Organisationsnummer"), _("Inträdde"), _("Utträdde"), _("Skäl")
    )
    # Each kind and reason named once a page, from its choices (get_FOO_display translates every
    # label of the field's choices to look one up).
    kinds, reasons = {}, {}
    rows = []
    for participation in parties:
        organisation = participation.organisation
        name = escape(organisation.name)
        if organisation.kind not in kinds:
            kinds[organisation.kind] = _choice_label(Organisation.Kind, organisation.kind)
        if participation.leave_reason not in reasons:
            reasons[participation.leave_reason] = _choice_label(
                Participation.LeaveReason, participation.leave_reason
            )
        unit = f", {escape(participation.unit)}" if participation.unit else ""
        payments_end = (
            f'<div class="small" data-testid="payments-end">'
            f"{escape(participation.payments_end_sentence)}</div>"
            if participation.left_on and organisation.kind == Organisation.Kind.NGO
            else ""
        )
        note = (
            f'<div class="muted">{escape(participation.leave_note)}</div>'
            if participation.leave_note
            else ""
        )
        left_on = participation.left_on.isoformat() if participation.left_on else "–"
        notice = (
            f' · <a href="{notice_url}?part={participation.pk}">{notice_label}'
            f'<span class="visually-hidden"> {name}</span></a>'
            if participation.may_be_given_notice
            else ""
        )
        opening = '<tr class="row-left">' if participation.has_left(today) else "<tr>"
        rows.append(
            f"{opening}"
            f'<td><a href="{organisation_url(organisation.pk)}">{name}</a>'
            f'<div class="muted">{kinds[organisation.kind]}{unit}</div></td>'
            f'<td class="nowrap"{number_at}>{escape(organisation.org_number)}</td>'
            f'<td class="nowrap"{joined_at}>{participation.joined_on.isoformat()}</td>'
            f'<td class="nowrap"{left_at}>{left_on}</td>'
            f"<td{reason_at}>{reasons[participation.leave_reason]}{note}{payments_end}</td>"
            f'<td><a href="{edit_url(participation.pk)}">{edit_label}'
            f'<span class="visually-hidden"> {name}</span></a>{notice}</td></tr>'
        )
    return mark_safe("\n".join(rows))


def annex_rows_html(annexes):
    """The rows of the Bilagor table, written here as the parties' are (`party_rows_html`)."""
    annex_url = url_for_each("partnerships:annex_detail")
    dnr_label = escape(_("dnr"))
    party_at, period_at, commitments_at, amount_at = cell_labels(
        _("Part"), _("Period"), _("Åtaganden"), _("Ersättning i år")
    )
    rows = []
    for annex in annexes:
        dnr = (
            f'<div class="muted">{dnr_label} {escape(annex.registration_number)}</div>'
            if annex.registration_number
            else ""
        )
        amount = annex.compensation_this_year
        rows.append(
            f'<tr><td><a href="{annex_url(annex.pk)}">{escape(str(annex))}</a>{dnr}</td>'
            f"<td{party_at}>{escape(annex.party_name)}</td>"
            f'<td class="nowrap"{period_at}>'
            f"{annex.start_date.isoformat()} – {annex.end_date.isoformat()}</td>"
            f'<td class="num"{commitments_at}>{annex.commitment_count}</td>'
            f'<td class="num"{amount_at}>{"–" if amount is None else kr(amount)}</td></tr>'
        )
    return mark_safe("\n".join(rows))


@administration_required
def partnership_detail(request, pk):
    """The overview tab."""
    partnership = get_partnership_for_user(request, pk)
    today = timezone.localdate()
    notices = NOTICES.list(partnership=partnership.pk)
    extensions = EXTENSIONS.list(partnership=partnership.pk)
    changes, last_change = timeline(partnership).summary()
    parties = panels.parties_of(partnership)
    annexes = OVERVIEW_ANNEXES.list(partnership=partnership.pk, today=today)
    return render_tab(
        request,
        partnership,
        OVERVIEW,
        "partnerships/partnership_detail.html",
        {
            "period": period_rules.summary(partnership, today, notices, extensions),
            "parties": parties,
            "party_rows": party_rows_html(partnership, parties, today),
            "annexes": annexes,
            "annex_rows": annex_rows_html(annexes),
            "panels": _panels(request, partnership, OVERVIEW),
            "changes": changes,
            "last_change": last_change,
        },
    )


@administration_required
def partnership_section(request, pk, tab):
    """A tab made only of panels (lifecycle, amendments, economy)."""
    if tab == OVERVIEW or tab not in TAB_PANELS:
        raise Http404
    partnership = get_partnership_for_user(request, pk)
    return render_tab(
        request,
        partnership,
        tab,
        "partnerships/partnership_section.html",
        {"panels": _panels(request, partnership, tab)},
    )
