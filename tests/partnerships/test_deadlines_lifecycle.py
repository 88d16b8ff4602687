"""Deadlines for both seed partnerships on chosen dates; the iCalendar feed; reminder e-mails."""

import re
from datetime import date, datetime, time, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from iop.deadlines import deadlines_between
from partnerships.models import CalendarToken, Notice, Partnership
from partnerships.services.extensions import extension_agree
from partnerships.services.parties import notice_give
from partnerships.tabs import section_url
from tests.factories import (
    BOSTAD_FORST_PERIOD,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)


@pytest.fixture
def bostad_forst(city):
    partnership = PartnershipFactory(**BOSTAD_FORST_PERIOD)
    ParticipationFactory(partnership=partnership, organisation=city)
    ParticipationFactory(
        partnership=partnership, organisation=OrganisationFactory(name="Street Minds")
    )
    return partnership


@pytest.fixture
def ensamkommande(city, org_a):
    partnership = PartnershipFactory(
        title="Ensamkommande",
        start_date=date(2019, 9, 1),
        end_date=date(2020, 8, 31),
        extension_kind="by_agreement",
        extension_months=12,
        extension_last_date=date(2021, 8, 31),
        agreement_months_before_end=3,
    )
    ParticipationFactory(partnership=partnership, organisation=city)
    ParticipationFactory(partnership=partnership, organisation=org_a)
    return partnership


# The agreement's own dates; governance and reporting add meetings and reports to the same feed.
LIFECYCLE_KINDS = {
    "notice_last_day",
    "extension_agreement_last_day",
    "agreement_end",
    "notice_period_end",
    "payment_due",
}


def _due(start, end, **kwargs):
    return [(d.due, d.kind) for d in deadlines_between(start, end, kinds=LIFECYCLE_KINDS, **kwargs)]


def test_bostad_forst_deadlines_on_chosen_dates(bostad_forst):
    assert _due(date(2023, 10, 1), date(2024, 12, 31)) == [
        (date(2023, 12, 31), "notice_last_day"),
        (date(2024, 12, 31), "notice_last_day"),
    ]
    assert _due(date(2024, 3, 1), date(2026, 12, 31)) == [
        (date(2024, 12, 31), "notice_last_day"),
        # No notice day in 2025: notice then would end it on 2026-06-30, its last date anyway.
        (date(2026, 6, 30), "agreement_end"),
    ]


def _on(day):
    """Run as if it were `day`, at nine in the morning."""
    moment = timezone.make_aware(datetime.combine(day, time(9, 0)))
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _notice_days_in_kommande(client):
    """{due: "Försenad" / "klar" / ""} for each "Sista dag att säga upp" row staff see."""
    window = {"start": "2023-07-01", "end": "2026-12-31"}
    page = client.get(reverse("deadlines:dashboard"), window).content.decode()
    rows = [row for row in page.split("<tr") if "Sista dag att säga upp" in row]
    found = {}
    for row in rows:
        due = re.search(r'<td class="nowrap" data-label="Datum">(\d{4}-\d\d-\d\d)', row).group(1)
        found[due] = "Försenad" if "Försenad" in row else "klar" if ">klar<" in row else ""
    return found


def test_a_notice_day_passed_without_notice_is_done_not_late(staff_client):
    """Bostad Först is extended automatically when nobody gives notice by 31 December: once
    that day has passed, the extension it led to happened; Kommande shows it done, not late,
    as soon as the daily run records the extension, and from the day itself whatever is
    recorded. The next notice day stays open."""
    with _on(date(2023, 12, 20)):
        partnership = PartnershipFactory(**BOSTAD_FORST_PERIOD)
        ParticipationFactory(partnership=partnership)
        assert _notice_days_in_kommande(staff_client) == {"2023-12-31": "", "2024-12-31": ""}

    with _on(date(2024, 1, 1)):
        # The daily run: the extensions are recorded (both half-years the notice day decided),
        # and with them the notice day is done.
        call_command("apply_extensions", stdout=StringIO())
        partnership.refresh_from_db()
        assert partnership.end_date == date(2025, 6, 30)
        assert _notice_days_in_kommande(staff_client) == {
            "2023-12-31": "klar",
            "2024-12-31": "",
        }
        assert _check() == 0

    with _on(date(2025, 1, 2)):
        # Nothing recorded yet for the second extension: the day having passed is enough (the
        # daily rebuild brings the stored deadlines up to the day).
        call_command("rebuild_deadlines", stdout=StringIO())
        assert _notice_days_in_kommande(staff_client) == {
            "2023-12-31": "klar",
            "2024-12-31": "klar",
        }
        assert _check() == 0


def _check():
    try:
        call_command("rebuild_deadlines", "--check", stdout=StringIO(), stderr=StringIO())
    except SystemExit as exit:
        return exit.code
    return 0


def test_bostad_forst_deadlines_after_notice_of_the_partnership(bostad_forst, staff):
    notice_give(
        partnership=bostad_forst,
        kind=Notice.Kind.PARTNERSHIP,
        given_on=date(2024, 3, 1),
        actor=staff,
        reason="Staden säger upp partnerskapet",
    )
    assert _due(date(2024, 3, 1), date(2026, 12, 31)) == [(date(2025, 6, 30), "agreement_end")]


