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
