"""The staff's list of reports says which reports are late as Kommande says it (the same rule,
label and class): not handed in after the period's last day; due soon in words too."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from reporting.services.periods import period_add_extra
from reporting.services.reports import report_start, report_submit
from tests.reporting.conftest import valid_raw

ROW = re.compile(r'<tr class="deadline-(\w+)"><td><a href="/rapporter/verksamhet/(\d+)/')


def _levels(html):
    return {int(pk): level for level, pk in ROW.findall(html)}


def _due_cell(html, pk):
    row = html.split(f'/rapporter/verksamhet/{pk}/"', 1)[1].split("</tr>", 1)[0]
    return re.findall(r'<td class="nowrap"[^>]*>(.*?)</td>', row)[1]


def test_a_report_not_handed_in_after_its_last_day_is_marked_late(
    staff_client, side_a, staff, django_assert_num_queries
):
    a = side_a
    today = timezone.localdate()
    handed_in = report_start(period=a.periods[1], organisation=a.organisation, actor=a.user)
    report_submit(handed_in, raw=valid_raw(a.template), actor=a.user)
    soon_period = period_add_extra(
        partnership=a.partnership,
        start=today - timedelta(days=30),
        end=today - timedelta(days=1),
        due_date=today + timedelta(days=5),
        actor=staff,
        reason="Extra",
    )
    soon = report_start(period=soon_period, organisation=a.organisation, actor=a.user)
    url = reverse("reporting:report_list")
    staff_client.get(url)
    with django_assert_num_queries(4):  # session, user, the partnerships, the page: no more
        html = staff_client.get(url).content.decode()
    assert a.report.period.due_date < today and a.report.status == "draft"
    assert _levels(html) == {a.report.pk: "overdue", handed_in.pk: "done", soon.pk: "soon"}
    assert "⚠</span> Försenad" in _due_cell(html, a.report.pk)
    assert "Om 5 dagar" in _due_cell(html, soon.pk)
    # Handed in: its deadline is met, whatever the review says; the status column says the rest.
    assert _due_cell(html, handed_in.pk) == a.periods[1].due_date.isoformat()
    assert a.report.urgency(today) == "overdue" and handed_in.urgency(today) == "done"
