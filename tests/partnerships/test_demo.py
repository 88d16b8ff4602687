import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from iop.accounts.models import User
from partnerships.models import Annex, Organisation, Participation, Partnership

pytestmark = pytest.mark.django_db


def test_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", verbosity=0)
    assert not User.objects.filter(username="handlaggare").exists()


def test_demo_loads_the_seed_agreements_and_is_safe_to_run_twice(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    counts = (Partnership.objects.count(), Annex.objects.count(), Organisation.objects.count())
    call_command("load_demo", verbosity=0)
    assert (
        Partnership.objects.count(),
        Annex.objects.count(),
        Organisation.objects.count(),
    ) == counts

    bostad_forst = Partnership.objects.get(registration_number="SOF 2023/202")
    assert bostad_forst.extension_months == 6
    assert str(bostad_forst.extension_last_date) == "2026-06-30"
    assert (bostad_forst.notice_day, bostad_forst.notice_month) == (31, 12)
    assert bostad_forst.annexes.count() == 2
    assert (
        bostad_forst.participations.get(organisation__name="Street Minds").organisation.org_number
        == "802524-2879"
    )

    ensamkommande = Partnership.objects.get(registration_number="2.11.6-167/2019")
    assert str(ensamkommande.end_date) == "2024-06-30"
    annex_numbers = set(ensamkommande.annexes.values_list("registration_number", flat=True))
    assert "2.11.6-221/2019" in annex_numbers  # Barnrättsbyrån's bilaga is kept as history
    barnrattsbyran = Participation.objects.get(
        partnership=ensamkommande, organisation__org_number="802490-6771"
    )
    assert barnrattsbyran.organisation.name == "Barnrättsbyrån"
    assert barnrattsbyran.left_on is not None
    names = set(Organisation.objects.values_list("name", flat=True))
    assert {"Rädda Barnen", "Svenska Röda Korset", "Stockholms stadsmission"} <= names

    for username in ("admin", "handlaggare", "streetminds", "raddabarnen"):
        assert User.objects.get(username=username).check_password("demo1234")
    assert User.objects.get(username="streetminds").organisation.name == "Street Minds"
    assert User.objects.get(username="handlaggare").is_administration
    assert not User.objects.get(username="raddabarnen").is_administration

    # The later history is recorded with its reasons and the documents' dates.
    reasons = list(
        ensamkommande.history.order_by("history_date").values_list(
            "history_change_reason", flat=True
        )
    )
    assert any("2023-12-12" in (reason or "") for reason in reasons)


def test_demo_agreement_as_it_stood_on_its_first_day_names_every_party(settings, client):
    """The demo dates its history from the documents; its organisations too, or the parties
    of "som det såg ut" on an early date had no name."""
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    client.force_login(User.objects.get(username="handlaggare"))
    ensamkommande = Partnership.objects.get(registration_number="2.11.6-167/2019")

    page = client.get(
        reverse("partnerships:as_of", args=[ensamkommande.pk]), {"datum": "2019-09-01"}
    ).content.decode()

    parties = page[page.index("<h2>Parter</h2>") : page.index("<h2>Bilagor</h2>")]
    for name in ("Barnrättsbyrån", "Rädda Barnen", "Svenska Röda Korset", "Stockholms stad"):
        assert f"<li>{name}" in parties
    assert "<li> (" not in parties
    # ...and from their own history, not from today's row (which could carry a later name).
    barnrattsbyran = Organisation.objects.get(name="Barnrättsbyrån")
    assert str(barnrattsbyran.history.earliest().history_date.date()) == "2019-09-01"
