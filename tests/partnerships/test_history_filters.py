"""The history page narrowed by part, person and dates: filtered in the timeline's one query,
kept in the page links, and a refused value named in Swedish instead of a 500."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from iop.history import save_with_history
from tests.factories import CommitmentFactory, GoalFactory, UserFactory

pytestmark = pytest.mark.django_db


def _at(day, hour=12):
    return datetime(2025, 3, day, hour, tzinfo=ZoneInfo("Europe/Stockholm"))


def _reason_changed(obj, actor, reason, when=None):
    """`obj` (a goal or a commitment) given `reason` as its text, by `actor` at `when`."""
    setattr(obj, "text" if hasattr(obj, "text") else "title", reason)
    return save_with_history(obj, actor=actor, reason=reason, history_date=when)


@pytest.fixture
def history(staff, partnership_a):
    """A goal and a commitment of partnership_a changed by two people on three days."""
    other = UserFactory(username="olle", first_name="Olle", last_name="Ordförande", is_staff=True)
    goal = GoalFactory(partnership=partnership_a)
    commitment = CommitmentFactory(annex__partnership=partnership_a, title="Åtagande")
    _reason_changed(goal, staff, "Målet av Hanna 1 mars", _at(1))
    _reason_changed(commitment, other, "Åtagandet av Olle 2 mars", _at(2))
    _reason_changed(commitment, staff, "Åtagandet av Hanna 3 mars", _at(3, 23))
    return {"partnership": partnership_a, "other": other}


def _reasons(client, partnership, **filters):
    response = client.get(reverse("partnerships:history", args=[partnership.pk]), filters)
    assert response.status_code == 200
    return response, [
        entry.reason for entry in response.context["page"].object_list if entry.reason
    ]


def test_filter_by_part(staff_client, history):
    _response, reasons = _reasons(staff_client, history["partnership"], kind="bilagor")
    assert reasons == ["Åtagandet av Hanna 3 mars", "Åtagandet av Olle 2 mars"]
    _response, reasons = _reasons(staff_client, history["partnership"], kind="avtal")
    assert reasons == ["Målet av Hanna 1 mars"]


def test_filter_by_person_lists_who_changed_something(staff_client, history, staff):
    response, reasons = _reasons(staff_client, history["partnership"], person=history["other"].pk)
    assert reasons == ["Åtagandet av Olle 2 mars"]
    html = response.content.decode()
    assert f'<option value="{history["other"].pk}" selected>Olle Ordförande</option>' in html
    assert f'<option value="{staff.pk}">Hanna Handläggare</option>' in html
    assert "1 ändring matchar urvalet" in html


def test_filter_by_days_includes_both_ends_in_local_time(staff_client, history):
    partnership = history["partnership"]
    _response, reasons = _reasons(staff_client, partnership, start="2025-03-02", end="2025-03-03")
    assert reasons == ["Åtagandet av Hanna 3 mars", "Åtagandet av Olle 2 mars"]
    _response, reasons = _reasons(staff_client, partnership, end="2025-03-01")
    assert "Målet av Hanna 1 mars" in reasons and "Åtagandet av Olle 2 mars" not in reasons
    _response, reasons = _reasons(staff_client, partnership, start="2025-03-04")
    assert reasons == []


def test_filters_combine(staff_client, history, staff):
    _response, reasons = _reasons(
        staff_client, history["partnership"], kind="bilagor", person=staff.pk, start="2025-03-01"
    )
    assert reasons == ["Åtagandet av Hanna 3 mars"]


GOAL = ["Målet av Hanna 1 mars"]


@pytest.mark.parametrize(
    ("filters", "message", "shown"),
    [
        ({"start": "2025-13-45"}, "Fyll i ett giltigt datum.", GOAL),
        ({"end": "igår"}, "Fyll i ett giltigt datum.", GOAL),
        ({"start": "0001-01-01"}, "Kontrollera att detta värde är större än eller lika med", GOAL),
        (
            {"start": "2025-03-03", "end": "2025-03-01"},
            "Till-datumet ligger före från-datumet.",
            [],
        ),
        ({"person": "99999999999999999999999"}, "Välj ett giltigt alternativ.", GOAL),
        ({"person": "x"}, "Välj ett giltigt alternativ.", GOAL),
        ({"kind": "<script>", "end": "2025-03-01"}, "Välj ett giltigt alternativ.", GOAL),
    ],
)
def test_a_refused_filter_is_named_in_swedish_and_the_rest_still_applies(
    staff_client, history, filters, message, shown
):
    response, reasons = _reasons(
        staff_client, history["partnership"], **{"kind": "avtal", **filters}
    )
    html = response.content.decode()
    assert message in html
    assert "<script>" not in html.split("<main", 1)[1]
    assert [reason for reason in reasons if "av " in reason] == shown


def test_page_links_keep_the_filter(staff_client, history, staff):
    goal = GoalFactory(partnership=history["partnership"])
    for number in range(55):
        _reason_changed(goal, staff, f"Version {number}")
    response, reasons = _reasons(
        staff_client, history["partnership"], kind="avtal", person=staff.pk
    )
    assert len(reasons) == 50
    html = response.content.decode()
    assert f"?kind=avtal&amp;person={staff.pk}&amp;sida=2" in html
    _response, rest = _reasons(
        staff_client, history["partnership"], kind="avtal", person=staff.pk, sida=2
    )
    assert "Målet av Hanna 1 mars" in rest


def test_filters_add_no_query_per_row(staff_client, history, staff):
    url = reverse("partnerships:history", args=[history["partnership"].pk])
    filters = {"kind": "bilagor", "person": staff.pk, "start": "2025-01-01", "end": "2030-12-31"}
    staff_client.get(url, filters)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url, filters)
    commitment = CommitmentFactory(annex__partnership=history["partnership"], title="Fler")
    for number in range(40):
        _reason_changed(commitment, staff, f"Ändring {number}")
    with CaptureQueriesContext(connection) as many:
        response = staff_client.get(url, filters)
    assert len(response.context["page"].object_list) > 40
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as unfiltered:
        staff_client.get(url)
    # The filters cost nothing: the same queries as the page without them (the same models).
    assert len(many) <= len(unfiltered)
