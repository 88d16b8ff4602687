"""Words and details (issue 15, point 8): each checks what a user saw wrong."""

import re
from collections import OrderedDict

import pytest
from django.apps import apps
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from iop.history import system_user
from reporting.charts import LABEL_CHARS, bar_chart
from reporting.compilation import Breakdown, Compilation, PublicCell, suppressed
from reporting.exports import rows
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_system_account_is_named_iop_systemet_with_a_hyphen():
    assert str(system_user()) == "IOP-systemet"


def test_a_system_account_made_before_is_renamed():
    old = system_user()
    old.first_name, old.last_name = "IOP", "systemet"
    old.save()
    assert str(system_user()) == "IOP-systemet"


def test_the_login_page_offers_the_password_reset_once(client):
    page = client.get(reverse("login")).content.decode()
    assert page.count("Glömt lösenordet?") == 1


def test_each_language_is_named_in_itself(client):
    page = client.get(reverse("login")).content.decode()
    assert '<option value="en" lang="en">English</option>' in page
    assert '<option value="sv" lang="sv" selected>Svenska</option>' in page
    assert "Engelska" not in page


def test_third_party_apps_have_swedish_names_in_the_admin(client):
    assert apps.get_app_config("axes").verbose_name == "Inloggningsförsök"
    assert apps.get_app_config("otp_static").verbose_name == "Reservkoder"
    assert apps.get_app_config("otp_totp").verbose_name == "Autentiseringsappar"
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:index")).content.decode()
    assert "Inloggningsförsök" in page and "Reservkoder" in page
    captions = re.findall(r'class="section"[^>]*>([^<]*)</a>', page)
    assert "Inloggningsförsök" in captions
    assert not {"Axes", "Otp_Static", "Otp_Totp"} & set(captions)


def test_the_admin_history_page_is_in_swedish(client, partnership_a):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:partnerships_partnership_history", args=[partnership_a.pk])
    page = client.get(url).content.decode()
    assert f"Historik: {partnership_a}" in page
    assert "Ändrad av" in page and "Anledning" in page
    assert "View history" not in page and "Changed by" not in page


def test_the_invitation_links_to_the_site_it_was_sent_from(
    staff_client, org_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("accounts:invite"),
            {
                "email": "ny@example.org",
                "first_name": "Nina",
                "last_name": "Ny",
                "organisation": org_a.pk,
            },
            HTTP_HOST="localhost",
        )
    body = mail.outbox[0].body
    assert "http://localhost/portal/aktivera/" in body
    assert "127.0.0.1:8000" not in body


def test_a_first_activation_says_the_account_is_activated(
    staff_client, org_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("accounts:invite"),
            {
                "email": "ny@example.org",
                "first_name": "Nina",
                "last_name": "Ny",
                "organisation": org_a.pk,
            },
        )
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body)[1]
    client = Client()
    form_page = client.get(link, follow=True)
    password = "Ett-långt-lösen-42"
    page = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
        follow=True,
    ).content.decode()
    assert "Kontot är aktiverat" in page
    assert "Lösenordet är" not in page


def test_a_long_chart_label_wraps_instead_of_being_cut():
    label = "Annan könsidentitet eller uppgift saknas"
    svg = bar_chart("Kön", [PublicCell(label, 7, "7", False), PublicCell("Kvinna", 9, "9", False)])
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert " ".join(lines[:-1]) == label and lines[-1] == "Kvinna"
    assert all(len(line) <= LABEL_CHARS for line in lines)
    height = int(re.search(r'height="(\d+)" viewBox', svg)[1])
    assert height > 2 * (22 + 8) + 8


def _compilation():
    # 3 is small; 40 is hidden as well so that 3 cannot be recomputed from the total.
    cells = OrderedDict([("Kvinna", 57), ("Man", 40), ("Annan", 3)])
    return Compilation(total=100, breakdowns=[Breakdown("gender", "Per kön", cells)])


def test_the_csv_explains_its_marks():
    written = list(rows(_compilation()))
    assert ["Per kön", "Man", ".."] in written
    legend = [row[1:] for row in written if row[0] == "Teckenförklaring"]
    assert legend == [
        ["<5", "färre än 5 personer, uppgiften skyddas"],
        ["..", "uppgiften skyddas så att ett antal färre än 5 inte kan räknas fram"],
    ]


def test_the_page_explains_its_marks():
    from reporting.compilation import suppression_legend

    total, tables = suppressed(_compilation())
    page = render_to_string(
        "reporting/partials/figures.html",
        {"total": total, "tables": tables, "legend": suppression_legend(total, tables)},
    )
    assert "<strong>..</strong> uppgiften skyddas" in page
    assert "<strong>&lt;5</strong> färre än 5 personer" in page


def test_favicon_is_served_and_named(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in b"".join(response.streaming_content)
    page = client.get(reverse("login")).content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
