"""In a real browser: an invitation the mail server refused shows on Utskick, reached from the
staff menu, and "Skicka igen" sends it."""

import smtplib

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from playwright.sync_api import expect

from iop.accounts.services import representative_invite
from iop.models import OutgoingMail
from partnerships.models import Organisation
from tests.browser.conftest import login


class DownMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_staff_resend_a_failed_invitation_from_utskick(page, demo, settings):
    from iop.accounts.models import User

    settings.EMAIL_BACKEND = "tests.browser.test_outbox.DownMailServer"
    representative_invite(
        email="nora.ny@example.org",
        first_name="Nora",
        last_name="Ny",
        organisation=Organisation.objects.get(name__icontains="Street Minds"),
        actor=User.objects.get(username="handlaggare"),
    )
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.FAILED
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()

    login(page, "handlaggare")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Utskick").click()
    page.wait_for_url("**/utskick/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Utskick")
    expect(page.get_by_text("1 utskick har misslyckats.")).to_be_visible()
    row = page.locator("tr.outbox-failed")
    expect(row).to_contain_text("nora.ny@example.org")
    expect(row).to_contain_text("SMTPServerDisconnected")

    row.get_by_role("button", name="Skicka igen").click()
    page.wait_for_url("**/utskick/")
    expect(page.get_by_text("är lagt i kön igen")).to_be_visible()
    expect(page.locator("tr.outbox-failed")).to_have_count(0)
    expect(page.locator("table.outbox")).to_contain_text("Skickat")
    assert [m.to for m in mail.outbox] == [["nora.ny@example.org"]]
