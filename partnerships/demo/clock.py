"""The demo's clock: each thing the demo records happens on its own day.

The services stamp their rows and date their history with `timezone.now()` (and decide "today"
with `timezone.localdate()`, which reads it). Inside `on_day(day)` that is noon of `day` in
Stockholm, so a meeting held in 2024 is held, minuted and approved in 2024, its history rows
dated then, by the same services the staff views call. Only the demo loader uses it, in a
management command; `day` is never after the real today, so nothing is dated in the future.
"""

from contextlib import contextmanager
from datetime import datetime, time

from django.utils import timezone

NOON = time(12, 0)


def at(day, hour=NOON):
    """A history timestamp for a date in the documents (noon, Stockholm time)."""
    return timezone.make_aware(datetime.combine(day, hour))


@contextmanager
def on_day(day, hour=NOON):
    """Run the block as if it were `day` (never later than today)."""
    real_now = timezone.now
    today = timezone.localdate()
    if day > today:
        raise ValueError(f"The demo cannot record {day} before it has happened (today {today}).")
    moment = at(day, hour)
    if day == today:
        moment = min(moment, real_now())
    timezone.now = lambda: moment
    try:
        yield moment
    finally:
        timezone.now = real_now
