"""Every change leaves a history row with who and why, through the staff views and the admin,
and the partnership's timeline shows the field-level difference."""

import pytest
from django.template.loader import render_to_string
from django.test.html import parse_html
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from iop.concurrency import current_version
from iop.pages.history import timeline, timeline_html
from partnerships.history.changes import FieldChange, TimelineEntry
from partnerships.models import Commitment
from partnerships.services.annexes import commitment_update
from tests.factories import CommitmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_edit_of_a_commitment_records_user_reason_and_difference(staff_client, staff):
    commitment = CommitmentFactory(title="Öppen verksamhet tre dagar i veckan")
    response = staff_client.post(
        reverse("partnerships:commitment_edit", args=[commitment.pk]),
        {
            "order": 1,
            "title": "Öppen verksamhet fyra dagar i veckan",
            "description": "",
            "reason": "Beslut i styrgruppen 2024-03-12 § 4",
            "version": current_version(commitment),
        },
    )
    assert response.status_code == 302

    latest = commitment.history.latest()
    assert latest.history_user == staff
    assert latest.history_change_reason == "Beslut i styrgruppen 2024-03-12 § 4"

    partnership = commitment.annex.partnership
    page = staff_client.get(reverse("partnerships:history", args=[partnership.pk])).content.decode()
    timeline = page[page.index('id="historik-heading"') :]
    assert "Beslut i styrgruppen 2024-03-12 § 4" in timeline
    assert "Öppen verksamhet tre dagar i veckan" in timeline  # old value
    assert "Öppen verksamhet fyra dagar i veckan" in timeline  # new value
    assert "Hanna Handläggare" in timeline


