"""Staff manage representatives' accounts: the list, deactivating and reactivating, resetting a
lost second factor (each after a confirmation page that asks why), and the record of who did
it."""

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from iop.accounts.models import AccountEvent
from iop.accounts.services import representative_deactivate
from iop.history import system_user
from iop.mfa import new_recovery_codes
from tests.factories import RepresentativeFactory


def _toggle(account):
    return reverse("accounts:toggle", args=[account.pk])


def _logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_system_account_is_not_listed_and_cannot_be_activated(staff_client, rep_a):
    system = system_user()
    page = staff_client.get(reverse("accounts:list")).content.decode()
    assert str(rep_a) in page
    assert "IOP-systemet" not in page
    assert _toggle(system) not in page
    assert staff_client.get(_toggle(system)).status_code == 404
    assert staff_client.post(_toggle(system), {"reason": "Prov"}).status_code == 404
    system.refresh_from_db()
    assert not system.is_active


def test_the_list_leads_to_a_confirmation_page_and_nothing_happens_on_get(staff_client, rep_a):
    page = staff_client.get(reverse("accounts:list")).content.decode()
    assert f'href="{_toggle(rep_a)}"' in page
    page = staff_client.get(_toggle(rep_a)).content.decode()
    assert "rep_a loggas ut överallt direkt" in page
    assert "Varför inaktiveras kontot?" in page
    rep_a.refresh_from_db()
    assert rep_a.is_active


def test_deactivation_without_a_reason_keeps_the_account(staff_client, rep_a):
    session = _logged_in(rep_a)
    response = staff_client.post(_toggle(rep_a), {"active": "True", "reason": "  "})
    assert response.status_code == 200
    assert "Skriv en anledning. Den sparas med kontots händelser." in response.content.decode()
    rep_a.refresh_from_db()
    assert rep_a.is_active
    assert not AccountEvent.objects.filter(action=AccountEvent.Action.DEACTIVATED).exists()
    assert session.get(reverse("portal:home")).status_code == 200


