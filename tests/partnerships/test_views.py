import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Annex, Commitment, Organisation, Partnership
from tests.factories import (
    AnnexFactory,
    CommitmentFactory,
    CompensationFactory,
    GoalFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db


def _full_partnership(index):
    partnership = PartnershipFactory(title=f"Partnerskap {index:02d}")
    for goal in range(3):
        GoalFactory(partnership=partnership, order=goal)
    for _ in range(2):
        participation = ParticipationFactory(partnership=partnership)
        annex = AnnexFactory(partnership=partnership, participation=participation)
        CommitmentFactory(annex=annex)
        CommitmentFactory(annex=annex)
        CompensationFactory(annex=annex)
    return partnership


def test_register_runs_the_same_queries_with_3_and_30_partnerships(
    staff_client, django_assert_num_queries
):
    for index in range(3):
        _full_partnership(index)
    url = reverse("partnerships:list")
    staff_client.get(url)  # warm the session and the user
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert staff_client.get(url).status_code == 200
    for index in range(3, 30):
        _full_partnership(index)
    with django_assert_num_queries(len(few)):
        response = staff_client.get(url)
    assert response.context["total"] == 30


def test_detail_runs_the_same_queries_with_3_and_30_partnerships(
    staff_client, django_assert_num_queries
):
    partnerships = [_full_partnership(index) for index in range(3)]
    url = reverse("partnerships:detail", args=[partnerships[0].pk])
    staff_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert staff_client.get(url).status_code == 200
    for index in range(3, 30):
        _full_partnership(index)
    with django_assert_num_queries(len(few)):
        staff_client.get(url)


def test_detail_queries_do_not_grow_with_the_partnerships_history(staff_client, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partnerships.services.annexes import commitment_update

    partnership = _full_partnership(0)
    url = reverse("partnerships:detail", args=[partnership.pk])
    staff_client.get(url)
    with CaptureQueriesContext(connection) as small:
        staff_client.get(url)
    for participation_round in range(5):
        participation = ParticipationFactory(partnership=partnership)
        annex = AnnexFactory(partnership=partnership, participation=participation)
        commitment = CommitmentFactory(annex=annex)
        for edit in range(10):
            commitment_update(
                commitment,
                actor=staff,
                reason=f"Ändring {participation_round}.{edit}",
                title=f"V{edit}",
            )
    with CaptureQueriesContext(connection) as large:
        response = staff_client.get(url)
    assert response.context["changes"] > 60
    assert len(large) <= len(small)
    assert len(large) <= 12, [q["sql"][:80] for q in large.captured_queries]


def test_register_searches_title_dnr_and_party_and_filters(staff_client):
    street_minds = OrganisationFactory(name="Street Minds")
    bostad_forst = PartnershipFactory(
        title="Bostad Först – öppen verksamhet",
        registration_number="SOF 2023/202",
        start_date=date(2023, 7, 1),
        # Still running: one whose end has passed is listed as ended (test_status_follows_dates).
        end_date=date(2099, 6, 30),
    )
    ParticipationFactory(partnership=bostad_forst, organisation=street_minds)
    other = PartnershipFactory(
        title="Ensamkommande",
        registration_number="2.11.6-167/2019",
        status=Partnership.Status.ENDED,
        start_date=date(2019, 9, 1),
        end_date=date(2020, 8, 31),
    )
    url = reverse("partnerships:list")

    def titles(**params):
        response = staff_client.get(url, params)
        return {p.title for p in response.context["page"].object_list}

    assert titles(q="street minds") == {bostad_forst.title}
    assert titles(q="167/2019") == {other.title}
    assert titles(q="bostad") == {bostad_forst.title}
    assert titles(status="ended") == {other.title}
    assert titles(organisation="street") == {bostad_forst.title}
    assert titles(year=2020) == {other.title}
    assert titles(year=2024) == {bostad_forst.title}
    # The organisation is typed (a list of every party is too long at a city's scale): the
    # text is kept in the field, escaped, and one that no party's name holds is named.
    OrganisationFactory(name="<b>Förening & co</b>")
    ParticipationFactory(
        partnership=other, organisation=Organisation.objects.get(name__startswith="<b>")
    )
    assert titles(organisation="<b>Förening") == {other.title}
    page = staff_client.get(url, {"organisation": "<b>Förening"}).content.decode()
    assert 'name="organisation" value="&lt;b&gt;Förening"' in page
    assert "<b>Förening" not in page
    page = staff_client.get(url, {"organisation": "Ingen sådan", "year": 2020}).content.decode()
    assert "Ingen part har ett namn eller organisationsnummer med ”Ingen sådan”." in page
    assert titles(organisation="Ingen sådan", year=2020) == {other.title}  # the others apply


def test_register_names_a_refused_filter_and_still_applies_the_others(staff_client):
    PartnershipFactory(title="Avslutat", status=Partnership.Status.ENDED)
    PartnershipFactory(
        title="Pågående", status=Partnership.Status.ACTIVE, end_date=date(2099, 12, 31)
    )
    response = staff_client.get(
        reverse("partnerships:list"), {"status": "ended", "year": "20245", "q": "x" * 201}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kontrollera att detta värde är mindre än eller lika med 2100." in page
    assert "Säkerställ att detta värde har som mest 200 tecken (den har 201)." in page
    assert [p.title for p in response.context["page"].object_list] == ["Avslutat"]


def test_organisation_search_refuses_a_nul_character_with_a_message(staff_client):
    """PostgreSQL cannot compare with a string holding NUL: the search went to the database
    unchecked and the page was a server error there."""
    OrganisationFactory(name="Förening Nul")
    url = reverse("partnerships:organisation_list")
    response = staff_client.get(url, {"q": "Nul\x00"})
    assert response.status_code == 200
    assert "Null-tecken är inte tillåtna." in response.content.decode()
    found = staff_client.get(url, {"q": " nul "}).context["page"].object_list
    assert [o.name for o in found] == ["Förening Nul"]


def test_register_is_paginated(staff_client):
    for index in range(30):
        PartnershipFactory(title=f"P {index:02d}")
    first = staff_client.get(reverse("partnerships:list"))
    assert len(first.context["page"].object_list) == 25
    second = staff_client.get(reverse("partnerships:list"), {"sida": 2})
    assert len(second.context["page"].object_list) == 5


def test_detail_shows_period_parties_annexes_and_goals(staff_client, partnership_a, org_a):
    partnership_a.extension_kind = Partnership.ExtensionKind.AUTOMATIC
    partnership_a.extension_months = 6
    partnership_a.extension_last_date = date(2026, 6, 30)
    partnership_a.notice_day = 31
    partnership_a.notice_month = 12
    partnership_a.save()
    GoalFactory(partnership=partnership_a, text="Att minska ensamhet och isolering")
    annex = partnership_a.annexes.get()
    CommitmentFactory(annex=annex, title="Öppen verksamhet")
    CommitmentFactory(annex=annex, title="Samtalsgrupper")
    today = timezone.localdate()
    CompensationFactory(
        annex=annex,
        period_start=today.replace(month=1, day=1),
        period_end=today.replace(month=12, day=31),
        amount=1250000,
    )
    CompensationFactory(
        annex=annex,
        period_start=today.replace(year=today.year - 1, month=1, day=1),
        period_end=today.replace(year=today.year - 1, month=12, day=31),
        amount=999000,
    )
    overview = staff_client.get(
        reverse("partnerships:detail", args=[partnership_a.pk])
    ).content.decode()
    assert "förlängs automatiskt med 6 månader i taget, längst till 2026-06-30" in overview
    assert org_a.name in overview and org_a.org_number in overview
    assert annex.registration_number in overview
    bilagor = overview[overview.index('id="bilagor"') :]
    # This year's compensation and the number of commitments; last year's amount is not summed in.
    assert "1\xa0250\xa0000\xa0kr" in bilagor
    assert "999\xa0000" not in bilagor
    assert '<td class="num" data-label="Åtaganden">2</td>' in bilagor
    # The commitments themselves are on the bilaga's page, the goals under Avtalstext: both are
    # linked from the overview.
    assert f'href="{annex.get_absolute_url()}"' in overview
    assert "Öppen verksamhet" in staff_client.get(annex.get_absolute_url()).content.decode()
    text_url = reverse("partnerships:agreement_text", args=[partnership_a.pk])
    assert f'href="{text_url}"' in overview
    assert "Att minska ensamhet och isolering" in staff_client.get(text_url).content.decode()


def test_partnership_tabs_show_their_sections_and_mark_the_current_one(staff_client, partnership_a):
    for tab, heading in (
        ("livscykel", "Livscykel och period"),
        ("andringar", "Underskrifter av överenskommelsen"),
        ("ekonomi", "Ekonomi"),
    ):
        url = reverse("partnerships:section", args=[partnership_a.pk, tab])
        page = staff_client.get(url).content.decode()
        assert heading in page
        assert f'<a href="{url}" aria-current="page">' in page
    assert staff_client.get(f"/partnerskap/{partnership_a.pk}/okand/").status_code == 404


def test_a_tab_is_titled_by_its_name_and_a_number_no_partnership_can_have_is_not_found(
    staff_client, partnership_a
):
    page = staff_client.get(reverse("partnerships:section", args=[partnership_a.pk, "ekonomi"]))
    assert f"<title>Ekonomi – {partnership_a.title} – IOP</title>" in page.content.decode()
    # Beyond the id column's range: the page of a partnership that does not exist, not an error.
    for url in ("/partnerskap/99999999999999999999/ekonomi/", "/partnerskap/99999999999999999999/"):
        assert staff_client.get(url).status_code == 404


def test_staff_create_partnership_through_the_form(staff_client):
    response = staff_client.post(
        reverse("partnerships:create"),
        {
            "title": "Nytt partnerskap",
            "registration_number": "SOF 2025/9",
            "status": "draft",
            "start_date": "2025-01-01",
            "end_date": "2025-12-31",
            "extension_kind": "none",
            "party_notice_months": 4,
            "termination_notice_months": 3,
            "reason": "Nytt IOP enligt nämndbeslut",
        },
    )
    assert response.status_code == 302
    partnership = Partnership.objects.get(registration_number="SOF 2025/9")
    assert partnership.history.get().history_change_reason == "Nytt IOP enligt nämndbeslut"


def test_refused_partnership_form_keeps_input_and_explains_in_swedish(staff_client):
    response = staff_client.post(
        reverse("partnerships:create"),
        {
            "title": "Fel datum",
            "registration_number": "SOF 2025/10",
            "status": "draft",
            "start_date": "2025-12-31",
            "end_date": "2025-01-01",
            "extension_kind": "none",
            "party_notice_months": 4,
            "termination_notice_months": 3,
            "reason": "Test",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Slutdatum kan inte vara före startdatum." in content
    assert 'value="Fel datum"' in content
    assert not Partnership.objects.filter(registration_number="SOF 2025/10").exists()


def test_staff_add_commitment(staff_client):
    annex = AnnexFactory()
    response = staff_client.post(
        reverse("partnerships:commitment_create", args=[annex.pk]),
        {"order": 1, "title": "Uppsökande arbete", "description": "Med CM", "reason": "Ny bilaga"},
    )
    assert response.status_code == 302
    assert Commitment.objects.filter(annex=annex, title="Uppsökande arbete").exists()


def test_organisation_page_lists_its_partnerships_and_annexes(staff_client, partnership_a, org_a):
    annex = partnership_a.annexes.get()
    content = staff_client.get(
        reverse("partnerships:organisation_detail", args=[org_a.pk])
    ).content.decode()
    assert partnership_a.title in content
    assert annex.registration_number in content


STAFF_PAGES = [
    ("partnerships:list", None),
    ("partnerships:create", None),
    ("partnerships:detail", "partnership"),
    ("partnerships:edit", "partnership"),
    ("partnerships:history", "partnership"),
    ("partnerships:participation_create", "partnership"),
    ("partnerships:annex_create", "partnership"),
    ("partnerships:goal_create", "partnership"),
    ("partnerships:annex_detail", "annex"),
    ("partnerships:annex_edit", "annex"),
    ("partnerships:commitment_create", "annex"),
    ("partnerships:organisation_list", None),
    ("partnerships:organisation_detail", "organisation"),
]


def _url(name, kind, partnership):
    if kind is None:
        return reverse(name)
    obj = {
        "partnership": partnership,
        "annex": partnership.annexes.first(),
        "organisation": partnership.participations.first().organisation,
    }[kind]
    return reverse(name, args=[obj.pk])


@pytest.mark.parametrize("name,kind", STAFF_PAGES)
def test_staff_pages_for_each_kind_of_visitor(
    client, staff, rep_a, rep_b, partnership_a, name, kind
):
    url = _url(name, kind, partnership_a)

    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))

    client.force_login(rep_a)  # NGO A is a party, but staff pages are not for representatives
    assert client.get(url).status_code == 403
    client.force_login(rep_b)
    assert client.get(url).status_code == 403

    client.force_login(staff)
    assert client.get(url).status_code == 200


def test_representative_lands_on_their_portal_with_only_their_partnerships(
    client_a, partnership_a, partnership_b
):
    response = client_a.get(reverse("home"), follow=True)
    content = response.content.decode()
    assert partnership_a.title in content
    assert partnership_b.title not in content


# --- Compensation running past the bilaga's end ------------------------------------------

PAST_END_REMARK = (
    "Ersättningsperioden slutar 2025-12-31, efter bilagans slutdatum 2024-12-31. "
    "Kontrollera att bilagan förlängs."
)


def _warnings(response):
    return [m.message for m in response.context["messages"] if m.level_tag == "warning"]


def test_compensation_past_the_bilaga_end_is_saved_with_a_warning(staff_client, partnership_a):
    annex = partnership_a.annexes.get()  # 2024-01-01 – 2024-12-31
    response = staff_client.post(
        reverse("partnerships:compensation_create", args=[annex.pk]),
        {
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "amount": "500000",
            "reason": "Beslut om förlängning väntas",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == annex.get_absolute_url()
    assert annex.compensations.get().period_end == date(2025, 12, 31)
    assert _warnings(response) == [PAST_END_REMARK]
    page = response.content.decode()
    assert f'<p class="message message-warning">{PAST_END_REMARK}</p>' in page
    # And next to the row in the bilaga's list, where it stays after the message is gone.
    assert f'<p class="notice small">{PAST_END_REMARK}</p>' in page
    page = staff_client.get(annex.get_absolute_url()).content.decode()
    assert f'<p class="notice small">{PAST_END_REMARK}</p>' in page
    assert "message-warning" not in page


def test_editing_compensation_to_end_past_the_bilaga_warns(staff_client, partnership_a):
    annex = partnership_a.annexes.get()
    compensation = CompensationFactory(annex=annex)
    url = reverse("partnerships:compensation_edit", args=[compensation.pk])
    form = {
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
        "amount": "500000",
        "reason": "Nytt belopp",
    }
    response = staff_client.post(url, form, follow=True)
    assert _warnings(response) == []
    assert "Kontrollera att bilagan förlängs." not in response.content.decode()

    response = staff_client.post(url, {**form, "period_end": "2025-12-31"}, follow=True)
    assert _warnings(response) == [PAST_END_REMARK]


def test_bilaga_page_marks_only_the_rows_past_its_end_without_extra_queries(
    staff_client, partnership_a, django_assert_num_queries
):
    annex = partnership_a.annexes.get()
    CompensationFactory(annex=annex)  # within the bilaga: no remark
    url = annex.get_absolute_url()
    staff_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        page = staff_client.get(url).content.decode()
    assert "Kontrollera att bilagan förlängs." not in page
    for year in range(2025, 2030):
        CompensationFactory(
            annex=annex, period_start=date(year, 1, 1), period_end=date(year, 12, 31)
        )
    with django_assert_num_queries(len(one)):
        page = staff_client.get(url).content.decode()
    assert page.count("Kontrollera att bilagan förlängs.") == 5
    assert PAST_END_REMARK in page


def test_a_bilaga_keeps_its_party_when_edited(staff_client, partnership_a, org_b, rep_b):
    # Moving a bilaga to another party left the first party's grant in place: it went on seeing
    # the bilaga, its payments and signatures. The party is chosen once.
    from iop.concurrency import current_version

    annex = partnership_a.annexes.get()
    other = ParticipationFactory(partnership=partnership_a, organisation=org_b)
    form = {
        "participation": other.pk,
        "number": annex.number,
        "title": "Ny titel",
        "registration_number": annex.registration_number,
        "start_date": annex.start_date.isoformat(),
        "end_date": annex.end_date.isoformat(),
        "description": annex.description,
        "reason": "Rättad titel",
        "version": current_version(annex),
    }
    page = staff_client.get(reverse("partnerships:annex_edit", args=[annex.pk])).content.decode()
    assert re.search(r'<select name="participation"[^>]* disabled', page)
    response = staff_client.post(reverse("partnerships:annex_edit", args=[annex.pk]), form)
    assert response.status_code == 302
    annex.refresh_from_db()
    assert annex.title == "Ny titel"
    assert annex.participation.organisation != org_b
    assert not Annex.objects.visible_to(rep_b).filter(pk=annex.pk).exists()


def test_overview_parties_show_who_has_left_and_whom_notice_may_be_given(
    staff_client, partnership_a
):
    """The Parter rows are written in Python (iop/pages/partnership.party_rows_html): a party
    that has left is marked, with its reason and note, and offers no notice; every value is
    escaped; each link names its party for a screen reader."""
    today = timezone.localdate()
    partnership_a.end_date = date(today.year + 1, 12, 31)  # running: its parties have not left
    partnership_a.save()
    gone = ParticipationFactory(
        partnership=partnership_a,
        organisation=OrganisationFactory(name="Gamla <Föreningen> & co"),
        unit="Enhet <syd>",
        left_on=today - timedelta(days=1),
        leave_reason="notice",
        leave_note="Flyttade <verksamheten>",
    )
    staying = partnership_a.participations.get(organisation__name="Förening A")
    overview = staff_client.get(
        reverse("partnerships:detail", args=[partnership_a.pk])
    ).content.decode()
    rows = re.findall(r"<tr[^>]*>.*?</tr>", overview[overview.index('id="parter"') :], re.S)
    gone_row = next(row for row in rows if "Gamla" in row)
    staying_row = next(row for row in rows if "Förening A" in row)
    assert gone_row.startswith('<tr class="row-left">')
    assert "Gamla &lt;Föreningen&gt; &amp; co" in gone_row
    assert "Idéburen organisation, Enhet &lt;syd&gt;" in gone_row
    assert (today - timedelta(days=1)).isoformat() in gone_row
    assert "Parten sade upp sitt åtagande" in gone_row
    assert "Flyttade &lt;verksamheten&gt;" in gone_row
    assert "?part=" not in gone_row
    assert f'href="{reverse("partnerships:participation_edit", args=[gone.pk])}"' in gone_row
    assert not staying_row.startswith('<tr class="row-left">')
    notice_url = reverse("partnerships:notice_create", args=[partnership_a.pk])
    assert (
        f'<a href="{notice_url}?part={staying.pk}">Uppsägning'
        '<span class="visually-hidden"> Förening A</span></a>'
    ) in staying_row
    assert '<td data-label="Part">Förening A</td>' in overview[overview.index('id="bilagor"') :]
