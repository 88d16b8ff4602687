"""Extensions, notices, parties joining and leaving, amendments and signatures, payments."""

from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from partnerships.models import (
    Amendment,
    Extension,
    Notice,
    Participation,
    Partnership,
    Payment,
    PaymentPlan,
    RepaymentClaim,
    Signature,
)
from partnerships.services.amendments import (
    amendment_create,
    amendment_submit,
    amendment_withdraw,
    signature_create,
)
from partnerships.services.extensions import extension_agree
from partnerships.services.money import (
    payment_mark_paid,
    payment_plan_set,
    summary_by_party_and_year,
)
from partnerships.services.parties import notice_give, party_join
from tests.factories import (
    BOSTAD_FORST_PERIOD,
    AnnexFactory,
    CommitmentFactory,
    CompensationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)


@pytest.fixture
def bostad_forst(city):
    partnership = PartnershipFactory(
        **BOSTAD_FORST_PERIOD,
        party_notice_months=4,
    )
    ParticipationFactory(partnership=partnership, organisation=city)
    ParticipationFactory(
        partnership=partnership, organisation=OrganisationFactory(name="Street Minds")
    )
    return partnership


@pytest.fixture
def ensamkommande(city):
    partnership = PartnershipFactory(
        title="Ensamkommande",
        start_date=date(2019, 9, 1),
        end_date=date(2020, 8, 31),
        extension_kind="by_agreement",
        extension_months=12,
        extension_last_date=date(2021, 8, 31),
        agreement_months_before_end=3,
    )
    ParticipationFactory(partnership=partnership, organisation=city)
    return partnership


def _run_extensions(day):
    out = StringIO()
    call_command("apply_extensions", "--date", day.isoformat(), stdout=out)
    return out.getvalue()


def test_apply_extensions_on_the_day_after_the_notice_day(bostad_forst):
    _run_extensions(date(2023, 12, 31))
    bostad_forst.refresh_from_db()
    assert bostad_forst.end_date == date(2024, 6, 30)

    output = _run_extensions(date(2024, 1, 1))
    bostad_forst.refresh_from_db()
    assert bostad_forst.end_date == date(2025, 6, 30)
    assert "2 extension(s)" in output
    steps = list(bostad_forst.extensions.values_list("previous_end_date", "new_end_date"))
    assert steps == [
        (date(2024, 6, 30), date(2024, 12, 31)),
        (date(2024, 12, 31), date(2025, 6, 30)),
    ]
    latest = bostad_forst.history.first()
    assert latest.history_user.username == "iop-system" or not latest.history_user.is_active
    assert "förutsatt att medel finns" in latest.history_change_reason

    # Running again the same day changes nothing.
    assert "0 extension(s)" in _run_extensions(date(2024, 1, 1))
    # Up to the last date, and no further.
    _run_extensions(date(2026, 6, 30))
    bostad_forst.refresh_from_db()
    assert bostad_forst.end_date == date(2026, 6, 30)
    assert bostad_forst.extensions.count() == 4
    assert bostad_forst.status == Partnership.Status.ACTIVE  # its last day
    # The day after its last possible end it is closed, with the step recorded.
    assert "1 partnership(s) ended" in _run_extensions(date(2026, 7, 1))
    bostad_forst.refresh_from_db()
    assert bostad_forst.status == Partnership.Status.ENDED
    step = bostad_forst.lifecycle_steps.get()
    assert (step.to_status, step.occurred_on) == ("ended", date(2026, 7, 1))
    assert step.reason == "Avtalstiden löpte ut 2026-06-30"


def test_notice_stops_the_automatic_extension(bostad_forst, staff):
    notice = notice_give(
        partnership=bostad_forst,
        kind=Notice.Kind.PARTNERSHIP,
        given_on=date(2024, 3, 1),
        actor=staff,
        reason="Staden säger upp partnerskapet",
    )
    assert notice.effective_on == date(2025, 6, 30)
    bostad_forst.refresh_from_db()
    assert bostad_forst.status == Partnership.Status.TERMINATING
    step = bostad_forst.lifecycle_steps.get()
    assert (step.to_status, step.occurred_on) == ("terminating", date(2024, 3, 1))
    _run_extensions(date(2025, 6, 30))
    bostad_forst.refresh_from_db()
    assert bostad_forst.end_date == date(2025, 6, 30)
    assert bostad_forst.status == Partnership.Status.TERMINATING
    _run_extensions(date(2025, 7, 1))
    bostad_forst.refresh_from_db()
    assert bostad_forst.status == Partnership.Status.ENDED