def test_deactivation_with_a_reason_logs_out_and_is_shown_in_the_list(
    staff_client, staff, rep_a, django_assert_num_queries
):
    session = _logged_in(rep_a)
    response = staff_client.post(
        _toggle(rep_a), {"active": "True", "reason": "Har slutat i föreningen"}
    )
    assert response.status_code == 302
    rep_a.refresh_from_db()
    assert not rep_a.is_active
    response = session.get(reverse("portal:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    event = rep_a.account_events.get()
    assert (event.action, event.actor, event.reason) == (
        "deactivated",
        staff,
        "Har slutat i föreningen",
    )
    today = timezone.localdate().isoformat()
    for _n in range(5):  # enough rows, each with an event, for an N+1 to show
        other = RepresentativeFactory()
        representative_deactivate(other, actor=staff, reason="Prov")
    with django_assert_num_queries(5):
        page = staff_client.get(reverse("accounts:list")).content.decode()
    assert f"Inaktiverat {today} av Hanna Handläggare: Har slutat i föreningen" in page


def test_a_second_post_does_not_turn_the_account_back_on(staff_client, rep_a):
    form = {"active": "True", "reason": "Har slutat i föreningen"}
    staff_client.post(_toggle(rep_a), form)
    response = staff_client.post(_toggle(rep_a), form, follow=True)
    assert "Kontot är redan inaktiverat." in response.content.decode()
    rep_a.refresh_from_db()
    assert not rep_a.is_active
    assert rep_a.account_events.count() == 1


def test_reactivation_asks_why_and_is_recorded(staff_client, staff, rep_a):
    representative_deactivate(rep_a, actor=staff, reason="Har slutat i föreningen")
    page = staff_client.get(_toggle(rep_a)).content.decode()
    assert "Varför aktiveras kontot igen?" in page
    assert "Har slutat i föreningen" in page  # the earlier event, on the confirmation page
    staff_client.post(
        _toggle(rep_a), {"active": "False", "reason": "Tillbaka efter föräldraledighet"}
    )
    rep_a.refresh_from_db()
    assert rep_a.is_active
    page = staff_client.get(reverse("accounts:list")).content.decode()
    assert "Aktiverat igen" in page and "Tillbaka efter föräldraledighet" in page


def test_invitation_is_recorded_with_who_sent_it(staff_client, org_a):
    staff_client.post(
        reverse("accounts:invite"),
        {
            "email": "ny@example.org",
            "first_name": "Nina",
            "last_name": "Ny",
            "organisation": org_a.pk,
        },
    )
    page = staff_client.get(reverse("accounts:list")).content.decode()
    assert f"Inbjudet {timezone.localdate().isoformat()} av Hanna Handläggare" in page


def _reset(account):
    return reverse("accounts:second_factor_reset", args=[account.pk])


def _with_second_factor(user):
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    new_recovery_codes(user)


def test_staff_reset_a_lost_second_factor_with_a_reason(
    staff_client, staff, rep_a, settings, django_assert_num_queries
):
    _with_second_factor(rep_a)
    session = _logged_in(rep_a)
    for _n in range(5):  # enough rows, some with a second factor, for an N+1 to show
        _with_second_factor(RepresentativeFactory())
    with django_assert_num_queries(5):
        page = staff_client.get(reverse("accounts:list")).content.decode()
    assert f'href="{_reset(rep_a)}"' in page
    page = staff_client.get(_reset(rep_a)).content.decode()
    assert "Varför nollställs tvåfaktorsinloggningen?" in page
    assert TOTPDevice.objects.filter(user=rep_a).exists()  # nothing happens on GET

    refused = staff_client.post(_reset(rep_a), {"reason": " "})
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Skriv en anledning. Den sparas med kontots händelser." in body
    assert 'class="error-summary"' in body
    assert TOTPDevice.objects.filter(user=rep_a).exists()

    response = staff_client.post(_reset(rep_a), {"reason": "Tappat telefonen, ringde 10.15"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=rep_a).exists()
    assert not StaticDevice.objects.filter(user=rep_a).exists()
    event = rep_a.account_events.get()
    assert (event.action, event.actor, event.reason) == (
        AccountEvent.Action.MFA_RESET,
        staff,
        "Tappat telefonen, ringde 10.15",
    )
    today = timezone.localdate().isoformat()
    page = staff_client.get(reverse("accounts:list")).content.decode()
    assert (
        f"Tvåfaktorsinloggningen nollställd {today} av Hanna Handläggare: "
        "Tappat telefonen, ringde 10.15" in page
    )
    assert f'href="{_reset(rep_a)}"' not in page  # nothing left to reset
    # Logged out; the next login asks for an e-mailed code before a new app.
    response = session.get(reverse("portal:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    settings.IOP_REQUIRE_MFA = True
    again = Client()
    again.post(reverse("login"), {"username": rep_a.username, "password": "demo1234"})
    setup = again.get(reverse("mfa:setup"))
    assert setup.status_code == 302 and setup.url.startswith(reverse("mfa:email_proof"))


def test_a_second_reset_changes_nothing(staff_client, rep_a):
    _with_second_factor(rep_a)
    staff_client.post(_reset(rep_a), {"reason": "Tappat telefonen"})
    response = staff_client.post(_reset(rep_a), {"reason": "Tappat telefonen"}, follow=True)
    assert "Kontot har ingen tvåfaktorsinloggning att nollställa." in response.content.decode()
    assert rep_a.account_events.count() == 1


def test_only_staff_reset_a_second_factor(staff_client, rep_a, rep_b):
    _with_second_factor(rep_b)
    representative = _logged_in(rep_a)
    assert representative.get(_reset(rep_b)).status_code == 403
    assert representative.post(_reset(rep_b), {"reason": "Vill ta över"}).status_code == 403
    response = Client().post(_reset(rep_b), {"reason": "Vill ta över"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert TOTPDevice.objects.filter(user=rep_b).exists()
    assert not rep_b.account_events.exists()
    # Not the system account, which is nobody's login.
    assert staff_client.get(_reset(system_user())).status_code == 404
