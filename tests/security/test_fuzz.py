"""Fuzz every form of the project with hypothesis: odd Unicode, NUL bytes, huge numbers, empty
and oversized strings, bad dates and bad choices, posted to each create/edit view as the person
whose form it is (staff, or the NGO's representative for the NGO's own forms).

Each view must answer below 500; when it refuses, the page must say why next to the form, in
Swedish (no Django English default message slips through).

The forms are found from the URL walk's table (every GET+POST route with an object of A) and
their fields are read from the rendered page, so a new form is fuzzed without being listed here.
The same goes for
  - the public forms: logging in, asking for and using a password reset link, accepting an
    invitation, the second factor half-way through logging in, the language switch;
  - query strings: every page that reads a query parameter (search and filter forms, paging,
    prefilled links) is found by recording which parameters it reads, then fed odd values in
    them. A refused filter value must be named on the page or left out, never a crash or 404.

The run is kept short (a few examples per form; about two minutes on two cores); set
IOP_FUZZ_EXAMPLES to run more when hunting, e.g. IOP_FUZZ_EXAMPLES=50.
"""

import os
import re
import time
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from tests.security.test_url_walk import ROUTES, STAFF_REFUSED, _world

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("IOP_FUZZ_EXAMPLES", "0")) or None

FIELD = re.compile(r"<(input|select|textarea)\b([^>]*)>", re.I)
ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')
FORM = re.compile(r'<form([^>]*method="post"[^>]*)>(.*?)</form>', re.I | re.S)
ENGLISH = re.compile(
    r"This field|Enter a |Enter an |Select a valid|Ensure this|Null characters|is not a valid|"
    r"must be|characters \(it has|No file was|The submitted",
)
ERRORS = re.compile(r'class="errors"|class="form-errors"|class="errorlist|role="alert"')
MESSAGES = re.compile(r'<div class="(?:errors|form-errors)"[^>]*>(.*?)</div>', re.S)

# NGO forms: the representative fills them in (staff are refused or only read them).
NGO_FORMS = STAFF_REFUSED | {"reporting:statement_edit", "governance:item_create"}
# Forms that only redirect on GET for the object state the world has (a submitted report).
SKIP = {"reporting:report_edit"}

