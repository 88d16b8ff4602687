"""Amendments change every term of a signed agreement (issue 14, point 3): the period rules and
the goals, applied only when every current party has signed, with the amendment in the history."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from partnerships.models import Amendment, Clause, Goal, Signature
from partnerships.services.agreements import goal_delete
from partnerships.services.amendments import (
    amendment_create,
    amendment_submit,
    amendment_withdraw,
    signature_create,
)
from partnerships.services.money import payment_mark_paid, payment_plan_set, payments_generate
from tests.factories import CommitmentFactory, CompensationFactory, GoalFactory, write_terms


def _sign(partnership, party, staff, amendment):
    return signature_create(
        partnership=partnership,
        participation=party,
        document=Signature.Document.AMENDMENT,
        amendment=amendment,
        signatory_name=f"Firmatecknare {party.organisation.name}",
        signed_on=date(2024, 3, 1),
        actor=staff,
        reason="Undertecknad",
    )


@pytest.fixture
def goals(partnership_a):
    return [
        GoalFactory(partnership=partnership_a, order=1, text="Fler i eget boende"),
        GoalFactory(partnership=partnership_a, order=2, text="Färre vräkningar"),
    ]


def _propose(partnership, staff, **changes):
    amendment = amendment_create(
        partnership=partnership,
        title="Nya villkor",
        target=Amendment.Target.PARTNERSHIP,
        changes=changes,
        actor=staff,
        reason="Styrgruppens förslag",
    )
    amendment_submit(amendment, actor=staff, reason="Klar för underskrift")
    return amendment


def _check_deadlines():
    out = StringIO()
    try:
        call_command("rebuild_deadlines", "--check", stdout=out, stderr=out)
    except SystemExit as exit:
        return exit.code
    return 0


def test_period_rules_and_goals_change_only_with_the_last_signature(partnership_a, goals, staff):
    first, second = goals
    amendment = _propose(
        partnership_a,
        staff,
        termination_notice_months=6,
        party_notice_months=None,
        goals={"add": ["Fler i arbete"], "change": {str(first.pk): "Alla i eget boende"}},
    )
    city, ngo = partnership_a.participations.all()
    _sign(partnership_a, city, staff, amendment)
    partnership_a.refresh_from_db()
    # One party has signed: nothing has changed.
    assert partnership_a.termination_notice_months == 3
    assert partnership_a.party_notice_months == 4
    assert [g.text for g in partnership_a.goals.all()] == ["Fler i eget boende", "Färre vräkningar"]

    _sign(partnership_a, ngo, staff, amendment)
    partnership_a.refresh_from_db()
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.IN_FORCE
    assert partnership_a.termination_notice_months == 6
    assert partnership_a.party_notice_months is None  # no rule for a party's notice
    assert [g.text for g in partnership_a.goals.all()] == [
        "Alla i eget boende",
        "Färre vräkningar",
        "Fler i arbete",
    ]
    reason = partnership_a.history.first().history_change_reason
    assert reason.startswith("Ändring 1: Nya villkor")
    assert Goal.history.filter(text="Fler i arbete").get().history_change_reason == reason
    assert _check_deadlines() == 0


def test_an_extension_rule_changes_and_the_stored_deadlines_follow(partnership_a, staff):
    amendment = _propose(
        partnership_a,
        staff,
        extension_kind="automatic",
        extension_months=12,
        extension_last_date="2026-12-31",
        notice_day=30,
        notice_month=9,
    )
    for party in partnership_a.participations.all():
        _sign(partnership_a, party, staff, amendment)
    partnership_a.refresh_from_db()
    assert partnership_a.extension_kind == "automatic"
    assert partnership_a.extension_last_date == date(2026, 12, 31)
    assert "30 september" in partnership_a.extension_sentence()
    assert _check_deadlines() == 0


def test_a_goal_removed_by_amendment(partnership_a, goals, staff):
    amendment = _propose(partnership_a, staff, goals={"remove": [goals[1].pk]})
    for party in partnership_a.participations.all():
        _sign(partnership_a, party, staff, amendment)
    assert [g.text for g in partnership_a.goals.all()] == ["Fler i eget boende"]
    assert Goal.history.filter(history_type="-").get().history_change_reason.startswith("Ändring 1")


def test_a_withdrawn_amendment_changes_nothing(partnership_a, goals, staff):
    amendment = _propose(partnership_a, staff, termination_notice_months=6)
    city, _ngo = partnership_a.participations.all()
    _sign(partnership_a, city, staff, amendment)
    amendment_withdraw(amendment, actor=staff, reason="Parterna ångrade sig")
    partnership_a.refresh_from_db()
    assert partnership_a.termination_notice_months == 3


def test_bad_values_are_refused_when_written(partnership_a, goals, staff):
    with pytest.raises(ValidationError) as refused:
        _propose(partnership_a, staff, extension_kind="automatic")
    assert "Ange hur många månader varje förlängning gäller." in str(refused.value)
    with pytest.raises(ValidationError):
        _propose(partnership_a, staff, notice_day=31, notice_month=2)
    with pytest.raises(ValidationError):
        _propose(partnership_a, staff, goals={"add": ["  "]})
    assert not partnership_a.amendments.exists()


def test_a_goal_removed_meanwhile_stops_the_amendment_with_a_clear_message(
    partnership_a, goals, staff
):
    amendment = _propose(partnership_a, staff, goals={"change": {str(goals[1].pk): "Ny text"}})
    # Removed before the agreement was signed again, e.g. in the demo data's set-up.
    write_terms(partnership_a, status="negotiation")
    goal_delete(goals[1], actor=staff, reason="Struket")
    write_terms(partnership_a, status="active")
    city, ngo = partnership_a.participations.all()
    _sign(partnership_a, city, staff, amendment)
    with pytest.raises(ValidationError) as refused:
        _sign(partnership_a, ngo, staff, amendment)
    assert "finns inte längre" in str(refused.value)
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.AWAITING
    # The last signature was not recorded either: it can be recorded once the amendment is fixed.
    assert amendment.signatures.count() == 1


# --- The pages -------------------------------------------------------------------------


def _form(partnership, **data):
    base = {
        "title": "Ny uppsägningstid",
        "target": "partnership",
        "reason": "Styrgruppens förslag",
    }
    for name in (
        "extension_kind",
        "extension_months",
        "extension_last_date",
        "notice_day",
        "notice_month",
        "agreement_months_before_end",
        "party_notice_months",
        "termination_notice_months",
        "agreement_year_day",
        "agreement_year_month",
    ):
        value = getattr(partnership, name)
        base[f"new_{name}"] = "" if value is None else value
    if partnership.funds_condition:
        base["new_funds_condition"] = "on"
    return {**base, **data}


def test_staff_propose_new_rules_and_a_goal_and_see_from_and_to(staff_client, partnership_a, goals):
    url = reverse("partnerships:amendment_create", args=[partnership_a.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    # Prefilled with what the agreement says today.
    assert 'name="new_termination_notice_months" value="3"' in page.content.decode()
    response = staff_client.post(
        url,
        _form(
            partnership_a,
            new_termination_notice_months="6",
            new_goal="Fler i arbete",
            removed_goals=[goals[1].pk],
        ),
    )
    amendment = partnership_a.amendments.get()
    assert response.status_code == 302
    assert amendment.changes == {
        "termination_notice_months": 6,
        "goals": {"add": ["Fler i arbete"], "remove": [goals[1].pk]},
    }
    detail = staff_client.get(amendment.get_absolute_url()).content.decode()
    assert "Fler i arbete" in detail
    assert "Färre vräkningar" in detail and "(tas bort)" in detail
    partnership_a.refresh_from_db()
    assert partnership_a.termination_notice_months == 3  # a draft changes nothing


def test_bad_input_keeps_what_was_typed(staff_client, partnership_a, goals):
    url = reverse("partnerships:amendment_create", args=[partnership_a.pk])
    response = staff_client.post(
        url,
        _form(partnership_a, new_extension_kind="automatic", new_goal="Fler i arbete"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ange hur många månader varje förlängning gäller." in page
    assert "Fler i arbete" in page
    assert not partnership_a.amendments.exists()
    response = staff_client.post(
        url, _form(partnership_a, new_termination_notice_months="sex", new_goal="Fler i arbete")
    )
    assert response.status_code == 200
    assert 'name="new_termination_notice_months" value="sex"' in response.content.decode()


def test_rules_belong_to_an_amendment_of_the_agreement(staff_client, partnership_a):
    url = reverse("partnerships:amendment_create", args=[partnership_a.pk])
    annex = partnership_a.annexes.get()
    response = staff_client.post(
        url,
        _form(
            partnership_a,
            target="annex",
            annex=annex.pk,
            new_title="Ny rubrik",
            new_termination_notice_months="6",
        ),
    )
    assert response.status_code == 200
    assert "Överenskommelsens villkor och mål ändras" in response.content.decode()


@pytest.mark.parametrize("who", ["client_a", "client_b"])
def test_ngo_representatives_cannot_propose(request, who, partnership_a):
    client = request.getfixturevalue(who)
    url = reverse("partnerships:amendment_create", args=[partnership_a.pk])
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, _form(partnership_a)).status_code in (403, 404)
    assert not partnership_a.amendments.exists()


def test_clauses_are_added_rewritten_and_removed_by_amendment(partnership_a, staff):
    tvist = Clause.objects.create(
        partnership=partnership_a, order=1, number="7", heading="Tvist", body="Domstol."
    )
    brister = Clause.objects.create(
        partnership=partnership_a, order=2, number="8", heading="Brister", body="Påtalas."
    )
    amendment = _propose(
        partnership_a,
        staff,
        clauses={
            "add": [{"number": "9", "heading": "Uppföljning", "body": "Varje halvår."}],
            "change": {str(tvist.pk): {"body": "Tvist löses genom samtal."}},
            "remove": [brister.pk],
        },
    )
    city, ngo = partnership_a.participations.all()
    _sign(partnership_a, city, staff, amendment)
    assert [c.heading for c in partnership_a.clauses.all()] == ["Tvist", "Brister"]
    _sign(partnership_a, ngo, staff, amendment)
    clauses = list(partnership_a.clauses.all())
    assert [(c.number, c.heading) for c in clauses] == [("7", "Tvist"), ("9", "Uppföljning")]
    assert clauses[0].body == "Tvist löses genom samtal."
    assert clauses[1].history.first().history_change_reason.startswith("Ändring 1")


def test_a_clause_without_heading_or_text_is_refused(partnership_a, staff):
    with pytest.raises(ValidationError):
        _propose(partnership_a, staff, clauses={"add": [{"number": "9", "heading": "Tom"}]})


def test_staff_propose_a_new_clause_in_the_form(staff_client, partnership_a):
    url = reverse("partnerships:amendment_create", args=[partnership_a.pk])
    refused = staff_client.post(
        url, _form(partnership_a, new_clause_number="9", new_clause_body="Varje halvår.")
    )
    assert "Skriv det nya avsnittets rubrik." in refused.content.decode()
    assert "Varje halvår." in refused.content.decode()
    staff_client.post(
        url,
        _form(
            partnership_a,
            new_clause_number="9",
            new_clause_heading="Uppföljning",
            new_clause_body="Varje halvår.",
        ),
    )
    amendment = partnership_a.amendments.get()
    detail = staff_client.get(amendment.get_absolute_url()).content.decode()
    assert "Nytt avsnitt" in detail and "9 Uppföljning" in detail


def test_a_locked_page_opens_the_form_with_the_target_chosen(staff_client, partnership_a):
    annex = partnership_a.annexes.get()
    url = reverse("partnerships:amendment_create", args=[partnership_a.pk])
    page = staff_client.get(f"{url}?bilaga={annex.pk}").content.decode()
    assert '<option value="annex" selected>' in page
    page = staff_client.get(f"{url}?overenskommelsen").content.decode()
    assert '<option value="partnership" selected>' in page
    assert staff_client.get(f"{url}?bilaga=x%00").status_code == 200


# --- A bilaga's commitments and compensation ------------------------------------------------


def _propose_annex(partnership, staff, **changes):
    amendment = amendment_create(
        partnership=partnership,
        title="Ny ersättning",
        target=Amendment.Target.ANNEX,
        annex=partnership.annexes.get(),
        changes=changes,
        actor=staff,
        reason="Styrgruppens förslag",
    )
    amendment_submit(amendment, actor=staff, reason="Klar för underskrift")
    return amendment


def test_compensation_and_commitments_change_and_planned_payments_follow(partnership_a, staff):
    annex = partnership_a.annexes.get()
    paid_row = CompensationFactory(
        annex=annex,
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
        amount=Decimal("100000"),
    )
    row = CompensationFactory(
        annex=annex,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        amount=Decimal("100000"),
    )
    old = CommitmentFactory(annex=annex, title="Lokaler")
    write_terms(partnership_a, status="negotiation")
    payment_plan_set(annex=annex, rule="yearly", actor=staff, reason="Plan")
    payments_generate(annex=annex, actor=staff, reason="Plan")
    write_terms(partnership_a, status="active")
    paid = paid_row.payments.get()
    payment_mark_paid(
        paid, paid_on=date(2023, 2, 1), paid_amount=paid.amount, actor=staff, reason="Betald"
    )
    amendment = _propose_annex(
        partnership_a,
        staff,
        compensations={
            "change": {
                str(row.pk): {"amount": "150000.00"},
                str(paid_row.pk): {"amount": "90000.00"},
            },
            "add": [{"period_start": "2025-01-01", "period_end": "2025-12-31", "amount": "160000"}],
        },
        commitments={"add": [{"title": "Rådgivning", "description": "Två dagar"}]},
    )
    city, ngo = partnership_a.participations.all()
    _sign(partnership_a, city, staff, amendment)
    assert row.payments.get().amount == Decimal("100000")
    _sign(partnership_a, ngo, staff, amendment)
    row.refresh_from_db()
    assert row.amount == Decimal("150000")
    # The planned payment follows the new amount; the paid one stays as it was paid.
    assert row.payments.get().amount == Decimal("150000")
    assert paid_row.payments.get().amount == Decimal("100000")
    assert paid_row.payments.get().status == "paid"
    added = annex.compensations.get(period_start=date(2025, 1, 1))
    assert added.payments.get().amount == Decimal("160000")
    assert [c.title for c in annex.commitments.all()] == ["Lokaler", "Rådgivning"]
    assert _check_deadlines() == 0

    removal = _propose_annex(partnership_a, staff, commitments={"remove": [old.pk]})
    for party in partnership_a.participations.all():
        _sign(partnership_a, party, staff, removal)
    assert [c.title for c in annex.commitments.all()] == ["Rådgivning"]


def test_a_negative_amount_is_refused(partnership_a, staff):
    row = CompensationFactory(annex=partnership_a.annexes.get())
    with pytest.raises(ValidationError) as refused:
        _propose_annex(
            partnership_a, staff, compensations={"change": {str(row.pk): {"amount": "-5"}}}
        )
    assert "negativt" in str(refused.value) or "större" in str(refused.value)


def test_staff_propose_a_new_amount_and_a_commitment_for_a_bilaga(staff_client, partnership_a):
    annex = partnership_a.annexes.get()
    row = CompensationFactory(annex=annex, amount=Decimal("100000"))
    url = reverse("partnerships:amendment_create", args=[partnership_a.pk])
    data = _form(
        partnership_a,
        target="annex",
        annex=annex.pk,
        changed_compensation=row.pk,
        changed_compensation_amount="-1",
        new_commitment_title="Rådgivning",
    )
    refused = staff_client.post(url, data)
    assert refused.status_code == 200
    assert "negativt" in refused.content.decode() or "större" in refused.content.decode()
    assert 'value="Rådgivning"' in refused.content.decode()
    assert not partnership_a.amendments.exists()
    staff_client.post(url, {**data, "changed_compensation_amount": "120000"})
    amendment = partnership_a.amendments.get()
    assert amendment.changes == {
        "commitments": {"add": [{"title": "Rådgivning", "description": ""}]},
        "compensations": {"change": {str(row.pk): {"amount": "120000"}}},
    }
    detail = staff_client.get(amendment.get_absolute_url()).content.decode()
    assert "Nytt åtagande" in detail and "120000" in detail
    # The draft opens with what it proposes, so saving it again keeps it.
    edit = staff_client.get(reverse("partnerships:amendment_edit", args=[amendment.pk]))
    assert 'value="Rådgivning"' in edit.content.decode()
