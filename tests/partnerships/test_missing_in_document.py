"""Fields an agreement's document may lack (its diarienummer, a party's notice period, the
signatories' names) stay empty, and every page and the agreement PDF say "saknas i underlaget"
instead of inventing a value; a party's notice under an agreement with no notice rule takes
effect at once and leaves no notice deadline."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from iop.deadlines import differences
from partnerships.agreement_outline import period_conditions
from partnerships.agreement_pdf import render_agreement
from partnerships.models import Notice, Partnership, StoredDeadline
from partnerships.services.amendments import signature_create
from partnerships.services.parties import notice_give
from tests.factories import ParticipationFactory, PartnershipFactory

MISSING = "saknas i underlaget"


@pytest.fixture
def bare(city, org_a, staff):
    """An agreement whose document gives no dnr, no notice rule and no signatory's name."""
    partnership = PartnershipFactory(
        title="Avtal utan dnr",
        registration_number=None,
        party_notice_months=None,
        start_date=date(2024, 1, 1),
        end_date=date(2030, 12, 31),
    )
    ParticipationFactory(partnership=partnership, organisation=city)
    party = ParticipationFactory(partnership=partnership, organisation=org_a)
    signature_create(
        partnership=partnership,
        document="agreement",
        participation=party,
        signatory_name="",
        place="Stockholm",
        signed_on=date(2024, 1, 10),
        actor=staff,
        reason="Undertecknat enligt pärmen",
    )
    return partnership


def _text(pdf_bytes):
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes)).pages)


def test_staff_save_two_agreements_without_a_dnr(staff_client):
    data = {
        "title": "Utan dnr",
        "registration_number": "",
        "status": "draft",
        "start_date": "2019-01-01",
        "end_date": "2025-12-31",
        "extension_kind": "none",
        "party_notice_months": "",
        "termination_notice_months": 3,
        "reason": "Registrerat i efterhand",
    }
    for title in ("Utan dnr 1", "Utan dnr 2"):
        response = staff_client.post(reverse("partnerships:create"), {**data, "title": title})
        assert response.status_code == 302
    saved = Partnership.objects.filter(title__startswith="Utan dnr")
    assert [(p.registration_number, p.party_notice_months) for p in saved] == [(None, None)] * 2


def test_the_pages_say_the_document_lacks_them(bare, staff_client):
    detail = staff_client.get(bare.get_absolute_url()).content.decode()
    assert f"Diarienummer <strong>{MISSING}</strong>" in detail
    assert "saknas i underlaget (ingen uppsägningstid för part i avtalet)" in detail
    assert "0 månader" not in detail and "None" not in detail
    changes = staff_client.get(reverse("partnerships:section", args=[bare.pk, "andringar"]))
    assert f'<td data-label="Undertecknad av">{MISSING}</td>' in changes.content.decode()
    listing = staff_client.get(reverse("partnerships:list")).content.decode()
    assert f'<td data-label="Diarienummer">{MISSING}</td>' in listing
    assert str(bare) == "Avtal utan dnr"


def test_the_agreement_pdf_says_the_document_lacks_them(bare, staff_client):
    text = _text(render_agreement(bare))
    assert f"Diarienummer {MISSING}" in text
    assert f"Undertecknat av: {MISSING}" in text
    conditions = " ".join(str(sentence) for sentence in period_conditions(bare))
    assert "Part har rätt att säga upp" not in conditions
    assert "Styrgruppen kan säga upp" in conditions
    response = staff_client.get(reverse("partnerships:agreement_pdf", args=[bare.pk]))
    assert response.status_code == 200
    assert f"iop-{bare.pk}.pdf" in response["Content-Disposition"]


def test_a_party_notice_without_a_rule_takes_effect_at_once_and_leaves_no_deadline(bare, staff):
    party = bare.participations.get(organisation__name="Förening A")
    notice = notice_give(
        partnership=bare,
        kind=Notice.Kind.PARTY,
        participation=party,
        given_on=date(2025, 3, 1),
        actor=staff,
        reason="Föreningen lämnar",
    )

    assert notice.effective_on == date(2025, 3, 1)
    party.refresh_from_db()
    assert party.left_on == date(2025, 3, 1)
    assert not StoredDeadline.objects.filter(partnership=bare, kind="notice_period_end").exists()
    missing, extra = differences([bare.pk])
    assert not missing and not extra