def test_bostad_forst_deadlines_after_a_partys_notice(bostad_forst, staff):
    party = bostad_forst.participations.get(organisation__name="Street Minds")
    notice_give(
        partnership=bostad_forst,
        kind=Notice.Kind.PARTY,
        participation=party,
        given_on=date(2024, 2, 10),
        actor=staff,
        reason="Uppsägning",
    )
    found = deadlines_between(date(2024, 2, 1), date(2024, 7, 1))
    assert (date(2024, 6, 10), "notice_period_end") in [(d.due, d.kind) for d in found]


def test_ensamkommande_deadlines_on_chosen_dates(ensamkommande, staff):
    assert _due(date(2020, 1, 1), date(2020, 12, 31)) == [
        (date(2020, 5, 31), "extension_agreement_last_day"),
        (date(2020, 8, 31), "agreement_end"),
    ]
    extension_agree(
        partnership=ensamkommande, made_on=date(2020, 5, 29), actor=staff, reason="Överens"
    )
    assert _due(date(2020, 6, 1), date(2021, 12, 31)) == [(date(2021, 8, 31), "agreement_end")]


def test_ended_partnerships_have_no_deadlines(ensamkommande):
    ensamkommande.status = Partnership.Status.ENDED
    ensamkommande.save()
    assert _due(date(2020, 1, 1), date(2020, 12, 31)) == []


def test_representatives_see_only_their_partnerships(ensamkommande, bostad_forst, rep_a, rep_b):
    assert _due(date(2020, 1, 1), date(2020, 12, 31), user=rep_a)
    assert _due(date(2020, 1, 1), date(2020, 12, 31), user=rep_b) == []


def _feed_url(client, user):
    client.force_login(user)
    assert client.get(reverse("deadlines:calendar")).status_code == 200
    token = CalendarToken.objects.get(user=user).token
    client.logout()
    return reverse("deadlines:feed", args=[token]), token


def test_ics_feed_parses_and_wrong_token_is_refused(client, rep_a, city, org_a):
    today = timezone.localdate()
    partnership = PartnershipFactory(
        title="Pågående",
        start_date=today - timedelta(days=100),
        end_date=today + timedelta(days=50),
    )
    ParticipationFactory(partnership=partnership, organisation=org_a)
    url, token = _feed_url(client, rep_a)
    response = client.get(url)  # no login: the token is the key
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = [c for c in calendar.walk("VEVENT")]
    assert [str(e["summary"]) for e in events] == ["Pågående löper ut"]
    assert events[0].decoded("dtstart") == today + timedelta(days=50)
    again = Calendar.from_ical(client.get(url).content)
    assert [str(e["uid"]) for e in again.walk("VEVENT")] == [str(e["uid"]) for e in events]

    wrong = reverse("deadlines:feed", args=[token[:-2] + "xx"])
    assert client.get(wrong).status_code == 404
    # A reset token makes the old URL stop working.
    client.force_login(rep_a)
    client.post(reverse("deadlines:calendar_reset"))
    client.logout()
    assert client.get(url).status_code == 404


def test_ics_feed_of_inactive_user_is_refused(client, rep_a):
    url, _ = _feed_url(client, rep_a)
    rep_a.is_active = False
    rep_a.save()
    assert client.get(url).status_code == 404


def test_calendar_settings_need_login(client):
    response = client.get(reverse("deadlines:calendar"))
    assert response.status_code == 302


def test_send_reminders(ensamkommande, staff, rep_a, rep_b, django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # each reminder queued, then sent
        call_command("send_reminders", "--days", "14", "--date", "2020-05-17", stdout=out)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([staff.email, rep_a.email])
    message = next(m for m in mail.outbox if m.to == [rep_a.email])
    assert "2020-05-31" in message.body
    assert "förlänga Ensamkommande" in message.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--days", "13", "--date", "2020-05-17", stdout=out)
    assert mail.outbox == []


def test_staff_feed_has_one_event_per_partys_report_saying_whose(client, staff, city):
    from reporting.services.periods import periods_generate
    from tests.factories import OrganisationFactory

    today = timezone.localdate()
    partnership = PartnershipFactory(
        start_date=today - timedelta(days=300), end_date=today + timedelta(days=300)
    )
    ParticipationFactory(partnership=partnership, organisation=city)
    for name in ("Förening Ett", "Förening Två"):
        ParticipationFactory(partnership=partnership, organisation=OrganisationFactory(name=name))
    periods_generate(partnership=partnership, rule="half_year", actor=staff, reason="Regel")
    url, _token = _feed_url(client, staff)
    events = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    reports = [e for e in events if str(e["summary"]).startswith("Verksamhetsrapport")]
    assert reports
    by_uid = {str(e["uid"]): str(e["summary"]) for e in reports}
    assert len(by_uid) == len(reports)  # a calendar app would merge events sharing a UID
    assert any(s.endswith("från Förening Ett") for s in by_uid.values())
    assert any(s.endswith("från Förening Två") for s in by_uid.values())


def test_lifecycle_tab_shows_an_extension_with_its_decision(staff_client, staff, ensamkommande):
    # An extension whose decision is written as text (no linked steering decision) made the
    # Livscykel tab fail: the decision partial's fallback was missing for extensions.
    extension_agree(
        partnership=ensamkommande,
        made_on=date(2020, 5, 29),
        actor=staff,
        reason="Överens",
        decision_reference="Styrgruppens protokoll 2020-05-28 § 3",
    )
    response = staff_client.get(section_url(ensamkommande.pk, "livscykel"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "2020-08-31" in page and "2021-08-31" in page
    assert "Styrgruppens protokoll 2020-05-28 § 3" in page
