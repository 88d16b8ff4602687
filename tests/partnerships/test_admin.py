"""The admin's user form: ticking or unticking "Aktiv", or resetting the second factor, is
recorded like the staff pages' deactivate, activate and reset (an AccountEvent with who and why),
and a deactivation or reset logs the person out."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from iop.accounts.models import AccountEvent
from iop.accounts.services import representative_deactivate
from iop.mfa import new_recovery_codes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin_user = UserFactory(
        username="admin", first_name="Ada", last_name="Admin", is_superuser=True, is_staff=True
    )
    client.force_login(admin_user)
    client.admin_user = admin_user
    return client


def _change_url(user):
    return reverse("admin:accounts_user_change", args=[user.pk])


def _form(user, *, active, reason=""):
    """The change form as the admin shows it for `user`, with "Aktiv" set to `active`."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "role": user.role,
        "organisation": user.organisation_id or "",
        "title": user.title,
        "account_reason": reason,
    }
    if active:
        data["is_active"] = "on"
    return data


def _logged_in(user):
    session = Client()
    session.force_login(user)
    return session


def test_admin_shows_the_reason_field_next_to_active(admin_client, rep_a):
    page = admin_client.get(_change_url(rep_a)).content.decode()
    assert 'name="account_reason"' in page
    assert page.index('name="is_active"') < page.index('name="account_reason"')


def test_unticking_active_in_the_admin_is_recorded_and_logs_the_person_out(admin_client, rep_a):
    session = _logged_in(rep_a)
    response = admin_client.post(
        _change_url(rep_a), _form(rep_a, active=False, reason="Har slutat i föreningen")
    )
    assert response.status_code == 302
    rep_a.refresh_from_db()
    assert not rep_a.is_active
    event = rep_a.account_events.get()
    assert (event.action, event.actor, event.reason) == (
        AccountEvent.Action.DEACTIVATED,
        admin_client.admin_user,
        "Ändrat i administrationen: Har slutat i föreningen",
    )
    response = session.get(reverse("portal:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_ticking_active_in_the_admin_is_recorded(admin_client, staff, rep_a):
    representative_deactivate(rep_a, actor=staff, reason="Har slutat i föreningen")
    rep_a.refresh_from_db()
    response = admin_client.post(
        _change_url(rep_a), _form(rep_a, active=True, reason="Tillbaka efter föräldraledighet")
    )
    assert response.status_code == 302
    rep_a.refresh_from_db()
    assert rep_a.is_active
    event = rep_a.account_events.filter(action=AccountEvent.Action.ACTIVATED).get()
    assert (event.actor, event.reason) == (
        admin_client.admin_user,
        "Ändrat i administrationen: Tillbaka efter föräldraledighet",
    )


def test_changing_active_in_the_admin_without_a_reason_is_refused(admin_client, rep_a):
    response = admin_client.post(_change_url(rep_a), _form(rep_a, active=False, reason="  "))
    assert response.status_code == 200
    assert (
        "Skriv varför kontot aktiveras eller inaktiveras. Anledningen sparas med kontots "
        "händelser." in response.content.decode()
    )
    rep_a.refresh_from_db()
    assert rep_a.is_active
    assert not rep_a.account_events.exists()


def test_other_changes_in_the_admin_need_no_reason_and_record_no_event(admin_client, rep_a):
    form = _form(rep_a, active=True)
    form["title"] = "Verksamhetsledare"
    response = admin_client.post(_change_url(rep_a), form)
    assert response.status_code == 302
    rep_a.refresh_from_db()
    assert (rep_a.title, rep_a.is_active) == ("Verksamhetsledare", True)
    assert not rep_a.account_events.exists()


def test_resetting_the_second_factor_in_the_admin_asks_why_and_is_recorded(admin_client, staff):
    TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    new_recovery_codes(staff)
    session = _logged_in(staff)
    form = {**_form(staff, active=True), "reset_second_factor": "on"}
    refused = admin_client.post(_change_url(staff), {**form, "second_factor_reason": " "})
    assert refused.status_code == 200
    assert "Skriv varför tvåfaktorsinloggningen nollställs." in refused.content.decode()
    assert TOTPDevice.objects.filter(user=staff).exists()

    response = admin_client.post(
        _change_url(staff), {**form, "second_factor_reason": "Ny telefon, legitimerad på plats"}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticDevice.objects.filter(user=staff).exists()
    event = staff.account_events.get()
    assert (event.action, event.actor, event.reason) == (
        AccountEvent.Action.MFA_RESET,
        admin_client.admin_user,
        "Ändrat i administrationen: Ny telefon, legitimerad på plats",
    )
    response = session.get(reverse("partnerships:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_admin_cannot_delete_a_device_without_a_reason(admin_client, staff):
    """Deleting a device in django-otp's own admin would record neither who nor why."""
    device = TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