def test_notice_after_the_end_has_passed_is_refused(partnership_a, staff):
    """Stored as active (the daily command has not yet written the end), but the agreement ran
    out on 31 December 2024: a notice dated February 2025 is refused, and nothing is recorded
    as "under notice"."""
    assert partnership_a.status == Partnership.Status.ACTIVE
    with pytest.raises(ValidationError) as excinfo:
        notice_give(
            partnership=partnership_a,
            kind=Notice.Kind.PARTNERSHIP,
            given_on=date(2025, 2, 1),
            actor=staff,
            reason="För sent",
        )
    assert excinfo.value.message_dict["given_on"] == [
        "Partnerskapet hade status avslutad den dagen och kan inte sägas upp."
    ]
    partnership_a.refresh_from_db()
    assert partnership_a.status == Partnership.Status.ACTIVE
    assert not partnership_a.notices.exists()
    assert not partnership_a.lifecycle_steps.exists()


def test_extension_by_written_agreement(ensamkommande, staff):
    with pytest.raises(ValidationError) as excinfo:
        extension_agree(
            partnership=ensamkommande, made_on=date(2020, 6, 1), actor=staff, reason="För sent"
        )
    assert "2020-05-31" in str(excinfo.value)
    extension_agree(
        partnership=ensamkommande, made_on=date(2020, 5, 29), actor=staff, reason="Överens"
    )
    ensamkommande.refresh_from_db()
    assert ensamkommande.end_date == date(2021, 8, 31)
    assert ensamkommande.extensions.get().kind == Extension.Kind.AGREEMENT
    with pytest.raises(ValidationError):
        extension_agree(
            partnership=ensamkommande, made_on=date(2021, 1, 1), actor=staff, reason="Igen"
        )
    # The daily command never touches an extension by agreement.
    _run_extensions(date(2021, 6, 1))
    ensamkommande.refresh_from_db()
    assert ensamkommande.end_date == date(2021, 8, 31)


def test_party_joins_by_decision_and_accepts_conditions(bostad_forst, staff):
    org = OrganisationFactory(name="Ny förening")
    with pytest.raises(ValidationError) as excinfo:
        party_join(
            partnership=bostad_forst,
            organisation=org,
            joined_on=date(2024, 1, 1),
            accepted_conditions_on=None,
            actor=staff,
            reason="Ny part",
        )
    assert set(excinfo.value.error_dict) == {"decision_reference", "accepted_conditions_on"}
    party = party_join(
        partnership=bostad_forst,
        organisation=org,
        joined_on=date(2024, 1, 1),
        accepted_conditions_on=date(2023, 12, 20),
        decision_reference="Styrgruppen 2023-12-15 § 3",
        actor=staff,
        reason="Ny part",
    )
    assert party.accepted_conditions_on == date(2023, 12, 20)
    assert "Styrgruppen 2023-12-15 § 3" in party.history.first().history_change_reason


def test_party_notice_leaves_after_the_notice_period_and_cancels_later_payments(
    bostad_forst, staff
):
    street_minds = bostad_forst.participations.get(organisation__name="Street Minds")
    annex = AnnexFactory(partnership=bostad_forst, participation=street_minds)
    CompensationFactory(
        annex=annex,
        period_start=date(2023, 7, 1),
        period_end=date(2024, 6, 30),
        amount=Decimal("1000000"),
    )
    payment_plan_set(
        annex=annex, rule=PaymentPlan.Rule.QUARTERLY, actor=staff, reason="Kvartalsvis"
    )
    due = list(annex.payments.values_list("due_on", "amount"))
    assert due == [
        (date(2023, 7, 1), Decimal("250000")),
        (date(2023, 10, 1), Decimal("250000")),
        (date(2024, 1, 1), Decimal("250000")),
        (date(2024, 4, 1), Decimal("250000")),
    ]
    payment_mark_paid(
        annex.payments.get(due_on=date(2023, 7, 1)),
        paid_on=date(2023, 7, 3),
        paid_amount=Decimal("250000"),
        actor=staff,
        reason="Utbetalt",
    )
    notice_give(
        partnership=bostad_forst,
        kind=Notice.Kind.PARTY,
        participation=street_minds,
        given_on=date(2023, 9, 15),
        actor=staff,
        reason="Street Minds säger upp sitt åtagande",
    )
    street_minds.refresh_from_db()
    assert street_minds.left_on == date(2024, 1, 15)
    assert street_minds.leave_reason == Participation.LeaveReason.NOTICE
    statuses = dict(annex.payments.values_list("due_on", "status"))
    assert statuses == {
        date(2023, 7, 1): Payment.Status.PAID,
        date(2023, 10, 1): Payment.Status.PLANNED,
        date(2024, 1, 1): Payment.Status.PLANNED,  # within the notice period: kept
        date(2024, 4, 1): Payment.Status.CANCELLED,
    }
    summary = summary_by_party_and_year(bostad_forst)
    row_2024 = next(r for r in summary if r["year"] == 2024)
    assert row_2024["cancelled"] == Decimal("250000")


