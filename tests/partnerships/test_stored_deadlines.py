"""The stored deadlines: kept in step by each write in its transaction, proved equal to a full
computation by `rebuild_deadlines --check`, rebuilt by `rebuild_deadlines`."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from iop.deadlines import deadlines_between
from partnerships.models import Notice, StoredDeadline
from partnerships.services.money import payment_plan_set
from partnerships.services.parties import notice_give
from tests.factories import (
    BOSTAD_FORST_PERIOD,
    AnnexFactory,
    CompensationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)
from tests.governance.factories import GroupFactory, MeetingFactory, MemberFactory

pytestmark = pytest.mark.django_db

WHOLE_LIFE = (date(2000, 1, 1), date(2100, 1, 1))


def _check():
    out, err = StringIO(), StringIO()
    try:
        call_command("rebuild_deadlines", "--check", stdout=out, stderr=err)
    except SystemExit as exit:
        return exit.code, out.getvalue() + err.getvalue()
    return 0, out.getvalue()


@pytest.fixture
def bostad_forst(city, staff):
    partnership = PartnershipFactory(**BOSTAD_FORST_PERIOD)
    ParticipationFactory(partnership=partnership, organisation=city)
    party = ParticipationFactory(
        partnership=partnership, organisation=OrganisationFactory(name="Street Minds")
    )
    annex = AnnexFactory(partnership=partnership, participation=party)
    CompensationFactory(annex=annex, period_start=date(2023, 7, 1), period_end=date(2024, 6, 30))
    payment_plan_set(
        annex=annex, rule="quarterly_in_advance", actor=staff, reason="Utbetalningsplan"
    )
    return partnership


def test_the_demo_deadlines_are_stored_as_a_full_computation_gives_them(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    assert StoredDeadline.objects.filter(kind="report_due").exists()
    assert _check() == (0, "The stored deadlines are those a full computation gives.\n")


def test_check_names_a_stale_row_and_rebuild_makes_the_table_right(bostad_forst):
    assert _check()[0] == 0
    row = StoredDeadline.objects.get(kind="agreement_end")
    row.title = "Fel titel"
    row.save()
    status, output = _check()
    assert status == 1
    assert "missing: 2026-06-30 agreement_end" in output
    assert "Bostad Först löper ut" in output and "Fel titel" in output
    assert _check()[0] == 1  # --check writes nothing

    out = StringIO()
    call_command("rebuild_deadlines", stdout=out)
    assert out.getvalue() == "1 deadline(s) stored, 1 removed.\n"
    assert _check()[0] == 0
    assert [d.title for d in deadlines_between(*WHOLE_LIFE, kinds={"agreement_end"})] == [
        "Bostad Först löper ut"
    ]


def _kinds():
    return [(d.due, d.kind) for d in deadlines_between(*WHOLE_LIFE, kinds={"notice_last_day"})]


def test_a_write_and_its_deadlines_commit_or_roll_back_together(bostad_forst, staff):
    before = _kinds()
    assert before == [
        (date(2023, 12, 31), "notice_last_day"),
        (date(2024, 12, 31), "notice_last_day"),
    ]
    with pytest.raises(RuntimeError), transaction.atomic():
        notice_give(
            partnership=bostad_forst,
            kind=Notice.Kind.PARTNERSHIP,
            given_on=date(2024, 3, 1),
            actor=staff,
            reason="Staden säger upp partnerskapet",
        )
        # Read in the same transaction: the notice has already taken the last day away.
        assert _kinds() == [(date(2023, 12, 31), "notice_last_day")]
        raise RuntimeError("rolled back")
    assert _kinds() == before


def test_renaming_a_party_renames_its_deadlines(bostad_forst):
    party = bostad_forst.participations.get(organisation__name="Street Minds").organisation
    party.name = "Gatans vänner"
    party.save()
    titles = {d.title for d in deadlines_between(*WHOLE_LIFE, kinds={"payment_due"})}
    assert titles == {"Utbetalning till Gatans vänner"}
    assert _check()[0] == 0


def test_deleting_what_deadlines_come_from_takes_them_away(bostad_forst, city):
    bostad_forst.annexes.get().payments.all().delete()
    assert not StoredDeadline.objects.filter(partnership=bostad_forst, kind="payment_due").exists()
    # A partnership with a group: deleting it cascades to the group, its members and meetings.
    # (Running still: the groups of a partnership that is over owe no meeting.)
    partnership = PartnershipFactory(start_date=date(2024, 1, 1), end_date=date(2099, 12, 31))
    ParticipationFactory(partnership=partnership, organisation=city)
    group = GroupFactory(partnership=partnership, established_on=date(2024, 1, 1))
    MemberFactory(group=group, organisation=city)
    MeetingFactory(group=group, date=date(2024, 2, 1), status="held")
    assert StoredDeadline.objects.filter(partnership=partnership, kind="meeting_due").exists()
    partnership.delete()
    assert not StoredDeadline.objects.filter(partnership_id=partnership.pk).exists()
    assert _check()[0] == 0


def test_replanning_payments_refreshes_the_deadlines_once_and_leaves_them_right(
    bostad_forst, staff, monkeypatch
):
    from iop import deadlines
    from partnerships.services.money import payments_generate

    annex = bostad_forst.annexes.get()
    CompensationFactory(annex=annex, period_start=date(2024, 7, 1), period_end=date(2025, 6, 30))
    refreshed = []
    real_refresh = deadlines.refresh

    def counting_refresh(ids, sources=deadlines.ALL):
        refreshed.append((list(ids), tuple(sources)))
        return real_refresh(ids, sources)

    monkeypatch.setattr(deadlines, "refresh", counting_refresh)
    created = payments_generate(annex=annex, actor=staff, reason="Ny ersättning")

    assert len(created) == 8  # the four old payments replaced, four new
    # Once for the partnership, not once for each of the 12 payments deleted and created.
    assert refreshed == [([bostad_forst.pk], ("lifecycle",))]
    assert _check()[0] == 0
    payments = deadlines_between(*WHOLE_LIFE, kinds={"payment_due"})
    assert sorted(d.due for d in payments) == sorted(p.due_on for p in created)


def test_a_failed_batch_leaves_neither_its_writes_nor_its_deadlines(bostad_forst, staff):
    from iop.deadlines import batched
    from partnerships.models import Payment

    annex = bostad_forst.annexes.get()
    before = StoredDeadline.objects.filter(kind="payment_due").count()
    with pytest.raises(RuntimeError), transaction.atomic():
        with batched():
            Payment.objects.filter(annex=annex).first().delete()
            raise RuntimeError
    assert StoredDeadline.objects.filter(kind="payment_due").count() == before
    assert _check()[0] == 0


def test_an_english_speaking_user_reads_the_deadline_titles_in_english(
    bostad_forst, staff_client, settings
):
    """Titles are stored as their message and its values and translated when shown: Kommande
    in English shows English titles (kind labels were translated already), the calendar feed
    and the portal read the same `shown_title`; Swedish stays the default."""
    window = {"start": "2023-07-01", "end": "2024-07-31"}
    swedish = staff_client.get(reverse("deadlines:dashboard"), window).content.decode()
    assert "Utbetalning till Street Minds" in swedish

    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = staff_client.get(reverse("deadlines:dashboard"), window).content.decode()
    assert "Payment to Street Minds" in english
    assert "Utbetalning till" not in english

    annex = bostad_forst.annexes.get()
    with translation.override("en"):
        titles = {d.shown_title for d in deadlines_between(*WHOLE_LIFE)}
    # A title inside a title (the bilaga's label in the statement's) is translated too.
    assert f"Financial statement Annex {annex.number}: {annex.title}" in titles
    assert f"{bostad_forst.title} expires" in titles
    # What the list is ordered by and the calendar's UIDs are made of stays the same text.
    assert {d.title for d in deadlines_between(*WHOLE_LIFE)} == set(
        StoredDeadline.objects.values_list("title", flat=True)
    )
    assert _check()[0] == 0
