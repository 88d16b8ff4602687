"""The demo is a living system on whatever day it is loaded: statuses as the dates give them,
the past done (meetings held, payments paid), a few open items and nothing long overdue, and
every history row dated when it happened."""

from datetime import date, datetime, time, timedelta
from unittest import mock

import pytest
from django.utils import timezone
from simple_history.models import registered_models

from governance.models import Meeting
from iop.demo import load_demo
from partnerships.models import Annex, Partnership, Payment, StateAidCeiling, StoredDeadline
from reporting.models import ReportingPeriod, ReportTemplate

pytestmark = pytest.mark.django_db
PRODUCT_APPS = {"accounts", "partnerships", "governance", "reporting"}


def _load_on(day):
    moment = timezone.make_aware(datetime.combine(day, time(9, 0)))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        load_demo()
    return moment


@pytest.mark.parametrize("day", [date(2025, 9, 15), date(2026, 12, 6)])
def test_demo_stands_as_the_dates_give_on_the_day_it_is_loaded(day):
    moment = _load_on(day)
    bostad = Partnership.objects.get(registration_number="SOF 2023/202")
    ensam = Partnership.objects.get(registration_number="2.11.6-167/2019")

    # Statuses from the dates: stored and shown agree with the end as it stood that day.
    assert ensam.status == Partnership.Status.ENDED
    expected = Partnership.Status.ACTIVE if day < date(2026, 7, 1) else Partnership.Status.ENDED
    assert bostad.status == expected
    assert bostad.status_on(day) == expected
    for partnership in Partnership.objects.all():
        assert partnership.status_on(day) == partnership.status

    # No compensation past its bilaga; reporting periods up to the present.
    for annex in Annex.objects.all():
        assert not annex.compensations.filter(period_end__gt=annex.end_date).exists()
    last_end = bostad.reporting_periods.order_by("-end").first().end
    assert last_end >= min(day, bostad.end_date) and last_end == bostad.end_date

    # The past done, a few items open, nothing long overdue.
    assert Meeting.objects.filter(status=Meeting.Status.HELD, date__lt=day).count() >= 10
    assert Payment.objects.filter(status=Payment.Status.PAID).count() >= 10
    assert not Payment.objects.filter(status=Payment.Status.PLANNED, due_on__lt=day).exists()
    # A notice day that passed without notice led to an extension: done, not late.
    long_overdue = StoredDeadline.objects.overdue(day - timedelta(days=60))
    assert list(long_overdue.values_list("due", "title")) == []
    open_items = StoredDeadline.objects.filter(done=False, due__gte=day)
    assert 1 <= open_items.count() <= 25
    if expected == Partnership.Status.ACTIVE:
        assert Meeting.objects.filter(status=Meeting.Status.SCHEDULED, date__gt=day).exists()
        assert Payment.objects.filter(status=Payment.Status.PLANNED, due_on__gte=day).exists()
        assert bostad.reporting_periods.filter(due_date__gte=day).exists()

    # Each year's payments planned on the day its compensation row is recorded (Ensamkommande's
    # 2020–21 row with the extension of 2020-05-29), and paid after that.
    for payment in Payment.objects.filter(annex__partnership=ensam).select_related("compensation"):
        planned = payment.history.get(history_type="+").history_date.date()
        assert planned == payment.compensation.history.get(history_type="+").history_date.date()
        assert payment.paid_on is None or payment.paid_on >= planned
    assert Payment.objects.filter(
        annex__partnership=ensam, compensation__period_start=date(2020, 9, 1)
    ).exists()

    # Every history row dated when it happened: none after the day, each agreement's in order.
    # The product's own models (a test module may register one of its own, without a table).
    # The state-aid ceilings are the installation's, seeded by a migration when it ran, not the
    # demo's.
    for model in registered_models.values():
        if model._meta.app_label not in PRODUCT_APPS or model is StateAidCeiling:
            continue
        assert not model.history.filter(history_date__gt=moment).exists(), model
    for partnership in Partnership.objects.all():
        dates = list(
            partnership.history.order_by("history_id").values_list("history_date", flat=True)
        )
        assert dates == sorted(dates)
        assert dates[0].date() == partnership.start_date
    # The reporting set-up sits where it belongs, with the steering group's decision.
    assert ReportTemplate.history.filter(partnership=bostad).latest(
        "history_date"
    ).history_date.date() == date(2023, 8, 15)
    period_days = ReportingPeriod.history.filter(partnership=bostad).values_list(
        "history_date", flat=True
    )
    assert min(period_days).date() == date(2023, 8, 15)
    assert (
        Payment.history.filter(history_type="~")
        .exclude(history_change_reason__startswith="Demodata")
        .count()
        == 0
    )
