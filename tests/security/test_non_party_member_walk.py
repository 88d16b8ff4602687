"""The URL walk's worlds (test_url_walk.py) seen by D: the representative of an organisation
that is not a party to any partnership but sits in A's steering group (issue 14: the
cooperation group's "andra organisationer från idéburen sektor"). D sees A's group and its
meetings as a member does; nothing private to a party (bilagor, reports, payments, remediation
plans) and nothing of the partnerships themselves, and no page shown to D holds a party's
secret. The routes walked: every governance route and every route to a party's own object."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, RepresentativeFactory
from tests.governance.factories import MemberFactory
from tests.security.test_url_walk import (  # noqa: F401  (fixtures)
    NGOS,
    POST_RULES,
    ROUTES,
    _is_private,
    _parts,
    make_worlds,
    org_c,
    rep_c,
)

WALKED_BY_D = [
    name
    for name, (rule, make_args) in ROUTES.items()
    if make_args and rule != "skip" and (name.startswith("governance:") or _is_private(make_args))
]


@pytest.fixture
def rep_d(db):
    organisation = OrganisationFactory(name="Förening D, ej part")
    return RepresentativeFactory(username="rep_d", organisation=organisation)


@pytest.mark.parametrize("name", WALKED_BY_D)
def test_a_non_party_member_sees_the_group_and_nothing_of_the_parties(
    name,
    make_worlds,  # noqa: F811  (the walk's fixture, imported above)
    client,
    rep_d,
    staff,
    settings,
):
    worlds = make_worlds(_parts(name) | {"governance"})
    settings.IOP_REQUIRE_MFA = False
    MemberFactory(
        group=worlds["A"].group,
        name="Inbjuden",
        user=rep_d,
        organisation=rep_d.organisation,
        from_date=date(2000, 1, 1),
    )
    rule, make_args = ROUTES[name]
    client.force_login(rep_d)
    secrets = [secret for key in NGOS for secret in worlds[key].secrets]
    for owner in NGOS:
        url = reverse(name, kwargs=make_args(worlds[owner]))
        response = client.get(url)
        status = response.status_code
        where = f"D GET {url} (object of {owner}) -> {status}"
        assert status < 500, where
        if status == 200 and "html" in response.get("Content-Type", ""):
            page = response.content.decode()
            for secret in secrets:
                assert secret not in page, f"{where} shows {secret!r}"
        if rule == "staff" or _is_private(make_args) or rule in POST_RULES:
            assert status in (403, 404, 405), where  # 405: a GET of a POST-only action
        elif owner == "B":  # D sits in no group of B's partnership
            assert status in (403, 404), where
        # A party's own object, or an action on a group D does not sit in: no POST either.
        if _is_private(make_args) or (rule in POST_RULES and owner == "B"):
            status = client.post(url, {}).status_code
            assert status in (403, 404), f"D POST {url} (object of {owner}) -> {status}"
        if name in ("governance:group_detail", "governance:meeting_detail") and owner != "B":
            assert status == 200, where
