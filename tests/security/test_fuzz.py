"""Fuzz every form of the project with hypothesis: odd Unicode, NUL bytes, huge numbers, empty
and oversized strings, bad dates and bad choices, posted to each create/edit view as the person
whose form it is (staff, or the NGO's representative for the NGO's own forms).

Each view must answer below 500; when it refuses, the page must say why next to the form, in
Swedish (no Django English default message slips through).

The forms are found from the URL walk's table (every GET+POST route with an object of A) and
their fields are read from the rendered page, so a new form is fuzzed without being listed here.
The run is kept short (a few examples per form; about a minute on two cores).
"""

import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from tests.security.test_url_walk import ROUTES, STAFF_REFUSED, _world

pytestmark = pytest.mark.django_db

FIELD = re.compile(r"<(input|select|textarea)\b([^>]*)>", re.I)
ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')
FORM = re.compile(r'<form([^>]*method="post"[^>]*)>(.*?)</form>', re.I | re.S)
ENGLISH = re.compile(
    r"This field|Enter a |Enter an |Select a valid|Ensure this|Null characters|is not a valid|"
    r"must be|characters \(it has|No file was|The submitted",
)
ERRORS = re.compile(r'class="errors"|class="form-errors"|class="errorlist|role="alert"')

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
        max_examples=4,
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
            where = f"{name} POST {url} as {user}: {response.status_code}"
            assert response.status_code < 500, where
            if response.status_code in (200, 400):
                page = response.content.decode()
                assert ERRORS.search(page), f"{where}: refused without a message"
                messages = re.findall(
                    r'<div class="(?:errors|form-errors)"[^>]*>(.*?)</div>', page, re.S
                )
                for message in messages:
                    assert not ENGLISH.search(message), f"{where}: English message {message!r}"

    run()