ODD = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\u202e\u0645\u0631\u062d\u0628\u0627",
        "𝕳𝖊𝖏",
        "\ud7ff\ufeff\u200b",
        "Ω" * 5000,
        "x" * 100_000,
        "-1",
        "0",
        "1e309",
        "NaN",
        "-0,0001",
        "99999999999999999999999999999999",
        "１２３",
        "12 500,50",
        "2024-02-30",
        "9999-12-31",
        "0000-00-00",
        "0001-01-01",
        "24-6-31",
        "2024-13-01",
        "<script>alert(1)</script>",
        "'; DROP TABLE x;--",
        "../../etc/passwd",
        "true",
        "[]",
        "{}",
    ]
)
# The values most likely to break something below the forms: NUL (PostgreSQL refuses it in any
# string), the oversized, the overflowing number, dates at and past the ends of the calendar.
NASTY = [
    "a\x00b",
    "x" * 100_000,
    "99999999999999999999999999999999",
    "1e309",
    "0001-01-01",
    "9999-12-31T23:59:59-14:00",
    "2024-02-30",
]
VALUE = st.one_of(
    ODD,
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


def fields_of(html, url):
    """Names of the fields of the page's own POST form(s) (not the footer's language form),
    without the CSRF token and files."""
    names = []
    for form_attrs, form in FORM.findall(html):
        action = dict(ATTR.findall(form_attrs)).get("action", "")
        if action not in ("", url):
            continue
        for _tag, attrs in FIELD.findall(form):
            attrs = dict(ATTR.findall(attrs))
            name = attrs.get("name")
            if not name or name == "csrfmiddlewaretoken" or attrs.get("type") == "file":
                continue
            if attrs.get("type") == "submit":
                continue
            names.append(name)
    return list(dict.fromkeys(names))


def form_routes(prefixes):
    for name, (rule, make_args) in ROUTES.items():
        if rule in ("staff", "party", "member", "user") and name not in SKIP:
            if (name.split(":")[0] if ":" in name else "") in prefixes:
                yield name, make_args


def fuzz_targets(client, world, staff, prefixes):
    """(route, user, url, field names) for every form page that shows a POST form."""
    targets = []
    for name, make_args in form_routes(prefixes):
        url = reverse(name, kwargs=make_args(world) if make_args else None)
        user = world.user if name in NGO_FORMS else staff
        client.force_login(user)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        names = fields_of(response.content.decode(), url)
        if names:
            targets.append((name, user, url, names))
    return targets


GROUPS = {
    "partnerships": {"partnerships", "deadlines"},
    "governance": {"governance"},
    "reporting": {"reporting", "portal"},
    "accounts": {"", "mfa"},
}


@pytest.mark.parametrize("group", list(GROUPS))
def test_forms_survive_fuzzed_input(
    group, client, partnership_a, org_a, rep_a, staff, city, settings, tmp_path
):
    settings.IOP_REQUIRE_MFA = False
    settings.MEDIA_ROOT = tmp_path / "media"
    world = _world(
        partnership_a, org_a, rep_a, staff, city, {"lifecycle", "governance", "reporting"}
    )
    targets = fuzz_targets(client, world, staff, GROUPS[group])
    assert targets, group

    @hsettings(
        max_examples=EXAMPLES or 4,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: the draw labels say enough
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def run(data):
        for name, user, url, names in targets:
            payload = {field: data.draw(VALUE, label=f"{name}.{field}") for field in names}
            client.force_login(user)
            response = client.post(url, payload)
            answered(response, f"{name} POST {url} as {user}: {response.status_code}")

    run()


def answered(response, where):
    """Below 500, and a refusal (200/400) says why next to the form, not in English. Returns
    the texts of the page's error messages."""
    assert response.status_code < 500, where
    messages = []
    if response.status_code in (200, 400):
        page = response.content.decode()
        assert ERRORS.search(page), f"{where}: refused without a message"
        messages = MESSAGES.findall(page)
        for message in messages:
            assert not ENGLISH.search(message), f"{where}: English message {message!r}"
    return messages


# --- Public forms: filled in before (or half-way through) logging in ------------------------

FUZZ = hsettings(
    max_examples=EXAMPLES or 5,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Why a login was refused, in Swedish: Django's own messages in its Swedish catalogue.
LOGIN_REASONS = re.compile(
    r"Ange ett korrekt användarnamn och lösenord|Detta fält måste fyllas i|"
    r"Säkerställ att detta värde|Null-tecken är inte tillåtna"
)


def form_fields(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    names = fields_of(response.content.decode(), url)
    assert names, f"no form on {url}"
    return names


def test_login_survives_fuzzed_input(client, staff):
    url = reverse("login")
    names = form_fields(client, url)
    assert {"username", "password", "next"} <= set(names)
    # Half of the time the username is a real one, so the wrong-password path (and axes'
    # count for a known account) is fuzzed too, not only "no such user".
    usernames = st.one_of(VALUE, st.just(staff.username))

    @FUZZ
    @given(data=st.data())
    def run(data):
        from axes.utils import reset

        # django-axes stays on: it writes every refused username to the database, where odd
        # input could break it. But its count is reset before each example, because after five
        # refusals for one username from this address every later POST would get the lockout
        # page and the login form itself would no longer be fuzzed.
        reset()
        payload = {
            field: data.draw(usernames if field == "username" else VALUE, label=field)
            for field in names
        }
        response = client.post(url, payload)
        where = f"POST {url} {payload!r:.300}: {response.status_code}"
        assert response.status_code == 200, where
        messages = answered(response, where)
        assert LOGIN_REASONS.search(" ".join(messages)), f"{where}: no reason given {messages}"
        assert "_auth_user_id" not in client.session, where

    run()


def test_password_reset_request_survives_fuzzed_input(client, staff, mailoutbox):
    url = reverse("password_reset")
    names = form_fields(client, url)
    assert names == ["email"]
    emails = st.one_of(VALUE, st.just(staff.email), st.just(staff.email.upper()))

    @FUZZ
    @given(data=st.data())
    def run(data):
        payload = {field: data.draw(emails, label=field) for field in names}
        response = client.post(url, payload)
        where = f"POST {url} {payload!r:.300}: {response.status_code}"
        if response.status_code == 302:
            # A well-formed address: the same answer whether or not it has an account.
            assert response.url == reverse("password_reset_done"), where
        else:
            assert response.status_code == 200, where
            assert answered(response, where), where

    run()


def _link(name, user):
    from django.contrib.auth.tokens import default_token_generator

    from tests.security.test_url_walk import _uid

    user.refresh_from_db()  # the token is tied to the current password
    token = default_token_generator.make_token(user)
    return reverse(name, kwargs={"uidb64": _uid(user), "token": token})


@pytest.fixture
def invited(staff, org_a):
    """A representative invited by e-mail who has not chosen a password yet."""
    from iop.accounts.services import representative_invite

    return representative_invite(
        email="ny@forening-a.example",
        first_name="Nora",
        last_name="Ny",
        organisation=org_a,
        actor=staff,
    )


@pytest.mark.parametrize(
    "name, who", [("password_reset_confirm", "rep_a"), ("portal:activate", "invited")]
)
def test_set_password_link_survives_fuzzed_input(name, who, client, request):
    """The password reset link and the invitation link: a valid link leads to the form that
    sets a password; a fuzzed link says, in Swedish, that it does not work."""
    user = request.getfixturevalue(who)
    first = client.get(_link(name, user))
    assert first.status_code == 302, "a fresh link leads to the form"
    form_url = first.url
    names = form_fields(client, form_url)
    assert names == ["new_password1", "new_password2"]
    segment = VALUE.map(lambda value: value.replace("/", "") or "x")

    @FUZZ
    @given(data=st.data())
    def run(data):
        opened = client.get(_link(name, user))
        assert (opened.status_code, opened.url) == (302, form_url)
        payload = {field: data.draw(VALUE, label=field) for field in names}
        if data.draw(st.booleans(), label="the same twice"):
            payload["new_password2"] = payload["new_password1"]
        response = client.post(form_url, payload)
        where = f"POST {form_url} {payload!r:.300}: {response.status_code}"
        if response.status_code == 302 and name == "portal:activate":
            # Logged in, and on to connect an app (home with the second factor off).
            assert response.url in (reverse("mfa:setup"), reverse("home")), where
            client.logout()
            user.set_unusable_password()  # invited afresh, for the next example
            user.save()
        elif response.status_code == 302:
            assert response.url == reverse("password_reset_complete"), where
        else:
            assert response.status_code == 200, where
            assert answered(response, where), where

        uid, token = data.draw(segment, label="uid"), data.draw(segment, label="token")
        prefix = form_url.rsplit("/", 3)[0]
        bad = client.get(f"{prefix}/{quote(uid, safe='')}/{quote(token, safe='')}/")
        where = f"GET link {uid!r:.100}/{token!r:.100}: {bad.status_code}"
        assert bad.status_code == 200, where
        assert "Länken fungerar inte" in bad.content.decode(), where

    run()


@pytest.mark.parametrize("step", ["mfa:verify", "mfa:email_proof", "mfa:setup"])
def test_second_factor_step_survives_fuzzed_input(step, client, rep_a, settings):
    """After the password, before the code: a person with an app is asked for its code; one
    without is asked for a code sent by e-mail, and then to set up the app. Each form takes
    whatever is typed."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from iop.enrolment import ENROL_PROOF_KEY
    from tests.security.conftest import post_login

    settings.IOP_REQUIRE_MFA = True
    if step == "mfa:verify":
        TOTPDevice.objects.create(user=rep_a, name="app", confirmed=True)
    assert post_login(client, rep_a.username).status_code == 302
    url = reverse(step)
    first_step = "mfa:verify" if step == "mfa:verify" else "mfa:setup"
    assert client.get("/portal/").url.startswith(reverse(first_step)), "half logged in"
    if step == "mfa:email_proof":
        assert client.get(reverse("mfa:setup")).url.startswith(url), "no app without a proof"
        client.post(url, {"send": "1"})
    if step == "mfa:setup":  # as after the invitation's link or an e-mailed code
        session = client.session
        session[ENROL_PROOF_KEY] = {"user": rep_a.pk, "at": int(time.time())}
        session.save()
    names = form_fields(client, url)
    assert ("code" if step == "mfa:email_proof" else "token") in names

    @FUZZ
    @given(data=st.data())
    def run(data):
        # django-otp slows guessing (1 s, 2 s, 4 s ... after each failure); without this every
        # later example would be refused by the throttle before the code is even compared.
        TOTPDevice.objects.filter(user=rep_a).update(
            throttling_failure_count=0, throttling_failure_timestamp=None
        )
        payload = {field: data.draw(VALUE, label=field) for field in names}
        response = client.post(url, payload)
        where = f"POST {url} {payload!r:.300}: {response.status_code}"
        assert response.status_code == 200, where
        messages = answered(response, where)
        assert messages, where
        assert client.get("/portal/").status_code == 302, "still only half logged in"

    run()


def test_language_switch_survives_fuzzed_input(client):
    """The footer's language form, on every page and for everybody."""
    url = reverse("set_language")

    @FUZZ
    @given(data=st.data())
    def run(data):
        payload = {"language": data.draw(VALUE, label="language")}
        payload["next"] = data.draw(VALUE, label="next")
        response = client.post(url, payload)
        where = f"POST {url} {payload!r:.300}: {response.status_code}"
        assert response.status_code in (302, 204), where
        if response.status_code == 302:
            # Back to a page of this site (a relative "94" is one), never elsewhere.
            assert url_has_allowed_host_and_scheme(response.url, {"testserver"}), where

    run()


# --- Query strings: search and filter forms, paging, prefilled links ------------------------

GET_FORM = re.compile(r'<form([^>]*method="get"[^>]*)>(.*?)</form>', re.I | re.S)
OPTION = re.compile(r'<option value="([^"]*)"')
SELECT = re.compile(r"<select\b([^>]*)>(.*?)</select>", re.I | re.S)
GET_RULES = ("staff", "party", "member", "user", "public", "token")
READERS = ("get", "getlist", "__getitem__", "__contains__")


@contextmanager
def reading(monkeypatch):
    """Record the query parameters a request reads, wherever it reads them (the view, a form
    bound to request.GET, the paging helper, Django's own views): every key asked of a
    QueryDict is noted."""
    from django.http import QueryDict

    keys = []

    def recording(original):
        def read(self, key, *args, **kwargs):
            if isinstance(key, str):
                keys.append(key)
            return original(self, key, *args, **kwargs)

        return read

    with monkeypatch.context() as patch:
        for name in READERS:
            patch.setattr(QueryDict, name, recording(getattr(QueryDict, name)))
        yield keys


def options_of(html):
    """{parameter: [its choices]} from the page's GET forms, so valid choices get mixed with
    fuzzed ones (a valid organisation with a bad year reaches further than two bad values)."""
    options = {}
    for _attrs, form in GET_FORM.findall(html):
        for attrs, body in SELECT.findall(form):
            name = dict(ATTR.findall(attrs)).get("name")
            if name:
                options[name] = [value for value in OPTION.findall(body) if value]
    return options


def query_targets(client, world, staff, monkeypatch):
    """(route, user, url, {parameter: choices}) for every page that reads its query string:
    each GET route of the URL walk, opened as staff and, where they see it too, as the NGO's
    representative (anonymous for public pages). Only HTML pages: the PDFs and exports read
    nothing but a fixed switch and take seconds each to render. An object's page that reads
    nothing for staff is not opened again as the representative (it shows them less); the
    pages of rule "user" are, since staff may be sent elsewhere from them."""
    targets = []
    for name, (rule, make_args) in ROUTES.items():
        if rule not in GET_RULES:
            continue
        url = reverse(name, kwargs=make_args(world) if make_args else None)
        if rule in ("public", "token"):
            users = [None]
        elif name in STAFF_REFUSED:
            users = [world.user]
        elif rule == "staff":
            users = [staff]
        else:
            users = [staff, world.user]
        for user in users:
            read_for_staff = any(target[0] == name for target in targets)
            if rule in ("party", "member") and user is world.user and not read_for_staff:
                continue
            client.logout()
            if user is not None:
                client.force_login(user)
            # A query string that is not empty, so that `Form(request.GET or None)` is bound
            # and reads its fields.
            with reading(monkeypatch) as keys:
                response = client.get(url, {"_": "1"})
            assert response.status_code < 500, f"{name} GET {url} as {user}"
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            params = dict.fromkeys(key for key in keys if key != "_")
            if params:
                options = options_of(response.content.decode())
                params = {key: options.get(key, []) for key in params}
                targets.append((name, user, url, params))
    return targets


def shown_errors(response, page, where):
    """Every error of a form the page was given is on the page (a filter that is refused says
    so next to itself, rather than silently showing everything)."""
    from django.forms import BaseForm
    from django.utils.html import escape

    for key in response.context.keys() if response.context else ():
        form = response.context[key]
        if isinstance(form, BaseForm) and form.is_bound:
            for field, errors in form.errors.items():
                for error in errors:
                    assert escape(error) in page, (
                        f"{where}: {key}.{field} error not shown {error!r}"
                    )


def test_query_strings_survive_fuzzed_input(
    client, partnership_a, org_a, rep_a, staff, city, settings, tmp_path, monkeypatch
):
    settings.IOP_REQUIRE_MFA = False
    settings.MEDIA_ROOT = tmp_path / "media"
    world = _world(
        partnership_a, org_a, rep_a, staff, city, {"lifecycle", "governance", "reporting"}
    )
    targets = query_targets(client, world, staff, monkeypatch)
    found = {name for name, *_ in targets}
    # The register's, the decision register's, the report list's and the deadlines' filters.
    assert {
        "partnerships:list",
        "governance:decision_register",
        "reporting:report_list",
        "deadlines:dashboard",
    } <= found, found

    # One login per person rather than per request (each costs a session and axes' records).
    targets.sort(key=lambda target: target[1].pk if target[1] else 0)
    logged_in = []

    def check(name, user, url, query):
        if logged_in != [user]:
            client.logout()
            if user is not None:
                client.force_login(user)
            logged_in[:] = [user]
        response = client.get(url, query)
        where = f"{name} GET {url}?{query!r:.300} as {user}: {response.status_code}"
        # A refused filter value is named on the page or left out; never a crash, and never
        # a 404 ("Not Found", in English) for a page that exists.
        assert response.status_code in (200, 302), where
        if response.status_code == 200 and "text/html" in response["Content-Type"]:
            page = response.content.decode()
            for message in MESSAGES.findall(page):
                assert not ENGLISH.search(message), f"{where}: English message {message!r}"
            shown_errors(response, page, where)

    # First each of the worst values in every parameter at once (a few random examples would
    # miss most of them), then hypothesis's mix of odd and valid values parameter by parameter.
    for value in NASTY:
        for name, user, url, params in targets:
            check(name, user, url, dict.fromkeys(params, value))

    @FUZZ
    @given(data=st.data())
    def run(data):
        for name, user, url, params in targets:
            query = {}
            for key, choices in params.items():
                values = st.one_of(VALUE, st.sampled_from(choices)) if choices else VALUE
                query[key] = data.draw(values, label=f"{name}?{key}")
            check(name, user, url, query)

    run()
