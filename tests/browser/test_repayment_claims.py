"""Staff write off a repayment claim from the bilaga's page: the claim's step asks why, the page
then shows it written off with no step left, and Street Minds' representative cannot take it."""

import re
from datetime import date

from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login


def test_handlaggare_writes_off_a_repayment_claim(page, demo):
    from iop.accounts.models import User
    from partnerships.models import Annex, RepaymentClaim
    from partnerships.services.money import repayment_claim_create

    annex = Annex.objects.filter(participation__organisation__name="Street Minds").first()
    claim = repayment_claim_create(
        annex=annex,
        claimed_on=date(2025, 3, 1),
        amount=1200,
        actor=User.objects.get(username="handlaggare"),
        reason="Outnyttjade medel",
    )
    base = page.base_url
    login(page, "handlaggare")
    page.goto(f"{base}{annex.get_absolute_url()}")
    claims = page.locator("li", has_text="Outnyttjade medel")
    expect(claims).to_contain_text("Krävd")
    claims.get_by_role("link", name=re.compile(r"^Avskriven")).click()
    page.get_by_label("Anledning till ändringen").fill("Föreningen har upphört")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()
    claims = page.locator("li", has_text="Outnyttjade medel")
    expect(claims).to_contain_text("Avskriven")
    expect(claims.get_by_role("link")).to_have_count(0)
    assert_accessible(page)
    claim.refresh_from_db()
    assert claim.status == RepaymentClaim.Status.WRITTEN_OFF

    page.get_by_role("button", name="Logga ut").click()
    login(page, "streetminds")
    step = reverse("partnerships:repayment_claim_step", args=[claim.pk, "repay"])
    response = page.goto(f"{base}{step}")
    assert response.status in (403, 404)