def test_yearly_and_given_dates_schedules(bostad_forst, staff):
    annex = AnnexFactory(
        partnership=bostad_forst, participation=bostad_forst.participations.first()
    )
    CompensationFactory(
        annex=annex, period_start=date(2023, 7, 1), period_end=date(2024, 6, 30), amount=1000
    )
    payment_plan_set(annex=annex, rule="yearly", actor=staff, reason="Årsvis")
    assert list(annex.payments.values_list("due_on", "amount")) == [
        (date(2023, 7, 1), Decimal("1000"))
    ]
    payment_plan_set(
        annex=annex, rule="dates", dates="01-15, 09-15", actor=staff, reason="Två datum"
    )
    assert list(annex.payments.values_list("due_on", "amount")) == [
        (date(2023, 9, 15), Decimal("500")),
        (date(2024, 1, 15), Decimal("500")),
    ]


def test_termination_needs_decision_and_a_failed_remediation_plan(bostad_forst, staff):
    party = bostad_forst.participations.get(organisation__name="Street Minds")
    with pytest.raises(ValidationError) as excinfo:
        notice_give(
            partnership=bostad_forst,
            kind=Notice.Kind.TERMINATION,
            participation=party,
            given_on=date(2024, 2, 1),
            remedy_deadline=date(2024, 3, 1),
            actor=staff,
            reason="Brister",
        )
    assert set(excinfo.value.error_dict) == {"decision_reference", "remedy_deadline"}
    notice_give(
        partnership=bostad_forst,
        kind=Notice.Kind.TERMINATION,
        participation=party,
        given_on=date(2024, 2, 1),
        remedy_deadline=date(2024, 1, 15),
        decision_reference="Styrgruppen 2024-02-01 § 2",
        actor=staff,
        reason="Åtgärdsplanen följdes inte",
    )
    party.refresh_from_db()
    assert party.left_on == date(2024, 5, 1)  # three months' termination notice
    assert party.leave_reason == Participation.LeaveReason.TERMINATED


def test_rescission_after_unused_chance_to_remedy(bostad_forst, staff):
    party = bostad_forst.participations.get(organisation__name="Street Minds")
    notice_give(
        partnership=bostad_forst,
        kind=Notice.Kind.RESCISSION,
        participation=party,
        given_on=date(2024, 2, 1),
        remedy_deadline=date(2024, 1, 31),
        actor=staff,
        reason="Ingen rättelse",
    )
    party.refresh_from_db()
    assert (party.left_on, party.leave_reason) == (date(2024, 2, 1), "rescinded")


def _sign(partnership, party, staff, **fields):
    return signature_create(
        partnership=partnership,
        participation=party,
        signatory_name=f"Firmatecknare {party.organisation.name}",
        signatory_title="Ordförande",
        place="Stockholm",
        signed_on=date(2024, 3, 1),
        actor=staff,
        reason="Undertecknat",
        **fields,
    )


