"""Staff manage representatives' accounts: the list, deactivating and reactivating."""

from django.urls import reverse

from iop.history import system_user


def test_system_account_is_not_listed_and_cannot_be_activated(staff_client, rep_a):
    system = system_user()
    page = staff_client.get(reverse("reporting:account_list")).content.decode()
    assert str(rep_a) in page
    assert "IOP systemet" not in page
    assert reverse("reporting:account_toggle", args=[system.pk]) not in page
    response = staff_client.post(reverse("reporting:account_toggle", args=[system.pk]))
    assert response.status_code == 404
    system.refresh_from_db()
    assert not system.is_active
