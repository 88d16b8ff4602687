"""Staff mark an agreement secret under OSL, wholly or in part, with its ground and a reason in
the history; NGO representatives and anonymous visitors may not."""

import pytest
from django.test import Client
from django.urls import reverse

from partnerships.models import Clause

pytestmark = pytest.mark.django_db


def test_staff_mark_parts_secret_with_ground_and_reason(staff_client, partnership_a):
    anonymous = Client()
    clause = Clause.objects.create(
        partnership=partnership_a, order=1, heading="Metod", body="Metodtext"
    )
    annex = partnership_a.annexes.get()
    text_tab = reverse("partnerships:agreement_text", args=[partnership_a.pk])
    page = staff_client.get(text_tab).content.decode()
    url = reverse("partnerships:secrecy", args=[partnership_a.pk])
    assert f'href="{url}"' in page and "Offentlig" in page

    # Partly secret without a ground or a part: refused, what was typed kept.
    response = staff_client.post(url, {"secrecy": "partial", "reason": "Beslut 2024-05-01"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ange bestämmelsen i OSL" in page and 'value="Beslut 2024-05-01"' in page
    response = staff_client.post(
        url, {"secrecy": "partial", "secrecy_ground": "26 kap. 1 § OSL", "reason": "Beslut"}
    )
    assert "Markera vilka avsnitt eller bilagor" in response.content.decode()

    response = staff_client.post(
        url,
        {
            "secrecy": "partial",
            "secrecy_ground": "26 kap. 1 § OSL",
            "secret_fields": ["purpose"],
            "secret_clauses": [clause.pk],
            "secret_annexes": [annex.pk],
            "reason": "Sekretessprövning dnr 12/2024",
        },
    )
    assert response.status_code == 302
    partnership_a.refresh_from_db()
    clause.refresh_from_db()
    annex.refresh_from_db()
    assert partnership_a.secrecy == "partial" and partnership_a.secret_fields == ["purpose"]
    assert clause.secret and annex.secret
    for obj in (partnership_a, clause, annex):
        latest = obj.history.latest()
        assert latest.history_change_reason == "Sekretessprövning dnr 12/2024"
        assert latest.history_user.username == "handlaggare"
    page = staff_client.get(text_tab).content.decode()
    assert "Delvis sekretess (26 kap. 1 § OSL)" in page

    # Wholly secret: out of the register; public again: every part's mark goes.
    staff_client.post(
        url, {"secrecy": "whole", "secrecy_ground": "18 kap. 1 § OSL", "reason": "Omprövning"}
    )
    public = reverse("public:partnership", args=[partnership_a.pk])
    assert anonymous.get(public).status_code == 404
    staff_client.post(url, {"secrecy": "", "reason": "Sekretessen upphör"})
    clause.refresh_from_db()
    partnership_a.refresh_from_db()
    assert not clause.secret and partnership_a.secrecy_ground == ""
    assert "Metodtext" in anonymous.get(public).content.decode()


def test_only_staff_mark_secrecy(client_a, partnership_a):
    url = reverse("partnerships:secrecy", args=[partnership_a.pk])
    assert client_a.get(url).status_code in (403, 404)
    assert client_a.post(url, {"secrecy": "whole", "reason": "x"}).status_code in (403, 404)
    partnership_a.refresh_from_db()
    assert partnership_a.secrecy == ""
