"""Staff pages stay at a fixed number of queries however many reports there are."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting.services.reports import report_accept, report_start, report_submit
from tests.factories import OrganisationFactory, ParticipationFactory, RepresentativeFactory
from tests.reporting.conftest import valid_raw


def _count(client, url):
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def _more_accepted_reports(side, staff, count):
    for index in range(count):
        organisation = OrganisationFactory(name=f"Förening {index:02d} i sammanställningen")
        ParticipationFactory(partnership=side.partnership, organisation=organisation)
        user = RepresentativeFactory(organisation=organisation)
        for period in side.periods:
            report = report_start(period=period, organisation=organisation, actor=user)
            report_submit(report, raw=valid_raw(side.template), actor=user)
            report_accept(report, actor=staff)


def test_staff_pages_do_not_grow_with_reports(side_a, staff, staff_client):
    urls = [
        reverse("reporting:report_list"),
        reverse("reporting:partnership", args=[side_a.partnership.pk]),
        reverse("reporting:halfyear_detail", args=[side_a.halfyear.pk]),
        reverse("reporting:annual_detail", args=[side_a.annual.pk]),
    ]
    _more_accepted_reports(side_a, staff, 1)
    few = [_count(staff_client, url) for url in urls]
    _more_accepted_reports(side_a, staff, 8)
    many = [_count(staff_client, url) for url in urls]
    assert many == few
    html = staff_client.get(urls[3]).content.decode()
    assert "Förening 07 i sammanställningen" in html
