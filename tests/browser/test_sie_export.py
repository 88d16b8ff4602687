"""A handläggare gives Bostad Först its kontering on the Ekonomi tab, then takes the month's
payments to the accounting system as an SIE file: the page shows what the file holds, and the
downloaded file reads back as those payments booked on that cost centre."""

from decimal import Decimal

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login
from tests.partnerships.sie_reader import read


def test_handlaggare_books_the_payments_of_a_month(page, demo):
    from iop.accounts.models import User
    from partnerships.models import Partnership, Payment
    from partnerships.services.money import payment_mark_paid

    staff = User.objects.get(username="handlaggare")
    partnership = Partnership.objects.get(title__icontains="Bostad Först")
    # A payment of the demo that was paid (the demo stands as today: Bostad Först's are paid
    # up to its end), or one planned that is paid now.
    payments = Payment.objects.filter(annex__partnership=partnership).order_by("-due_on")
    payment = payments.filter(status=Payment.Status.PAID).first()
    if payment is None:
        payment = payments.filter(status=Payment.Status.PLANNED).last()
        payment = payment_mark_paid(
            payment,
            paid_on=payment.due_on,
            paid_amount=payment.amount,
            actor=staff,
            reason="Utbetald",
        )
    paid_on = payment.paid_on
    amount = payment.paid_amount if payment.paid_amount is not None else payment.amount
    base = page.base_url
    login(page, "handlaggare")
    page.goto(f"{base}/partnerskap/{partnership.pk}/ekonomi/")
    page.get_by_role("link", name="Lägg till kontering").click()
    page.wait_for_url("**/kontering/ny/")
    page.get_by_label("Gäller från").fill(f"{paid_on.year}-01-01")
    page.get_by_label("Kostnadskonto").fill("4590")
    page.get_by_label("Kostnadsställe").fill("BF-1")
    page.get_by_label("Anledning till ändringen").fill("Ekonomienhetens besked")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url("**/ekonomi/**")  # back at the tab, at #kontering
    expect(page.locator("#kontering ~ table")).to_contain_text("BF-1")

    page.get_by_role("link", name="Bokföringsexport (SIE)").first.click()
    page.wait_for_url("**/bokforingsexport/")
    page.get_by_label("Utbetalda från och med").fill(paid_on.replace(day=1).isoformat())
    page.get_by_label("till och med").fill(paid_on.isoformat())
    page.get_by_role("button", name="Visa utbetalningar").click()
    page.wait_for_url("**/bokforingsexport/?*")
    result = page.locator("section", has=page.get_by_role("heading", level=2))
    expect(result).to_contain_text("BF-1")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Hämta SIE-filen").click()
    sie = read(open(download.value.path(), "rb").read())
    expected = Payment.objects.filter(
        status=Payment.Status.PAID, paid_on__range=(paid_on.replace(day=1), paid_on)
    )
    assert len(sie.verifications) == expected.count() >= 1
    mine = [v for v in sie.verifications if v.day == paid_on.strftime("%Y%m%d")]
    debit = next(t for v in mine for t in v.transactions if t[1].get("1") == "BF-1")
    assert debit[2] == Decimal(amount)