def test_a_save_without_reason_is_refused_and_keeps_what_was_typed(staff_client):
    commitment = CommitmentFactory(title="Före")
    response = staff_client.post(
        reverse("partnerships:commitment_edit", args=[commitment.pk]),
        {"order": 1, "title": "Efter, men utan anledning", "description": "", "reason": ""},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Skriv en kort anledning till ändringen." in content
    assert 'value="Efter, men utan anledning"' in content
    commitment.refresh_from_db()
    assert commitment.title == "Före"


def test_admin_change_records_user_and_reason(client):
    admin_user = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin_user)
    commitment = CommitmentFactory(title="Gammal rubrik")
    url = reverse("admin:partnerships_commitment_change", args=[commitment.pk])
    response = client.post(
        url,
        {
            "annex": commitment.annex_id,
            "order": 0,
            "title": "Ny rubrik från admin",
            "description": "",
            "change_reason": "Rättat stavfel i administrationen",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = Commitment.objects.get(pk=commitment.pk).history.latest()
    assert latest.title == "Ny rubrik från admin"
    assert latest.history_user == admin_user
    assert latest.history_change_reason == "Rättat stavfel i administrationen"


def test_admin_refuses_a_change_without_reason(client):
    admin_user = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin_user)
    commitment = CommitmentFactory(title="Gammal rubrik")
    response = client.post(
        reverse("admin:partnerships_commitment_change", args=[commitment.pk]),
        {"annex": commitment.annex_id, "order": 0, "title": "Ny", "description": ""},
    )
    assert response.status_code == 200
    assert "Skriv en kort anledning till ändringen." in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.title == "Gammal rubrik"


def test_deleted_commitment_stays_in_the_timeline(staff_client):
    commitment = CommitmentFactory(title="Åtagande som utgår")
    partnership = commitment.annex.partnership
    response = staff_client.post(
        reverse("partnerships:commitment_delete", args=[commitment.pk]),
        {"reason": "Åtagandet utgår enligt beslut"},
    )
    assert response.status_code == 302
    page = staff_client.get(reverse("partnerships:history", args=[partnership.pk])).content.decode()
    assert "borttagen av Hanna Handläggare" in page
    assert "Åtagandet utgår enligt beslut" in page
    assert "Åtagande som utgår" in page


def _reworded(commitment, staff, times, prefix="Version"):
    for number in range(times):
        commitment = commitment_update(
            commitment, actor=staff, reason=f"{prefix} {number}", title=f"{prefix} {number}"
        )
    return commitment


def test_history_pages_show_every_change_once_newest_first(staff_client, staff):
    commitment = CommitmentFactory(title="Start")
    _reworded(commitment, staff, 60)
    url = reverse("partnerships:history", args=[commitment.annex.partnership_id])

    def reasons(page):
        response = staff_client.get(url, {"sida": page} if page is not None else {})
        return response, [entry.reason for entry in response.context["page"].object_list]

    first, newest = reasons(None)
    total = first.context["page"].paginator.count
    assert total > 60
    assert f"{total} registrerade ändringar" in first.content.decode()
    assert newest[:2] == ["Version 59", "Version 58"]
    assert len(newest) == 50
    second, rest = reasons(2)
    assert len(rest) == total - 50
    assert "Version 9" in rest and "Version 10" in newest
    assert "Sida 2 av 2" in second.content.decode()
    # A page past the end shows the last page, one that is not a number the first, as before.
    assert reasons(9)[1] == rest
    assert reasons("99999999999999999999")[1] == rest  # no SQL offset too large for a bigint
    assert reasons("x")[1] == newest


def test_history_page_queries_do_not_grow_with_the_history(staff_client, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    commitment = _reworded(CommitmentFactory(title="Start"), staff, 3)
    url = reverse("partnerships:history", args=[commitment.annex.partnership_id])
    staff_client.get(url)
    with CaptureQueriesContext(connection) as short:
        staff_client.get(url)
    _reworded(commitment, staff, 120, prefix="Senare")
    with CaptureQueriesContext(connection) as long:
        response = staff_client.get(url, {"sida": 2})
    assert response.context["page"].paginator.count > 120
    # Queries depend on the kinds of objects on the page (two per model), not on the history's
    # length: the short history's page shows more kinds than this page of commitments.
    assert len(long) <= len(short)
    # The page's rows bring the total along: no separate count of the whole history.
    assert not [q for q in long.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]


def test_each_partnership_sees_only_its_own_history(staff_client, staff):
    """The timeline's SQL is compiled once for all partnerships; each gets its own rows."""
    first = _reworded(CommitmentFactory(title="Första"), staff, 2, prefix="Första")
    second = _reworded(CommitmentFactory(title="Andra"), staff, 2, prefix="Andra")
    for commitment, own, other in ((first, "Första", "Andra"), (second, "Andra", "Första")):
        page = staff_client.get(
            reverse("partnerships:history", args=[commitment.annex.partnership_id])
        ).content.decode()
        assert f"{own} 1" in page
        assert f"{other} 1" not in page


def test_long_values_are_cut_in_the_diff(staff_client, staff):
    commitment = CommitmentFactory(title="Kort", description="")
    commitment_update(
        commitment, actor=staff, reason="Lång text", description="ord " * 200 + "SLUTET"
    )
    page = staff_client.get(
        reverse("partnerships:history", args=[commitment.annex.partnership_id])
    ).content.decode()
    assert "ord ord" in page
    assert "SLUTET" not in page
    assert "…" in page


def test_lists_read_as_lists_in_the_history(staff_client, partnership_a):
    """A report template's age bands are a JSON list: shown as "0–17, 18–64, 65+", not as
    Python's ['0–17', …]."""
    from tests.reporting.conftest import make_template

    make_template(partnership_a)
    page = staff_client.get(reverse("partnerships:history", args=[partnership_a.pk]))
    html = page.content.decode()
    assert "0–17, 18–64, 65+" in html
    assert "[&#x27;" not in html


def test_admin_bulk_delete_records_user_and_reason_for_each_row(client):
    admin_user = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin_user)
    first = CommitmentFactory(title="Första som utgår")
    second = CommitmentFactory(title="Andra som utgår")
    kept = CommitmentFactory(title="Blir kvar")

    response = client.post(
        reverse("admin:partnerships_commitment_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [first.pk, second.pk],
            "post": "yes",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(Commitment.objects.values_list("pk", flat=True)) == [kept.pk]
    for gone in (first, second):
        deletion = Commitment.history.filter(id=gone.pk, history_type="-").get()
        assert deletion.history_user == admin_user
        assert deletion.history_change_reason == "Borttagen i administrationen"


def test_rows_deleted_along_with_an_object_carry_its_who_and_why(client):
    """Deleting a bilaga in the admin deletes its commitments too: their history rows name the
    administrator and the reason, like the bilaga's own."""
    from partnerships.models import Annex

    admin_user = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin_user)
    commitment = CommitmentFactory(title="Följer med bilagan")
    annex = commitment.annex
    response = client.post(
        reverse("admin:partnerships_annex_delete", args=[annex.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Annex.objects.filter(pk=annex.pk).exists()
    for model, pk in ((Annex, annex.pk), (Commitment, commitment.pk)):
        deletion = model.history.get(id=pk, history_type="-")
        assert deletion.history_user == admin_user
        assert deletion.history_change_reason == "Borttagen i administrationen"


def test_history_page_writes_the_timeline_as_the_shared_partial_does(staff, partnership_a):
    """The history page writes its entries in Python (iop/pages/history.timeline_html) for
    speed; the overview's shorter lists use partnerships/partials/timeline.html. Both must show
    the same: created, changed (with before and after), deleted, an unknown user, a reason,
    characters to escape, an amount already marked safe, and an empty timeline."""
    commitment = CommitmentFactory(annex__partnership=partnership_a, title="<b>Gammal</b> & co")
    commitment = commitment_update(
        commitment, actor=staff, reason="Beslut <§ 4>", title="Ny \"rubrik\" 'x'"
    )
    entries = list(timeline(partnership_a).page(None, per_page=50)) + [
        TimelineEntry(
            when=timezone.now(),
            user=None,
            reason="",
            kind="-",
            model_label="Ersättning",
            object_label="<i>#1</i>",
        ),
        TimelineEntry(
            when=timezone.now(),
            user=staff,
            reason="Ändrat belopp",
            kind="~",
            model_label="Ersättning",
            object_label="2025",
            changes=[FieldChange("Belopp", mark_safe("1&nbsp;000 kr"), "2 000 <kr>")],
        ),
    ]
    assert any(entry.kind == "~" for entry in entries) and any(e.kind == "+" for e in entries)
    for shown in (entries, []):
        partial = render_to_string("partnerships/partials/timeline.html", {"entries": shown})
        assert parse_html(str(timeline_html(shown))) == parse_html(partial)
    assert "&lt;b&gt;Gammal&lt;/b&gt; &amp; co" in timeline_html(entries)
    assert "1&nbsp;000 kr" in timeline_html(entries)
