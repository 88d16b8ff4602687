"""Kommande: the deadlines dashboard, the personal iCalendar feed and its secret URL."""

import secrets
from datetime import date, timedelta
from html import escape

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from iop.deadlines import KIND_LABELS, deadlines_between, kind_label, stored_for
from iop.due_labels import DueLabels
from iop.table_html import cell_labels
from iop.tables import Column, Table
from iop.views_helpers import paginate
from partnerships.deadlines import DeadlineScope
from partnerships.forms import (
    LongSelect,
    WrittenCheckboxInput,
    WrittenDateInput,
    WrittenTextInput,
)
from partnerships.models import CalendarToken, Partnership
from partnerships.models.deadlines import OVERDUE, SOON_DAYS, title_text
from partnerships.permissions import administration_required

FEED_PAST_DAYS = 60
FEED_FUTURE_DAYS = 400


DASHBOARD_PAST_DAYS = 30
DASHBOARD_FUTURE_DAYS = 180
DASHBOARD_PER_PAGE = 50
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)


class DeadlineFilterForm(forms.Form):
    # Typed, not chosen from a list of every partnership (300 at ten times Stockholm's size):
    # the text narrows the list as the register's search does.
    partnership = forms.CharField(
        label=gettext_lazy("Partnerskap"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Titel, diarienummer eller part, eller en del av det."),
        widget=WrittenTextInput,
    )
    kind = forms.ChoiceField(label=gettext_lazy("Slag"), required=False, widget=LongSelect)
    # Deadlines are computed in the window, some a few months before or after its days: a year
    # like 0001 or 9999 would take them out of the calendar's range.
    start = forms.DateField(
        label=gettext_lazy("Från"),
        required=False,
        widget=WrittenDateInput(),
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
    )
    end = forms.DateField(
        label=gettext_lazy("Till"),
        required=False,
        widget=WrittenDateInput(),
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
    )
    overdue = forms.BooleanField(
        label=gettext_lazy("Bara försenade"), required=False, widget=WrittenCheckboxInput
    )

    def __init__(self, *args, kinds=None, **kwargs):
        """`kinds`: the kinds of deadline found, or None while they are not known yet (any kind
        is then accepted, so that a chosen kind does not make the other filters count as
        invalid)."""
        super().__init__(*args, **kwargs)
        if kinds is None:
            self.fields["kind"] = forms.CharField(required=False)
        else:
            self.fields["kind"].choices = [("", _("Alla"))] + [(k, kind_name(k)) for k in kinds]

    def clean_partnership(self):
        return self.cleaned_data["partnership"].strip()


def kind_name(kind):
    return kind_label(kind)


NO_PARTNERSHIP_MATCHES = gettext_lazy(
    "Inget partnerskap du kan se har en titel, ett diarienummer eller en part med ”%(text)s”."
)


def _state(deadline):
    if deadline.is_overdue(timezone.localdate()):
        return _("Försenad")
    return _("klar") if deadline.done else ""


DEADLINE_TABLE = Table(
    name="kommande",
    title=gettext_lazy("Kommande"),
    columns=(
        Column("datum", gettext_lazy("Datum"), lambda d: d.due, ("due",)),
        Column("slag", gettext_lazy("Slag"), lambda d: kind_name(d.kind), ("kind",)),
        Column("vad", gettext_lazy("Vad"), lambda d: d.shown_title, ("title",)),
        Column("fran", gettext_lazy("Från"), lambda d: d.party_name, shown=False),
        Column(
            "partnerskap",
            gettext_lazy("Partnerskap"),
            lambda d: d.partnership_title,
            ("partnership_title",),
        ),
        Column("lage", gettext_lazy("Läge"), _state, shown=False),
    ),
    tiebreak=("due", "partnership_title", "title", "party_name", "pk"),
)


@administration_required
def dashboard(request):
    """Every open overdue deadline whatever the dates chosen, first, then every deadline from a
    month back to half a year ahead (or the chosen dates), the oldest first, a page at a time.
    Read from the stored deadlines: the kinds found, the counts and the page's rows are three
    queries whatever the number of deadlines (and one more to check a partnership searched
    for)."""
    today = timezone.localdate()
    start = today - timedelta(days=DASHBOARD_PAST_DAYS)
    end = today + timedelta(days=DASHBOARD_FUTURE_DAYS)
    searched, only_overdue = "", False
    if request.GET:
        # A refused value (a date of 2024-13-45, a partnership nobody's title holds) is named
        # next to its field by the form below and left out; the valid filters still apply.
        raw = DeadlineFilterForm(request.GET)
        raw.is_valid()
        start = raw.cleaned_data.get("start") or start
        end = raw.cleaned_data.get("end") or end
        searched = raw.cleaned_data.get("partnership", "")
        only_overdue = raw.cleaned_data.get("overdue", False)
    partnerships = Partnership.objects.all()
    unmatched = False
    if searched:
        matching = Partnership.objects.search(searched)
        if matching.visible_to(request.user).exists():
            partnerships = matching
        else:
            unmatched = True
    scope = DeadlineScope.for_user(request.user, partnerships)
    deadlines = stored_for(partnerships=scope, user=request.user).listed(start, end, today)
    # A kind that exists but has nothing in the period stays chosen (the list is empty); only
    # a kind that does not exist is refused.
    asked = {request.GET.get("kind")} & KIND_LABELS.keys()
    found = set(deadlines.order_by().values_list("kind", flat=True).distinct())
    form = DeadlineFilterForm(
        request.GET or None,
        kinds=sorted(found | asked),
        initial={"start": start, "end": end},
    )
    if form.is_bound:
        form.is_valid()
        if kind := form.cleaned_data.get("kind"):
            deadlines = deadlines.filter(kind=kind)
        if unmatched:
            form.add_error("partnership", NO_PARTNERSHIP_MATCHES % {"text": searched})
    counts = deadlines.counts(start, end, today)
    if only_overdue:
        deadlines, total = deadlines.overdue(today), counts["overdue"]
    else:
        total = counts["total"]
    # Overdue first whatever order is asked for: a sorted column orders within each part.
    deadlines = DEADLINE_TABLE.order(request, deadlines.overdue_first(today), keep=("-late",))
    if fmt := DEADLINE_TABLE.export_format(request):
        return DEADLINE_TABLE.export(fmt, deadlines.iterator())
    page = paginate(request, deadlines, per_page=DASHBOARD_PER_PAGE, count=total)
    return render(
        request,
        "partnerships/deadlines_dashboard.html",
        {
            "form": form,
            "page": page,
            "rows": dashboard_rows(page, today, counts["overdue"], start, end),
            "counts": counts,
            "soon_days": SOON_DAYS,
            "only_overdue": only_overdue,
            "today": today,
            "start": start,
            "end": end,
            "table": DEADLINE_TABLE.context(request),
        },
    )


def dashboard_rows(deadlines, today, overdue_count, start, end):
    """The table's bodies: the overdue deadlines under "Försenat", then the window's under its
    dates, each a <tbody> headed by a row (again at the top of a page that continues one).
    Written as HTML here rather than in the template: 50 rows of a dozen template lookups,
    filters and a translated "från …" each were half the page's time; as strings they take a
    tenth of that, joined into one. Every value is escaped.

    Each row says how urgent it is in words as well as by colour (WCAG 1.4.1): "Försenad", "I
    dag" or "Om 3 dagar" (due within SOON_DAYS), "klar", or nothing (later)."""
    labels = DueLabels(today)
    headings = {
        OVERDUE: escape(_("Försenat (%(count)s)") % {"count": overdue_count}),
        "window": escape(
            _("Från %(start)s till %(end)s") % {"start": start.isoformat(), "end": end.isoformat()}
        ),
    }
    from_party = _("från %(party)s")
    date_at, kind_at, what_at, partnership_at = cell_labels(
        _("Datum"), _("Slag"), _("Vad"), _("Partnerskap")
    )
    names, translated = {}, {}
    rows, section = [], None
    for d in deadlines:
        if d.kind not in names:
            names[d.kind] = escape(kind_name(d.kind))
        level = d.urgency(today)
        if (in_section := OVERDUE if level == OVERDUE else "window") != section:
            if section is not None:
                rows.append("</tbody>")
            section = in_section
            rows.append(
                f'<tbody class="deadline-section deadline-section-{section}">'
                f'<tr><th colspan="4" scope="rowgroup">{headings[section]}</th></tr>'
            )
        note = labels(d.due, level)
        title = escape(
            title_text(d.title_msgid, d.title_params, translated) if d.title_msgid else d.title
        )
        if d.url:
            title = f'<a href="{escape(d.url)}">{title}</a>'
        if d.party_name:
            party = escape(from_party % {"party": d.party_name})
            title = f'{title} <span class="muted">{party}</span>'
        rows.append(
            f'<tr class="deadline-{level}">'
            f'<td class="nowrap"{date_at}>{d.due.isoformat()}{note}</td>'
            f"<td{kind_at}>{names[d.kind]}</td><td{what_at}>{title}</td>"
            f"<td{partnership_at}>{escape(d.partnership_title)}</td></tr>"
        )
    if section is not None:
        rows.append("</tbody>")
    return mark_safe("\n".join(rows))


def _token_for(user, *, reset=False):
    row = CalendarToken.objects.filter(user=user).first()
    if row is None:
        row = CalendarToken(user=user)
    if reset or not row.token:
        row.token = secrets.token_urlsafe(32)
        row.save()
    return row.token


@login_required
def calendar_settings(request):
    token = _token_for(request.user)
    url = request.build_absolute_uri(reverse("deadlines:feed", args=[token]))
    return render(request, "partnerships/deadlines_calendar.html", {"feed_url": url})


@login_required
@require_POST
def calendar_reset(request):
    _token_for(request.user, reset=True)
    messages.success(
        request, _("Du har fått en ny kalenderadress. Den gamla fungerar inte längre.")
    )
    return redirect("deadlines:calendar")


def feed(request, token):
    """The personal feed: no login (calendar apps cannot log in); the secret token is the key."""
    row = CalendarToken.objects.select_related("user").filter(token=token).first()
    if row is None or not secrets.compare_digest(row.token, token) or not row.user.is_active:
        raise Http404
    user = row.user
    today = timezone.localdate()
    deadlines = deadlines_between(
        today - timedelta(days=FEED_PAST_DAYS), today + timedelta(days=FEED_FUTURE_DAYS), user=user
    )
    calendar = Calendar()
    calendar.add("prodid", "-//IOP//Kommande//SV")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("IOP – kommande"))
    stamp = timezone.now()
    for deadline in deadlines:
        event = Event()
        event.add("uid", deadline.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due)
        event.add("dtend", deadline.due + timedelta(days=1))
        event.add(
            "summary",
            _("%(title)s från %(party)s")
            % {"title": deadline.shown_title, "party": deadline.party_name}
            if deadline.party_name
            else deadline.shown_title,
        )
        if deadline.partnership_title:
            event.add("description", deadline.partnership_title)
        if deadline.url:
            event.add("url", request.build_absolute_uri(str(deadline.url)))
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, "iop-kommande.ics")
    response["Cache-Control"] = "private, max-age=900"
    return response
