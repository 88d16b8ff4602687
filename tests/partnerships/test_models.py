from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from partnerships.models import Partnership
from partnerships.services.agreements import (
    participation_create,
    participation_update,
    partnership_create,
)
from partnerships.services.annexes import annex_create, compensation_create
from partnerships.services.organisations import organisation_create
from tests.factories import (
    AnnexFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db


def test_partnership_end_before_start_is_refused(staff):
    with pytest.raises(ValidationError) as excinfo:
        partnership_create(
            actor=staff,
            reason="Nytt avtal",
            title="Fel period",
            registration_number="SOF 2024/1",
            start_date=date(2024, 7, 1),
            end_date=date(2024, 6, 30),
        )
    assert excinfo.value.message_dict["end_date"] == ["Slutdatum kan inte vara före startdatum."]
    assert not Partnership.objects.exists()


def test_participation_outside_partnership_period_is_refused(staff):
    partnership = PartnershipFactory(start_date=date(2024, 1, 1), end_date=date(2024, 12, 31))
    with pytest.raises(ValidationError) as excinfo:
        participation_create(
            partnership=partnership,
            actor=staff,
            reason="Ny part",
            organisation=OrganisationFactory(),
            joined_on=date(2023, 12, 31),
        )
    assert "före partnerskapets start 2024-01-01" in excinfo.value.message_dict["joined_on"][0]


def test_participation_may_run_to_the_last_extension_date(staff):
    partnership = PartnershipFactory(
        start_date=date(2023, 7, 1),
        end_date=date(2024, 6, 30),
        extension_kind=Partnership.ExtensionKind.AUTOMATIC,
        extension_months=6,
        extension_last_date=date(2026, 6, 30),
        notice_day=31,
        notice_month=12,
    )
    participation = participation_create(
        partnership=partnership,
        actor=staff,
        reason="Ny part",
        organisation=OrganisationFactory(),
        joined_on=date(2025, 1, 1),
    )
    assert participation.pk
    with pytest.raises(ValidationError):
        participation_update(
            participation,
            actor=staff,
            reason="Lämnar",
            left_on=date(2026, 7, 1),
            leave_reason="notice",
        )


def test_duplicate_org_number_is_refused_in_swedish(staff):
    OrganisationFactory(org_number="802002-8638")
    with pytest.raises(ValidationError) as excinfo:
        organisation_create(
            actor=staff,
            reason="Ny",
            kind="ngo",
            name="Rädda Barnen igen",
            org_number="802002-8638",
        )
    assert excinfo.value.message_dict["org_number"] == [
        "Det finns redan en organisation med det organisationsnumret."
    ]


def test_negative_compensation_is_refused(staff):
    annex = AnnexFactory()
    with pytest.raises(ValidationError) as excinfo:
        compensation_create(
            annex=annex,
            actor=staff,
            reason="Ersättning",
            period_start=annex.start_date,
            period_end=annex.end_date,
            amount=Decimal("-1"),
        )
    assert "Beloppet kan inte vara negativt." in excinfo.value.message_dict["amount"]


def test_annex_must_belong_to_a_party_of_the_same_partnership(staff):
    other = ParticipationFactory()
    partnership = PartnershipFactory()
    with pytest.raises(ValidationError) as excinfo:
        annex_create(
            partnership=partnership,
            actor=staff,
            reason="Ny bilaga",
            participation=other,
            title="Bilaga",
            start_date=partnership.start_date,
            end_date=partnership.end_date,
        )
    assert "participation" in excinfo.value.message_dict


def test_extension_sentences_for_the_seed_rules():
    bostad_forst = Partnership(
        start_date=date(2023, 7, 1),
        end_date=date(2024, 6, 30),
        extension_kind=Partnership.ExtensionKind.AUTOMATIC,
        extension_months=6,
        extension_last_date=date(2026, 6, 30),
        notice_day=31,
        notice_month=12,
        funds_condition=True,
    )
    assert bostad_forst.extension_sentence() == (
        "Partnerskapet förlängs automatiskt med 6 månader i taget, längst till 2026-06-30, "
        "om det inte sägs upp senast 31 december, förutsatt att medel för partnerskapet finns."
    )
    ensamkommande = Partnership(
        start_date=date(2019, 9, 1),
        end_date=date(2020, 8, 31),
        extension_kind=Partnership.ExtensionKind.BY_AGREEMENT,
        extension_months=12,
        extension_last_date=date(2021, 8, 31),
        agreement_months_before_end=3,
        funds_condition=False,
    )
    assert ensamkommande.extension_sentence() == (
        "Partnerskapet kan förlängas med 12 månader i taget, längst till 2021-08-31, om parterna "
        "skriftligen kommer överens senast 3 månader före avtalstidens utgång."
    )


def test_automatic_extension_rule_needs_its_notice_day():
    partnership = PartnershipFactory.build(
        extension_kind=Partnership.ExtensionKind.AUTOMATIC,
        extension_months=6,
        extension_last_date=date(2026, 6, 30),
    )
    with pytest.raises(ValidationError) as excinfo:
        partnership.full_clean()
    assert "notice_day" in excinfo.value.message_dict
