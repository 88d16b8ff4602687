"""A governance form's "Avbryt" leads to the page (and section) that shows what it changes: the
group's members or chair, the meeting's agenda item, attendance or approval, the remediation
plan. Saving lands there too; a form whose save goes to what it creates (a group, a meeting, a
draw, a plan, a decision) cancels to where it was opened from."""

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from governance.services.escalations import remediation_request, remediation_submit
from governance.services.meetings import agenda_item_add
from tests.governance.factories import GroupFactory

R = "test"
CANCEL = re.compile(r'<a href="([^"]*)">Avbryt</a>')


def _cancel_href(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    found = CANCEL.search(response.content.decode())
    assert found, f"no Avbryt on {url}"
    return unescape(found.group(1))


@pytest.fixture
def objects(group, members, future_meeting, partnership_a, org_a, staff, rep_a):
    cooperation = GroupFactory(partnership=partnership_a, kind="cooperation", reports_to=group)
    item = agenda_item_add(meeting=future_meeting, title="Rapportmall", actor=staff, reason=R)
    requested = remediation_request(
        group=group,
        organisation=org_a,
        deficiency="Rapport saknas",
        due_on=date(2030, 6, 1),
        actor=staff,
        reason=R,
    )
    submitted = remediation_request(
        group=group,
        organisation=org_a,
        deficiency="Budget saknas",
        due_on=date(2030, 6, 1),
        actor=staff,
        reason=R,
    )
    remediation_submit(submitted, plan_text="Plan", actor=rep_a, reason=R)
    return {
        "cooperation": cooperation,
        "meeting": future_meeting,
        "item": item,
        "requested": requested,
        "submitted": submitted,
    }


def test_staff_forms_cancel_to_where_the_object_is_shown(staff_client, group, members, objects):
    g, m = group.pk, objects["meeting"].pk
    number = objects["item"].number
    group_page, meeting_page = f"/styrning/grupper/{g}/", f"/styrning/moten/{m}/"
    expected = {
        # Opened from the governance section of the partnership page.
        f"/styrning/partnerskap/{group.partnership_id}/grupper/ny/": (
            f"/partnerskap/{group.partnership_id}/#styrning"
        ),
        f"/styrning/grupper/{g}/andra/": group_page,
        f"/styrning/grupper/{g}/ledamoter/ny/": f"{group_page}#ledamoter",
        f"/styrning/ledamoter/{members['ngo'].pk}/andra/": f"{group_page}#ledamoter",
        f"/styrning/grupper/{g}/ordforande/lotta/": f"{group_page}#ordforande",
        f"/styrning/grupper/{g}/ordforande/rotera/": f"{group_page}#ordforande",
        f"/styrning/grupper/{g}/ordforande/utse/": f"{group_page}#ordforande",
        f"/styrning/grupper/{g}/turordning/": f"{group_page}#ordforande",
        f"/styrning/grupper/{objects['cooperation'].pk}/fragor/ny/": (
            f"/styrning/grupper/{objects['cooperation'].pk}/#fragor"
        ),
        f"/styrning/grupper/{g}/atgardsplaner/ny/": f"{group_page}#atgardsplaner",
        f"/styrning/atgardsplaner/{objects['submitted'].pk}/bedom/": (
            f"/styrning/atgardsplaner/{objects['submitted'].pk}/"
        ),
        f"/styrning/grupper/{g}/moten/nytt/": f"{group_page}#moten",
        f"/styrning/moten/{m}/andra/": meeting_page,
        f"/styrning/moten/{m}/status/": meeting_page,
        f"/styrning/moten/{m}/punkter/ny/": f"{meeting_page}#dagordning",
        f"/styrning/punkter/{objects['item'].pk}/protokoll/": f"{meeting_page}#p{number}",
        f"/styrning/punkter/{objects['item'].pk}/beslut/ny/": f"{meeting_page}#p{number}",
        f"/styrning/moten/{m}/narvaro/": f"{meeting_page}#narvaro",
        f"/styrning/moten/{m}/rattelse/": f"{meeting_page}#justering",
        f"/styrning/moten/{m}/kallelse/": meeting_page,
    }
    found = {url: _cancel_href(staff_client, url) for url in expected}
    assert found == expected


def test_representative_forms_cancel_to_where_the_object_is_shown(client_a, objects):
    m, plan = objects["meeting"].pk, objects["requested"].pk
    expected = {
        f"/styrning/moten/{m}/punkter/ny/": f"/styrning/moten/{m}/#dagordning",
        f"/styrning/atgardsplaner/{plan}/lamna-in/": f"/styrning/atgardsplaner/{plan}/",
    }
    found = {url: _cancel_href(client_a, url) for url in expected}
    assert found == expected


def test_saving_lands_where_cancel_leads(client, staff, rep_a, members, objects):
    client.force_login(staff)
    attendance = reverse("governance:attendance_edit", args=[objects["meeting"].pk])
    cancel = _cancel_href(client, attendance)
    saved = client.post(attendance, {"present": [members["chair"].pk, members["ngo"].pk]})
    assert saved.status_code == 302 and saved["Location"] == cancel

    client.force_login(rep_a)
    submit = reverse("governance:remediation_submit", args=[objects["requested"].pk])
    cancel = _cancel_href(client, submit)
    saved = client.post(submit, {"plan_text": "Vi lämnar rapporten i maj."})
    assert saved.status_code == 302 and saved["Location"] == cancel
