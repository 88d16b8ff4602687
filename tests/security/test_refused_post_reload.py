"""A refused POST never leaves the person on a URL that fails on reload.

Every POST-only action of the URL walk is posted empty, as staff and as the owning NGO: where
the refusal is a page (not a redirect), that page sits at the action's URL, and reloading it (a
GET) must lead back to the page the form lives on, never to a blank 405."""

import pytest
from django.urls import reverse

from tests.security.test_url_walk import (  # noqa: F401  (fixtures)
    POST_RULES,
    ROUTES,
    _parts,
    make_worlds,
    org_c,
    rep_c,
)

pytestmark = pytest.mark.django_db

POST_ONLY = [name for name, (rule, _args) in ROUTES.items() if rule in POST_RULES]


@pytest.mark.parametrize("name", POST_ONLY)
def test_a_refusal_shown_at_a_post_only_url_reloads(
    name,
    make_worlds,  # noqa: F811  (the walk's fixture, imported above)
    client,
    staff,
    rep_a,
    settings,
):
    settings.IOP_REQUIRE_MFA = False
    world = make_worlds(_parts(name))["A"]
    _rule, make_args = ROUTES[name]
    url = reverse(name, kwargs=make_args(world) if make_args else None)
    for user in (staff, rep_a):
        client.force_login(user)
        posted = client.post(url, {})
        if posted.status_code in (302, 403, 404):
            continue  # a redirect, or not this person's action: nothing shown at this URL
        assert "text/html" in posted.get("Content-Type", ""), (name, posted.status_code)
        reload = client.get(url)
        where = f"{user} GET {url} after a refused POST -> {reload.status_code}"
        assert reload.status_code == 302, where
        assert client.get(reload.url).status_code == 200, where


def test_the_refusals_shown_at_post_only_urls_are_known():
    """The two actions whose refusal is a page, walked above: the review of a report (its
    "Återsänd" without a comment) and a statement's attachment upload."""
    assert {n for n, (rule, _a) in ROUTES.items() if rule == "post-back"} == {
        "reporting:report_review",
        "reporting:attachment_upload",
    }