def test_amendment_in_force_only_after_the_last_signature(bostad_forst, staff):
    parties = list(bostad_forst.participations.all())
    annex = AnnexFactory(partnership=bostad_forst, participation=parties[1])
    commitment = CommitmentFactory(annex=annex, title="Öppen verksamhet", description="Tre dagar")
    amendment = amendment_create(
        partnership=bostad_forst,
        title="Fler öppetdagar",
        target=Amendment.Target.COMMITMENT,
        commitment=commitment,
        changes={"description": "Fem dagar i veckan"},
        background="Behovet har ökat",
        decision_reference="Styrgruppen 2024-02-01 § 4",
        actor=staff,
        reason="Utkast",
    )
    with pytest.raises(ValidationError):  # a draft cannot be signed
        _sign(bostad_forst, parties[0], staff, document="amendment", amendment=amendment)
    amendment_submit(amendment, actor=staff, reason="Klar för underskrift")
    _sign(bostad_forst, parties[0], staff, document="amendment", amendment=amendment)
    amendment.refresh_from_db()
    commitment.refresh_from_db()
    assert amendment.status == Amendment.Status.AWAITING
    assert [p.pk for p in amendment.unsigned_parties()] == [parties[1].pk]
    assert commitment.description == "Tre dagar"

    with pytest.raises(ValidationError):  # the same party cannot sign twice
        _sign(bostad_forst, parties[0], staff, document="amendment", amendment=amendment)

    _sign(bostad_forst, parties[1], staff, document="amendment", amendment=amendment)
    amendment.refresh_from_db()
    commitment.refresh_from_db()
    assert amendment.status == Amendment.Status.IN_FORCE
    assert amendment.in_force_at is not None
    assert commitment.description == "Fem dagar i veckan"
    assert "Ändring 1: Fler öppetdagar" in commitment.history.first().history_change_reason
    with pytest.raises(ValidationError):
        amendment_withdraw(amendment, actor=staff, reason="För sent")


def test_amendment_of_the_end_date_and_unknown_fields(bostad_forst, staff):
    with pytest.raises(ValidationError):
        amendment_create(
            partnership=bostad_forst,
            title="Fel",
            target=Amendment.Target.PARTNERSHIP,
            changes={"registration_number": "X"},
            actor=staff,
            reason="Utkast",
        )
    amendment = amendment_create(
        partnership=bostad_forst,
        title="Nytt syfte",
        target=Amendment.Target.PARTNERSHIP,
        changes={"purpose": "Nytt syfte", "end_date": "2024-12-31"},
        actor=staff,
        reason="Utkast",
    )
    amendment_submit(amendment, actor=staff, reason="Skickad")
    for party in bostad_forst.participations.all():
        _sign(bostad_forst, party, staff, document="amendment", amendment=amendment)
    bostad_forst.refresh_from_db()
    assert bostad_forst.end_date == date(2024, 12, 31)
    assert bostad_forst.purpose == "Nytt syfte"


def test_party_that_has_left_need_not_sign(bostad_forst, staff, city):
    gone = ParticipationFactory(
        partnership=bostad_forst,
        organisation=OrganisationFactory(),
        left_on=date(2024, 1, 1),
        leave_reason="other",
    )
    amendment = amendment_create(
        partnership=bostad_forst,
        title="Ny titel",
        target=Amendment.Target.PARTNERSHIP,
        changes={"title": "Bostad Först 2"},
        actor=staff,
        reason="Utkast",
    )
    amendment_submit(amendment, actor=staff, reason="Skickad")
    assert gone.pk not in [p.pk for p in amendment.unsigned_parties()]
    assert len(amendment.unsigned_parties()) == 2


def test_current_parties_on_a_day_count_the_day_they_join_and_the_day_they_leave(bostad_forst):
    city, ngo = bostad_forst.participations.all()
    ngo.left_on, ngo.leave_reason = date(2024, 6, 30), "notice"
    ngo.save()
    later = ParticipationFactory(
        partnership=bostad_forst, organisation=OrganisationFactory(), joined_on=date(2024, 7, 1)
    )

    def current(day):
        return {p.pk for p in bostad_forst.participations.current(day)}

    assert current(date(2024, 6, 30)) == {city.pk, ngo.pk}
    assert current(date(2024, 7, 1)) == {city.pk, later.pk}
    assert [p.is_current(date(2024, 6, 30)) for p in (city, ngo, later)] == [True, True, False]
    assert [p.is_current(date(2024, 7, 1)) for p in (city, ngo, later)] == [True, False, True]


