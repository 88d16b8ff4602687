"""CSP without inline script, secure cookies and HSTS in production, `check --deploy` clean."""

import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from iop.enrolment import ENROL_PROOF_KEY

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def test_csp_header_on_pages(client, staff_client):
    for c, url in [(client, "/logga-in/"), (staff_client, "/partnerskap/")]:
        header = c.get(url)["Content-Security-Policy"]
        directives = dict(
            (part.strip().split(" ", 1) + [""])[:2] for part in header.split(";") if part.strip()
        )
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["img-src"] == "'self' data:"
        assert directives["frame-ancestors"] == "'none'"
        assert directives["form-action"] == "'self'"
        assert "unsafe-inline" not in header


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"<style", re.I), "<style> element"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event-handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_templates_have_nothing_the_csp_would_block():
    offenders = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        if "pdf" in path.parts:  # rendered by WeasyPrint, never served to a browser
            continue
        text = path.read_text()
        for pattern, what in INLINE:
            if pattern.search(text):
                offenders.append(f"{path.relative_to(ROOT)}: {what}")
    assert offenders == []


def test_rendered_pages_have_no_inline_script(client, staff_client, client_a, settings):
    settings.IOP_REQUIRE_MFA = False
    pages = [
        (client, "/logga-in/"),
        (client, "/konto/losenord/aterstall/"),
        (staff_client, "/partnerskap/"),
        (staff_client, "/konto/tvafaktor/bekrafta/"),
        (staff_client, "/konto/tvafaktor/konfigurera/"),
    ]
    session = staff_client.session  # allowed to connect an app, so the set-up page shows
    session[ENROL_PROOF_KEY] = {"user": int(session["_auth_user_id"]), "at": int(time.time())}
    session.save()
    for c, url in pages:
        response = c.get(url)
        if url.startswith("/konto/"):
            assert response.status_code == 200, url  # the page itself, not a redirect
        body = response.content.decode()
        for pattern, what in INLINE:
            assert not pattern.search(body), f"{url}: {what}"


def _production_env(tmp_path, **extra):
    return {
        "PATH": "/usr/bin:/bin",
        "IOP_PRODUCTION": "1",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "iop.stockholm.example",
        "DATABASE_URL": "postgres://iop:secret@127.0.0.1:5432/iop",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        **extra,
    }


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_does_fail_on_a_weak_key(tmp_path):
    """The check above can fail: a short secret key is reported."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(tmp_path, DJANGO_SECRET_KEY="short"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_production_settings_refuse_missing_secrets(tmp_path):
    env = _production_env(tmp_path)
    del env["DJANGO_SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_cookies_and_hsts(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER[0], s.DEBUG)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**_production_env(tmp_path), "DJANGO_SETTINGS_MODULE": "iop.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == [
        "True",
        "True",
        "31536000",
        "True",
        "HTTP_X_FORWARDED_PROTO",
        "False",
    ]


def test_production_refuses_to_fall_back_to_sqlite(tmp_path):
    env = _production_env(tmp_path)
    del env["DATABASE_URL"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


# --- What a signed-in person's browser may keep (ASVS 8.2.1) ---------------------------------


def _cache_directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def _assert_not_kept(response, where):
    directives = _cache_directives(response)
    assert {"no-store", "private"} <= directives, f"{where}: Cache-Control {directives}"
    assert not any(d.startswith(("max-age", "s-maxage", "public")) for d in directives), where


def test_private_pages_and_downloads_are_not_kept_by_the_browser(
    client, staff, rep_a, rep_b, partnership_a, org_a, settings, tmp_path
):
    """The portal, the reports, the statements and every download, as the NGO's representative
    and as staff: a shared computer's browser keeps none of them."""
    from django.urls import reverse

    from reporting.services.reports import report_submit
    from tests.reporting.conftest import Side, valid_raw

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IOP_REQUIRE_MFA = False
    side = Side(partnership_a, org_a, rep_a)
    report_submit(side.report, raw=valid_raw(side.template), actor=rep_a)
    portal = [
        reverse("portal:home"),
        reverse("portal:partnership", args=[partnership_a.pk]),
    ]
    both = [
        reverse("reporting:statement_detail", args=[side.statement.pk]),
        reverse("reporting:report_detail", args=[side.report.pk]),
        reverse("reporting:report_version", args=[side.report.pk, 1]),
        reverse("reporting:attachment_download", args=[side.attachment.pk]),  # a FileResponse
        reverse("partnerships:agreement_pdf", args=[partnership_a.pk]),
    ]
    staff_only = [
        reverse("partnerships:detail", args=[partnership_a.pk]),
        reverse("reporting:halfyear_pdf", args=[side.halfyear.pk]),
        reverse("reporting:halfyear_export", args=[side.halfyear.pk, "csv"]),
        reverse("reporting:annual_export", args=[side.annual.pk, "xlsx"]),
    ]
    for user, urls in [(rep_a, portal + both), (staff, both + staff_only)]:
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, f"{user} GET {url} -> {response.status_code}"
            _assert_not_kept(response, f"{user} GET {url}")
    # A refusal and a redirect say nothing worth keeping either, but they are answers to a
    # signed-in person all the same.
    client.force_login(rep_b)
    refused = client.get(reverse("reporting:report_detail", args=[side.report.pk]))
    assert refused.status_code == 404
    _assert_not_kept(refused, "B GET A's report")
    redirected = client.get("/portal")
    assert redirected.status_code == 301
    _assert_not_kept(redirected, "B GET /portal")


def test_a_signed_in_person_gets_no_store_even_where_the_view_allows_caching(client, rep_a):
    """The calendar feed may be kept 15 minutes by the calendar apps that fetch it without a
    login; opened by a signed-in person it is as private as any other page."""
    from django.urls import reverse

    from iop.pages.deadlines import _token_for

    url = reverse("deadlines:feed", args=[_token_for(rep_a)])
    anonymous = client.get(url)
    assert anonymous.status_code == 200
    assert _cache_directives(anonymous) == {"private", "max-age=900"}
    client.force_login(rep_a)
    _assert_not_kept(client.get(url), "feed, signed in")


@pytest.mark.parametrize("url", ["/logga-ut/", "/admin/logout/"])
def test_logging_out_tells_the_browser_to_empty_its_storage(client, staff, settings, url):
    """What the browser test checks in Chromium, for both ways out (ASVS 8.2.3)."""
    settings.IOP_REQUIRE_MFA = False
    staff.is_staff = True  # may use the admin, so its logout is not a redirect to its login
    staff.save()
    client.force_login(staff)
    response = client.post(url)
    assert response.status_code in (200, 302)
    assert response["Clear-Site-Data"] == '"storage"'
    assert client.get("/partnerskap/").status_code == 302  # logged out indeed
