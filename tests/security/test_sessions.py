"""Sessions: new key on login, idle and absolute timeouts, ended on deactivation; passwords."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError

from iop import security
from tests.security.conftest import post_login, production_env

pytestmark = pytest.mark.django_db


def test_login_gives_a_new_session_key(client, staff):
    client.get("/logga-in/")
    session = client.session
    session["probe"] = 1
    session.save()
    before = session.session_key
    assert post_login(client, staff.username).status_code == 302
    after = client.session.session_key
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()


def _age(client, *, login_ago, seen_ago):
    import time

    session = client.session
    now = int(time.time())
    session[security.LOGIN_AT_KEY] = now - login_ago
    session[security.LAST_SEEN_KEY] = now - seen_ago
    session.save()


def test_active_session_continues(client, staff):
    post_login(client, staff.username)
    _age(client, login_ago=3 * 3600, seen_ago=29 * 60)
    assert client.get("/partnerskap/").status_code == 200
    # The idle clock slid forward.
    assert client.get("/partnerskap/").status_code == 200


def test_idle_timeout_logs_out(client, staff):
    post_login(client, staff.username)
    _age(client, login_ago=3600, seen_ago=31 * 60)
    response = client.get("/partnerskap/")
    assert response.status_code == 302
    assert response.url.startswith("/logga-in/")
    assert "_auth_user_id" not in client.session
    page = client.get(response.url)
    assert "inaktiv" in page.content.decode()


def test_absolute_timeout_logs_out_even_when_active(client, rep_a):
    post_login(client, rep_a.username)
    _age(client, login_ago=10 * 3600 + 60, seen_ago=10)
    response = client.get("/portal/")
    assert response.status_code == 302
    assert response.url.startswith("/logga-in/")
    assert "10 timmar" in client.get(response.url).content.decode()


def test_deactivating_an_account_ends_its_sessions(client, staff, rep_a):
    from django.test import Client

    other = Client()
    post_login(client, staff.username)
    post_login(other, rep_a.username)
    assert client.get("/partnerskap/").status_code == 200
    staff.is_active = False
    staff.save()
    assert not Session.objects.filter(session_key=client.session.session_key).exists()
    # The other person's session is untouched.
    assert other.get("/portal/").status_code == 200
    response = client.get("/partnerskap/")
    assert response.status_code == 302
    assert response.url.startswith("/logga-in/")


def test_saving_an_active_account_keeps_its_sessions(client, staff):
    post_login(client, staff.username)
    staff.first_name = "Ny"
    staff.save()
    assert client.get("/partnerskap/").status_code == 200


def test_common_password_is_refused():
    with pytest.raises(ValidationError) as exc:
        validate_password("password1234")
    assert any("common" in m or "vanligt" in m for m in exc.value.messages)


def test_production_requires_twelve_characters():
    import subprocess
    import sys

    code = (
        "import django; django.setup(); "
        "from django.contrib.auth.password_validation import validate_password as v\n"
        "try:\n    v('Xq7#mLp2wZ')\n    print('accepted')\n"
        "except Exception as e:\n    print('refused')\n"
    )
    from django.conf import settings

    env = production_env()
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert out.stdout.strip() == "refused", out.stderr


def test_password_change_keeps_this_session_and_ends_others(client, staff):
    from django.test import Client

    other = Client()
    post_login(client, staff.username)
    post_login(other, staff.username, ip="203.0.113.20")
    page = client.get("/konto/")
    assert "Byt lösenord" in page.content.decode()
    response = client.post(
        "/konto/losenord/byt/",
        {
            "old_password": "demo1234",
            "new_password1": "en-lang-fras-om-partnerskap",
            "new_password2": "en-lang-fras-om-partnerskap",
        },
    )
    assert response.status_code == 302
    assert client.get("/partnerskap/").status_code == 200
    assert other.get("/partnerskap/").status_code == 302


def test_password_change_can_be_cancelled_back_to_the_account_page(client_a):
    page = client_a.get("/konto/losenord/byt/").content.decode()
    assert '<a href="/konto/">Avbryt</a>' in page


def test_password_change_refuses_a_common_password(client, staff):
    post_login(client, staff.username)
    response = client.post(
        "/konto/losenord/byt/",
        {
            "old_password": "demo1234",
            "new_password1": "password123",
            "new_password2": "password123",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