def test_amendment_waits_only_for_the_parties_of_today(bostad_forst, staff):
    """A party that left yesterday is not asked to sign, nor one that joins tomorrow; the
    amendment comes into force with the signatures of today's parties."""
    today = timezone.localdate()
    city, ngo = bostad_forst.participations.all()
    left = ParticipationFactory(
        partnership=bostad_forst,
        organisation=OrganisationFactory(name="Gick i går"),
        left_on=today - timedelta(days=1),
        leave_reason="notice",
    )
    joining = ParticipationFactory(
        partnership=bostad_forst,
        organisation=OrganisationFactory(name="Kommer i morgon"),
        joined_on=today + timedelta(days=1),
    )
    amendment = amendment_create(
        partnership=bostad_forst,
        title="Ny titel",
        target=Amendment.Target.PARTNERSHIP,
        changes={"title": "Bostad Först 2"},
        actor=staff,
        reason="Utkast",
    )
    amendment_submit(amendment, actor=staff, reason="Skickad")
    assert {p.pk for p in amendment.unsigned_parties()} == {city.pk, ngo.pk}
    assert left.pk not in {p.pk for p in amendment.unsigned_parties()}
    assert joining.pk not in {p.pk for p in amendment.unsigned_parties()}

    _sign(bostad_forst, city, staff, document="amendment", amendment=amendment)
    _sign(bostad_forst, ngo, staff, document="amendment", amendment=amendment)
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.IN_FORCE


def test_signature_document_must_match(bostad_forst, staff):
    party = bostad_forst.participations.first()
    with pytest.raises(ValidationError):
        _sign(bostad_forst, party, staff, document=Signature.Document.ANNEX)
    assert Partnership.objects.count() == 1


def test_money_summary_sums_each_partys_year_by_status(partnership_a, org_b):
    """The ekonomi tab's table: planned is every payment, a payment paid without a paid amount
    (or with zero) counts as paid in full, and a repayment claim counts in the year it was made."""
    annex_a = partnership_a.annexes.get()
    party_b = ParticipationFactory(partnership=partnership_a, organisation=org_b)
    annex_b = AnnexFactory(partnership=partnership_a, participation=party_b)
    compensation_a = CompensationFactory(annex=annex_a, amount=10_000)
    compensation_b = CompensationFactory(annex=annex_b, amount=1_000)

    def pay(annex, compensation, due_on, amount, status="planned", paid_amount=None):
        Payment.objects.create(
            annex=annex,
            compensation=compensation,
            due_on=due_on,
            amount=Decimal(amount),
            status=status,
            paid_amount=paid_amount,
        )

    pay(annex_a, compensation_a, date(2024, 1, 1), "1000", "paid", paid_amount=Decimal("900.50"))
    pay(annex_a, compensation_a, date(2024, 4, 1), "1000", "paid")
    pay(annex_a, compensation_a, date(2024, 7, 1), "1000", "paid", paid_amount=Decimal(0))
    pay(annex_a, compensation_a, date(2024, 10, 1), "1000", "stopped")
    pay(annex_a, compensation_a, date(2025, 1, 1), "1000", "cancelled")
    pay(annex_a, compensation_a, date(2025, 4, 1), "1000")
    pay(annex_b, compensation_b, date(2024, 3, 1), "250")
    RepaymentClaim.objects.create(
        annex=annex_a, claimed_on=date(2026, 2, 1), amount=Decimal("400"), reason="Återkrav"
    )

    zero = Decimal(0)
    assert summary_by_party_and_year(partnership_a) == [
        {
            "party": "Förening A",
            "year": 2024,
            "planned": Decimal("4000"),
            "paid": Decimal("2900.50"),
            "stopped": Decimal("1000"),
            "cancelled": zero,
            "reclaimed": zero,
        },
        {
            "party": "Förening A",
            "year": 2025,
            "planned": Decimal("2000"),
            "paid": zero,
            "stopped": zero,
            "cancelled": Decimal("1000"),
            "reclaimed": zero,
        },
        {
            "party": "Förening A",
            "year": 2026,
            "planned": zero,
            "paid": zero,
            "stopped": zero,
            "cancelled": zero,
            "reclaimed": Decimal("400"),
        },
        {
            "party": "Förening B",
            "year": 2024,
            "planned": Decimal("250"),
            "paid": zero,
            "stopped": zero,
            "cancelled": zero,
            "reclaimed": zero,
        },
    ]
