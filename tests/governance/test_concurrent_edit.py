"""No lost update on the minutes: two people edit the minutes text of the same §; the second
save is refused with what changed and who saved it, and nothing is overwritten."""

import pytest
from django.test import Client
from django.urls import reverse

from governance.models import AgendaItem
from governance.services.meetings import agenda_item_add, item_minutes_update
from iop.concurrency import current_version
from tests.factories import UserFactory

R = "test"
REFUSED = "Någon annan har ändrat det här medan du hade formuläret öppet."


@pytest.fixture
def item(meeting, staff):
    item = agenda_item_add(meeting=meeting, title="Rapportmall", actor=staff, reason=R)
    item_minutes_update(item, minutes_text="Mallen diskuterades.", actor=staff, reason=R)
    return item


def test_second_save_of_the_minutes_text_is_refused(item, staff):
    olle = UserFactory(username="olle", first_name="Olle", last_name="Olsson")
    hanna_client, olle_client = Client(), Client()
    hanna_client.force_login(staff)
    olle_client.force_login(olle)
    url = reverse("governance:item_minutes", args=[item.pk])
    hanna_version = hanna_client.get(url).context["form"]["version"].value()
    olle_version = olle_client.get(url).context["form"]["version"].value()
    assert hanna_version == olle_version == current_version(item)

    saved = olle_client.post(url, {"minutes_text": "Mallen fastställdes.", "version": olle_version})
    assert saved.status_code == 302
    response = hanna_client.post(
        url, {"minutes_text": "Mallen bordlades.", "version": hanna_version}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert REFUSED in body
    assert "protokollstext: ”Mallen diskuterades.” → ”Mallen fastställdes.”" in body
    assert "Olle Olsson sparade" in body
    assert "Mallen bordlades.</textarea>" in body  # what Hanna typed is still in the form
    assert AgendaItem.objects.get(pk=item.pk).minutes_text == "Mallen fastställdes."

    # Having read the change, Hanna saves again on purpose: the form now carries the new version.
    again = hanna_client.post(
        url,
        {
            "minutes_text": "Mallen bordlades.",
            "version": response.context["form"]["version"].value(),
        },
    )
    assert again.status_code == 302
    assert AgendaItem.objects.get(pk=item.pk).minutes_text == "Mallen bordlades."


def test_stale_service_call_writes_nothing(item, staff):
    seen = current_version(item)
    item_minutes_update(item, minutes_text="Först", actor=staff, reason=R, version=seen)
    stale = AgendaItem.objects.get(pk=item.pk)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        item_minutes_update(stale, minutes_text="Sen", actor=staff, reason=R, version=seen)
    assert AgendaItem.objects.get(pk=item.pk).minutes_text == "Först"


# --- A copy read before someone else's change is not saved over it ------------------------


def test_meeting_edit_from_a_page_read_before_the_meeting_was_held_is_refused(meeting, staff):
    from django.core.exceptions import ValidationError

    from governance.models import Meeting
    from governance.services.meetings import meeting_set_status, meeting_update

    page_copy = Meeting.objects.get(pk=meeting.pk)  # the edit page, read while it was planned
    meeting_set_status(meeting, status=Meeting.Status.HELD, actor=staff, reason=R)
    with pytest.raises(ValidationError):
        meeting_update(page_copy, place="Annat rum", actor=staff, reason=R)
    stored = Meeting.objects.get(pk=meeting.pk)
    assert stored.status == Meeting.Status.HELD  # the meeting is still held
    assert stored.place != "Annat rum"


def test_meeting_edit_keeps_a_notice_sent_after_the_page_was_read(future_meeting, staff):
    from governance.models import Meeting
    from governance.services.meetings import meeting_send_notice, meeting_update

    page_copy = Meeting.objects.get(pk=future_meeting.pk)
    meeting_send_notice(meeting=future_meeting, actor=staff, reason=R)
    meeting_update(page_copy, place="Annat rum", actor=staff, reason=R)
    stored = Meeting.objects.get(pk=future_meeting.pk)
    assert stored.place == "Annat rum"
    assert stored.notice_sent_at is not None  # still shown as sent


def test_follow_up_note_from_an_old_copy_does_not_undo_the_completed_follow_up(meeting, staff):
    from django.core.exceptions import ValidationError

    from governance.models import Decision
    from governance.services.minutes import decision_follow_up, decision_record

    item = agenda_item_add(meeting=meeting, title="Ny part", actor=staff, reason=R)
    decision = decision_record(
        item=item, text="Förening C inträder", type="new_party", actor=staff, reason=R
    )
    assert decision.follow_up == Decision.FollowUp.PENDING
    old_copy = Decision.objects.get(pk=decision.pk)
    decision_follow_up(
        decision, status=Decision.FollowUp.DONE, note="Inträdde 1 maj", actor=staff, reason=R
    )
    with pytest.raises(ValidationError):
        decision_follow_up(
            old_copy,
            status=Decision.FollowUp.PENDING,
            note="Väntar på villkor",
            actor=staff,
            reason=R,
        )
    stored = Decision.objects.get(pk=decision.pk)
    assert stored.follow_up == Decision.FollowUp.DONE  # the register still shows it done
    assert stored.follow_up_note == "Inträdde 1 maj"
