"""A service that changes several rows changes all of them or none."""

from unittest import mock

import pytest

from governance.models import Decision, Minutes, Vote
from governance.services.meetings import agenda_item_add, item_minutes_update, meeting_set_status
from governance.services.minutes import (
    decision_record,
    minutes_approve,
    minutes_correct,
    minutes_set_adjuster,
)
from iop.history import save_with_history

R = "test"


class Boom(Exception):
    pass


def test_decision_failing_on_its_last_step_leaves_no_decision_votes_or_minutes(
    meeting, members, staff
):
    item = agenda_item_add(meeting=meeting, title="Fler parter", actor=staff, reason=R)
    assert not Minutes.objects.filter(meeting=meeting).exists()
    with mock.patch("governance.follow_ups.start_follow_up", side_effect=Boom):
        with pytest.raises(Boom):
            decision_record(
                item=item,
                text="Ändra åtagandena",
                type="change_commitments",
                actor=staff,
                reason=R,
                votes={m: "for" for m in members.values()},
            )
    assert not Decision.objects.exists()
    assert not Vote.objects.exists()
    assert not Minutes.objects.filter(meeting=meeting).exists()


def test_minutes_correction_failing_on_the_new_version_keeps_the_approved_one(
    meeting, members, staff
):
    item = agenda_item_add(meeting=meeting, title="Punkt", actor=staff, reason=R)
    item_minutes_update(item, minutes_text="Text", actor=staff, reason=R)
    meeting_set_status(meeting, status="held", actor=staff, reason=R)
    minutes_set_adjuster(meeting=meeting, adjuster=members["ngo"], actor=staff, reason=R)
    for role, actor in (("chair", staff), ("adjuster", members["ngo"].user)):
        minutes_approve(meeting=meeting, role=role, actor=actor, reason=R)
    real_save = save_with_history

    def save(obj, **kwargs):
        if isinstance(obj, Minutes) and obj.pk is None:
            raise Boom
        return real_save(obj, **kwargs)

    with mock.patch("governance.services.minutes.save_with_history", side_effect=save):
        with pytest.raises(Boom):
            minutes_correct(meeting=meeting, actor=staff, reason="Fel")
    versions = list(Minutes.objects.filter(meeting=meeting))
    assert [(m.version, m.status) for m in versions] == [(1, Minutes.Status.APPROVED)]
