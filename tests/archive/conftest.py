"""A partnership with something of everything the archive takes: the url walk's world (a
committee decision, a draft amendment, a scanned signature, a steering group with a decision
and a remediation plan, a submitted activity report, a financial statement with an uploaded
attachment, feedback, the half-year report and the annual compilation), and a held meeting
whose minutes the chair and the adjuster have approved."""

import io
import zipfile
from dataclasses import dataclass
from datetime import timedelta

import pytest

from governance.models import Meeting
from governance.services.groups import chair_on
from governance.services.meetings import agenda_item_add, item_minutes_update, meeting_set_status
from governance.services.minutes import minutes_approve, minutes_set_adjuster
from tests.governance.factories import MeetingFactory
from tests.security.test_url_walk import _world

R = "Arkivtest"


@dataclass
class Unpacked:
    """The package as read back: its root folder's name and every file's bytes by path."""

    root: str
    files: dict

    def read(self, path):
        return self.files[path]


def unpack(zip_bytes):
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        names = archive.namelist()
        roots = {name.split("/", 1)[0] for name in names}
        assert len(roots) == 1, roots  # one folder, named as the package (CSIP)
        root = roots.pop()
        return Unpacked(
            root, {name.split("/", 1)[1]: archive.read(name) for name in names if "/" in name}
        )


@pytest.fixture
def world(partnership_a, org_a, rep_a, staff, city, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = _world(
        partnership_a, org_a, rep_a, staff, city, {"governance", "lifecycle", "reporting"}
    )
    # A meeting in the drawn chair's term; the adjuster is another member.
    day = world.partnership.start_date + timedelta(days=10)
    chair = chair_on(world.group, day)
    adjuster = world.group.members.exclude(pk=chair.pk).exclude(user=None).first()
    meeting = MeetingFactory(group=world.group, date=day)
    item = agenda_item_add(meeting=meeting, title="Verksamhetsplan", actor=staff, reason=R)
    item_minutes_update(item, minutes_text="Planen antogs.", actor=staff, reason=R)
    meeting_set_status(meeting, status=Meeting.Status.HELD, actor=staff, reason=R)
    minutes_set_adjuster(meeting=meeting, adjuster=adjuster, actor=staff, reason=R)
    minutes_approve(meeting=meeting, role="chair", actor=chair.user or staff, reason=R)
    minutes_approve(meeting=meeting, role="adjuster", actor=adjuster.user, reason=R)
    world.held_meeting = meeting
    return world
