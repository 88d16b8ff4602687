"""The state-aid ledger: compensation per fiscal year across partnerships by organisationsnummer,
three fiscal years against the ceilings staff keep, the warning where compensation is entered,
the overcompensation check and the de minimis statement."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from partnerships.models import AidBasis, StateAidCeiling
from partnerships.services.state_aid import aid_basis_set, ceiling_set
from partnerships.state_aid import ledger
from reporting.models import FinancialStatement
from reporting.models.review import Status
from tests.factories import (
    AnnexFactory,
    CompensationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db


def _aid(organisation, kind, start, end, amount, staff, reference="KF 2024-01-15 dnr 1/2024"):
    partnership = PartnershipFactory(start_date=start, end_date=end)
    if kind:
        aid_basis_set(
            partnership=partnership,
            kind=kind,
            reference=reference if kind != "de_minimis" else "",
            actor=staff,
            reason="Bedömning",
        )
    participation = ParticipationFactory(partnership=partnership, organisation=organisation)
    annex = AnnexFactory(participation=participation)
    return CompensationFactory(
        annex=annex, period_start=start, period_end=end, amount=Decimal(amount)
    )


@pytest.fixture
def ceilings(staff):
    StateAidCeiling.objects.all().delete()
    for kind, eur in (("de_minimis", 300000), ("sgei", 750000)):
        ceiling_set(
            kind=kind,
            valid_from=date(2024, 1, 1),
            ceiling_eur=eur,
            sek_per_eur=Decimal("10"),
            actor=staff,
            reason="Förordningarna",
        )


def test_compensation_counts_per_fiscal_year_by_its_days(staff, ceilings):
    organisation = OrganisationFactory(org_number="802000-0000")
    # 2024-07-01 .. 2025-06-30 is 365 days: 184 of them in 2024, 181 in 2025.
    _aid(organisation, "de_minimis", date(2024, 7, 1), date(2025, 6, 30), 365000, staff)
    years = {year.year: year for year in ledger(organisation).years}
    assert years[2024].by_kind["de_minimis"] == Decimal("184000.00")
    assert years[2025].by_kind["de_minimis"] == Decimal("181000.00")


def test_an_undertaking_counts_its_aid_across_partnerships_and_no_one_elses(staff, ceilings):
    hjalpen = OrganisationFactory(name="Hjälpen", org_number="802000-0000")
    other = OrganisationFactory(org_number="802111-1111")
    _aid(hjalpen, "de_minimis", date(2024, 1, 1), date(2024, 12, 31), 1000000, staff)
    _aid(hjalpen, "de_minimis", date(2024, 1, 1), date(2024, 12, 31), 500000, staff)
    _aid(other, "de_minimis", date(2024, 1, 1), date(2024, 12, 31), 700000, staff)
    (year,) = ledger(hjalpen).years
    assert year.by_kind["de_minimis"] == Decimal("1500000.00")


def test_three_fiscal_years_are_held_against_the_ceilings(staff, ceilings):
    organisation = OrganisationFactory(org_number="802000-0000")
    for year in (2024, 2025, 2026):
        _aid(organisation, "de_minimis", date(year, 1, 1), date(year, 12, 31), 1200000, staff)
    _aid(organisation, "sgei", date(2026, 1, 1), date(2026, 12, 31), 4000000, staff)
    _aid(organisation, "not_aid", date(2026, 1, 1), date(2026, 12, 31), 9000000, staff)
    _aid(organisation, "", date(2026, 1, 1), date(2026, 12, 31), 9000000, staff)
    years = {year.year: year for year in ledger(organisation).years}
    # De minimis: 3.0 M kr ceiling (300 000 euro at 10 kr); 2.4 M by 2025, 3.6 M by 2026.
    assert years[2025].rolling["de_minimis"] == Decimal("2400000.00")
    assert not years[2025].over("de_minimis")
    assert years[2026].rolling["de_minimis"] == Decimal("3600000.00")
    assert years[2026].over("de_minimis")
    # SGEI: de minimis and SGEI together, 7.6 M against 7.5 M; aid that is not state aid or
    # has no basis yet counts against neither.
    assert years[2026].rolling["sgei"] == Decimal("7600000.00")
    assert years[2026].exceeded == ["de_minimis", "sgei"]


def test_any_period_of_three_years_counts_not_only_fiscal_years(staff, ceilings):
    """Three agreement years from 1 July: no three calendar years hold more than 2.75 M kr,
    but 2024-07-01 – 2027-06-30 holds 3.3 M kr, over the 3.0 M kr ceiling."""
    organisation = OrganisationFactory(org_number="802000-0000")
    for year in (2024, 2025, 2026):
        _aid(
            organisation,
            "de_minimis",
            date(year, 7, 1),
            date(year + 1, 6, 30),
            1100000,
            staff,
        )
    years = {year.year: year for year in ledger(organisation).years}
    assert not years[2026].over("de_minimis")
    assert years[2027].rolling["de_minimis"] == Decimal("3300000.00")
    assert years[2027].over("de_minimis")


def test_a_draft_partnership_is_not_aid_granted(staff, ceilings):
    organisation = OrganisationFactory(org_number="802000-0000")
    draft = _aid(organisation, "de_minimis", date(2024, 1, 1), date(2024, 12, 31), 9000000, staff)
    draft.annex.partnership.status = "draft"
    draft.annex.partnership.save()
    assert ledger(organisation).years == []
    # Entering it is still held against the ceiling, before the decision.
    assert ledger(organisation, planned_in=draft.annex.partnership).exceeded == [
        (2024, "de_minimis"),
        (2024, "sgei"),
    ]


def test_entering_a_compensation_that_passes_the_ceiling_warns(staff_client, staff, ceilings):
    organisation = OrganisationFactory(name="Stödet", org_number="802000-0000")
    first = _aid(organisation, "de_minimis", date(2024, 1, 1), date(2024, 12, 31), 2500000, staff)
    url = reverse("partnerships:compensation_create", args=[first.annex.pk])
    data = {
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
        "amount": "400000",
        "note": "",
        "reason": "Utökat uppdrag",
    }
    calm = staff_client.post(url, data, follow=True).content.decode()
    assert "mer stöd än taket" not in calm
    loud = staff_client.post(url, {**data, "amount": "200000"}, follow=True).content.decode()
    assert "Med den här ersättningen får Stödet mer stöd än taket" in loud


def test_basis_sgei_needs_its_entrustment_act(staff_client, staff):
    partnership = PartnershipFactory()
    url = reverse("partnerships:aid_basis_edit", args=[partnership.pk])
    refused = staff_client.post(url, {"kind": "sgei", "reference": " ", "reason": "Bedömning"})
    assert "Ange beslutet som ger uppdraget." in refused.content.decode()
    assert not AidBasis.objects.filter(partnership=partnership).exists()
    staff_client.post(
        url, {"kind": "sgei", "reference": "SN 2024-02-20 § 12", "reason": "Bedömning"}
    )
    basis = AidBasis.objects.get(partnership=partnership)
    assert basis.history.get().history_change_reason == "Bedömning"
    money_tab = reverse("partnerships:section", args=[partnership.pk, "ekonomi"])
    assert "SN 2024-02-20 § 12" in staff_client.get(money_tab).content.decode()


def test_ledger_page_shows_overcompensation_and_the_statement_pdf(staff_client, staff, ceilings):
    organisation = OrganisationFactory(name="Överskottet", org_number="802000-0000")
    compensation = _aid(organisation, "sgei", date(2024, 1, 1), date(2024, 12, 31), 1000000, staff)
    _aid(organisation, "de_minimis", date(2025, 1, 1), date(2025, 12, 31), 250000, staff)
    FinancialStatement.objects.create(
        annex=compensation.annex,
        year_start=date(2024, 1, 1),
        year_end=date(2024, 12, 31),
        status=Status.SUBMITTED,
        total_spent=Decimal("900000"),
        own_money=Decimal("50000"),
    )
    page = staff_client.get(
        reverse("partnerships:organisation_state_aid", args=[organisation.pk])
    ).content.decode()
    assert "150\xa0000\xa0kr" in page  # 1 000 000 − (900 000 − 50 000)
    pdf = staff_client.get(
        reverse("partnerships:de_minimis_statement", args=[organisation.pk]) + "?ar=2026"
    )
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Överskottet" in text and "802000-0000" in text
    assert "2024–2026" in text
    assert "250\xa0000" in text  # the de minimis aid; the SGEI compensation is not in it
    assert "1\xa0000\xa0000" not in text


def test_only_staff_see_an_organisations_state_aid(client_a, org_a):
    for name in ("organisation_state_aid", "de_minimis_statement"):
        url = reverse(f"partnerships:{name}", args=[org_a.pk])
        assert client_a.get(url).status_code in (403, 404)
        assert Client().get(url).status_code == 302


def test_a_ceiling_from_a_day_that_has_one_is_refused(staff_client, ceilings):
    url = reverse("partnerships:state_aid_ceiling_create")
    data = {
        "kind": "de_minimis",
        "valid_from": "2024-01-01",
        "ceiling_eur": "320000",
        "sek_per_eur": "11.2",
        "reason": "Ny förordning",
    }
    html = staff_client.post(url, data).content.decode()
    assert "Regeln har redan ett tak från den dagen" in html
    assert 'value="320000"' in html
    assert staff_client.post(url, {**data, "valid_from": "2027-01-01"}).status_code == 302
    listing = staff_client.get(reverse("partnerships:state_aid_ceilings")).content.decode()
    assert "2027-01-01" in listing
