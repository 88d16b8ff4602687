"""The register: the list of every partnership, filtered, sorted and exported (iop/tables.py)."""

from collections import defaultdict, namedtuple
from html import escape

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from iop.prepared import InParam, PreparedQuery
from iop.tables import Column, Table, choice_order
from iop.views_helpers import paginate
from partnerships import period_rules
from partnerships.current_ends import set_current_ends
from partnerships.forms import PartnershipFilterForm
from partnerships.models import Organisation, Participation, Partnership
from partnerships.permissions import administration_required
from partnerships.views.organisations import suggest_organisations

REGISTER_TABLE = Table(
    name="partnerskap",
    title=gettext_lazy("Partnerskap"),
    columns=(
        Column("titel", gettext_lazy("Titel"), lambda r: r.title, ("title",)),
        Column(
            "diarienummer",
            gettext_lazy("Diarienummer"),
            lambda r: r.registration_number,
            ("registration_number",),
        ),
        Column(
            "status",
            gettext_lazy("Status"),
            lambda r: str(r.status.label),
            # The lifecycle's order (utkast … avslutad), of the stored status.
            (choice_order("status", Partnership.Status),),
        ),
        Column("start", gettext_lazy("Start"), lambda r: r.start, ("start_date",)),
        # The stored end: the shown one (`current_end`) is worked out in Python for a page.
        Column("slut", gettext_lazy("Slut"), lambda r: r.end, ("end_date",)),
        Column("parter", gettext_lazy("Parter"), lambda r: r.party_text),
    ),
    tiebreak=("title", "pk"),
    default="-start",
)


@administration_required
def partnership_list(request):
    form = PartnershipFilterForm(request.GET or None)
    suggest_organisations(form["organisation"])
    partnerships = Partnership.objects.all()
    if form.is_bound:
        # A refused value (a year of 20245, a status nobody offered) is named next to its field
        # and left out; the filters that are valid still apply.
        form.is_valid()
        partnerships = form.filter(partnerships)
    partnerships = partnerships.only(
        "pk",
        "title",
        "registration_number",
        "status",
        "start_date",
        "end_date",
        *period_rules.RULE_FIELDS,
    ).order_by("-start_date", "title", "pk")
    partnerships = REGISTER_TABLE.order(request, partnerships)
    today = timezone.localdate()
    if fmt := REGISTER_TABLE.export_format(request):
        # Every partnership of the filter, in the chosen order: three queries whatever their number.
        listed = set_current_ends(list(partnerships), on=today)
        return REGISTER_TABLE.export(fmt, _register_rows(listed, today))
    page = paginate(request, partnerships)
    # The end date as the partnership page shows it, not the stored one (one query for the page).
    listed = set_current_ends(page.object_list, on=today)
    page.object_list = _register_rows(listed, today)
    return render(
        request,
        "partnerships/partnership_list.html",
        {
            "form": form,
            "page": page,
            "total": page.paginator.count,
            "table": REGISTER_TABLE.context(request),
        },
    )


class RegisterRow(
    namedtuple(
        "RegisterRow", "url title registration_number status start end parties party_text labels"
    )
):
    """A row of the register; `html` is its table row, written here rather than in the
    template: 25 rows of template lookups were a good part of the page's time. `party_text`:
    the parties as the spreadsheet has them."""

    __slots__ = ()

    @property
    def html(self):
        status = escape(self.status)
        _, number_at, status_at, start_at, end_at, parties_at = self.labels
        return mark_safe(
            f'<tr><td><a href="{escape(self.url)}">{escape(self.title)}</a></td>'
            f"<td{number_at}>{escape(self.registration_number)}</td>"
            f'<td{status_at}><span class="status status-{status}">'
            f"{escape(self.status.label)}</span></td>"
            f'<td class="nowrap"{start_at}>{self.start.isoformat()}</td>'
            f'<td class="nowrap"{end_at}>{self.end.isoformat()}</td>'
            f"<td{parties_at}>{self.parties}</td></tr>"
        )


# The NGO parties of the partnerships "partnerships", by name (compiled once per process).
_NGO_PARTIES = PreparedQuery(
    lambda: (
        Participation.objects.filter(InParam("partnership_id", "partnerships"))
        .exclude(organisation__kind=Organisation.Kind.PUBLIC)
        .order_by("organisation__name", "pk")
        .values_list("partnership_id", "organisation__name", "left_on")
    )
)


def _register_rows(partnerships, today):
    """What the register shows of each partnership, read and worked out before the template.
    Its NGO parties come from one query of plain values and are written as one string of HTML
    per row: as model instances with their organisations, and through a template loop, the
    150 parties of a page took longer than the rest of the page."""
    parties, texts = defaultdict(list), defaultdict(list)
    ended = (Partnership.Status.ENDED, Partnership.Status.RESCINDED)
    statuses = {p.pk: p.status_on(today) for p in partnerships}
    left = _("utträdd")
    leaving = _("utträder")
    for partnership_id, name, left_on in _NGO_PARTIES.rows(partnerships=list(statuses)):
        # Participation.has_left, with the status already worked out for the list.
        note = ""
        if (left_on is not None and left_on < today) or statuses[partnership_id] in ended:
            note = left
        elif left_on is not None:
            note = f"{leaving} {left_on.isoformat()}"
        shown = escape(name)
        if note:
            shown = f'{shown} <span class="muted">({escape(note)})</span>'
            name = f"{name} ({note})"
        parties[partnership_id].append(shown)
        texts[partnership_id].append(name)
    # Partnership.get_absolute_url, reversed once for the page rather than once a row.
    url = reverse("partnerships:detail", args=[0]).removesuffix("/0/") + "/{}/"
    labels = REGISTER_TABLE.cell_labels()
    return [
        RegisterRow(
            url=url.format(p.pk),
            title=p.title,
            registration_number=p.registration_number_shown,
            status=statuses[p.pk],
            start=p.start_date,
            end=p.current_end,
            parties=mark_safe(", ".join(parties[p.pk])),
            party_text=", ".join(texts[p.pk]),
            labels=labels,
        )
        for p in partnerships
    ]
