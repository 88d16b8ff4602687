"""The permission matrix: every portal and reporting URL, as staff, NGO A's representative,
NGO B's representative and anonymous, on objects of A. B must get 404 on everything of A's."""

import io

import pytest
from django.urls import reverse

from iop.history import system_user
from partnerships.grants import organisation_group
from reporting.models import ActivityReport, FinancialStatement, StatementAttachment
from reporting.services.reports import report_submit
from tests.reporting.conftest import valid_raw

LOGIN = "login"  # anonymous visitors are sent to the login page

# name, args from side A, expected status: staff, rep_a, rep_b, anonymous
GET_MATRIX = [
    ("portal:home", lambda a: [], (302, 200, 200, LOGIN)),
    ("portal:partnership", lambda a: [a.partnership.pk], (200, 200, 404, LOGIN)),
    ("reporting:report_list", lambda a: [], (200, 200, 200, LOGIN)),
    ("reporting:report_detail", lambda a: [a.report.pk], (200, 200, 404, LOGIN)),
    # A's report is submitted, so even A is sent back to the (read-only) report.
    ("reporting:report_edit", lambda a: [a.report.pk], (302, 302, 404, LOGIN)),
    ("reporting:report_version", lambda a: [a.report.pk, 1], (200, 200, 404, LOGIN)),
    ("reporting:feedback_list", lambda a: [], (200, 200, 200, LOGIN)),
    ("reporting:feedback_create", lambda a: [], (403, 200, 200, LOGIN)),
    ("reporting:partnership", lambda a: [a.partnership.pk], (200, 403, 403, LOGIN)),
    ("reporting:template_create", lambda a: [a.partnership.pk], (200, 403, 403, LOGIN)),
    ("reporting:periods_generate", lambda a: [a.partnership.pk], (200, 403, 403, LOGIN)),
    ("reporting:period_extra", lambda a: [a.partnership.pk], (200, 403, 403, LOGIN)),
    ("reporting:period_move", lambda a: [a.period.pk], (200, 403, 403, LOGIN)),
    ("reporting:budget_line_create", lambda a: [a.annex.pk], (200, 403, 403, LOGIN)),
    ("reporting:annex_statements", lambda a: [a.annex.pk], (200, 200, 404, LOGIN)),
    ("reporting:statement_detail", lambda a: [a.statement.pk], (200, 200, 404, LOGIN)),
    ("reporting:statement_edit", lambda a: [a.statement.pk], (302, 200, 404, LOGIN)),
    ("reporting:attachment_download", lambda a: [a.attachment.pk], (200, 200, 404, LOGIN)),
    ("reporting:halfyear_detail", lambda a: [a.halfyear.pk], (200, 403, 403, LOGIN)),
    ("reporting:halfyear_export", lambda a: [a.halfyear.pk, "csv"], (200, 403, 403, LOGIN)),
    ("reporting:annual_detail", lambda a: [a.annual.pk], (200, 403, 403, LOGIN)),
    ("reporting:annual_export", lambda a: [a.annual.pk, "xlsx"], (200, 403, 403, LOGIN)),
    ("accounts:list", lambda a: [], (200, 403, 403, LOGIN)),
    ("accounts:invite", lambda a: [], (200, 403, 403, LOGIN)),
    ("accounts:toggle", lambda a: [a.user.pk], (200, 403, 403, LOGIN)),
]

POST_MATRIX = [
    ("reporting:report_start", lambda a: [a.period.pk], (403, 302, 404, LOGIN)),
    ("reporting:report_review", lambda a: [a.report.pk], (400, 403, 403, LOGIN)),
    ("reporting:statement_start", lambda a: [a.annex.pk], (404, 404, 404, LOGIN)),
    ("reporting:attachment_upload", lambda a: [a.statement.pk], (404, 400, 404, LOGIN)),
    ("reporting:statement_review", lambda a: [a.statement.pk], (302, 403, 403, LOGIN)),
    ("reporting:halfyear_open", lambda a: [a.period.pk], (302, 403, 403, LOGIN)),
    ("reporting:annual_open", lambda a: [a.partnership.pk], (404, 403, 403, LOGIN)),
    # Without a reason staff get the confirmation page back with the error.
    ("accounts:toggle", lambda a: [a.user.pk], (200, 403, 403, LOGIN)),
]

WHO = ["staff", "rep_a", "rep_b", "anonymous"]


@pytest.fixture
def world(side_a, side_b, staff):
    # A version of A's report exists, and A's statement is open for editing.
    report_submit(side_a.report, raw=valid_raw(side_a.template), actor=side_a.user)
    return {"a": side_a, "b": side_b, "staff": staff}


def _client_as(client, world, who):
    users = {"staff": world["staff"], "rep_a": world["a"].user, "rep_b": world["b"].user}
    if who in users:
        client.force_login(users[who])
    return client


def _check(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif expected == 302:
        assert response.status_code == 302
        assert not response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("who_index", range(4), ids=WHO)
@pytest.mark.parametrize("name,args,expected", GET_MATRIX, ids=[row[0] for row in GET_MATRIX])
def test_get_matrix(client, world, name, args, expected, who_index):
    client = _client_as(client, world, WHO[who_index])
    response = client.get(reverse(name, args=args(world["a"])))
    _check(response, expected[who_index])


@pytest.mark.parametrize("who_index", range(4), ids=WHO)
@pytest.mark.parametrize("name,args,expected", POST_MATRIX, ids=[row[0] for row in POST_MATRIX])
def test_post_matrix(client, world, name, args, expected, who_index):
    client = _client_as(client, world, WHO[who_index])
    response = client.post(reverse(name, args=args(world["a"])), {})
    _check(response, expected[who_index])


@pytest.mark.parametrize(
    "name,model",
    [
        ("reporting:report_detail", ActivityReport),
        ("reporting:statement_detail", FinancialStatement),
        ("reporting:attachment_download", StatementAttachment),
    ],
)
def test_url_guessing_reveals_only_own_objects(client_b, world, name, model):
    """B walks every id (and some beyond): 200 only for B's own, 404 for everything else."""
    own = {
        ActivityReport: {world["b"].report.pk},
        FinancialStatement: {world["b"].statement.pk},
        StatementAttachment: {world["b"].attachment.pk},
    }[model]
    highest = model.objects.order_by("-pk").first().pk
    for pk in range(1, highest + 5):
        status = client_b.get(reverse(name, args=[pk])).status_code
        assert status == (200 if pk in own else 404), (name, pk)


def test_lists_show_only_own_organisation(client_b, world):
    for name in ("reporting:report_list", "reporting:feedback_list", "portal:home"):
        content = client_b.get(reverse(name)).content.decode()
        assert world["a"].organisation.name not in content, name
        assert world["a"].partnership.title not in content, name


def test_lists_show_the_objects_granted_to_the_user_and_their_group(client_a, world, rep_a):
    """The lists' permission filter gives what guardian's get_objects_for_user gives: the
    organisation group's grants plus any grant to the user personally, nothing else."""
    from guardian.shortcuts import assign_perm, get_objects_for_user

    from partnerships.grants import objects_for_user

    b_report = world["b"].report
    assign_perm("reporting.view_activityreport", rep_a, b_report)
    for perm, model in (
        ("reporting.view_activityreport", ActivityReport),
        ("reporting.view_financialstatement", FinancialStatement),
        ("reporting.change_activityreport", ActivityReport),
    ):
        ours = objects_for_user(rep_a, perm, model.objects.all())
        guardians = get_objects_for_user(
            rep_a, perm, klass=model, accept_global_perms=False, with_superuser=False
        )
        assert sorted(o.pk for o in ours) == sorted(o.pk for o in guardians), perm
    listed = [
        r.pk for r in client_a.get(reverse("reporting:report_list")).context["page"].object_list
    ]
    assert sorted(listed) == sorted([world["a"].report.pk, b_report.pk])


def test_representative_is_in_own_organisation_group_only(world):
    rep = world["a"].user
    assert list(rep.groups.values_list("name", flat=True)) == [
        organisation_group(world["a"].organisation.pk).name
    ]
    rep.organisation = world["b"].organisation
    rep.save()
    assert list(rep.groups.values_list("name", flat=True)) == [
        organisation_group(world["b"].organisation.pk).name
    ]


def test_party_grants_follow_participation(client_b, world, partnership_a, org_b):
    """When B becomes a party to A's partnership, B sees the partnership's shared reporting
    periods but still none of A's reports, statements or bilagor."""
    from partnerships.services.agreements import participation_create

    participation_create(
        partnership=partnership_a,
        organisation=org_b,
        joined_on=partnership_a.start_date,
        actor=system_user(),
        reason="Ny part",
    )
    response = client_b.get(reverse("portal:home"))
    assert partnership_a.title in response.content.decode()
    shared = client_b.get(reverse("portal:partnership", args=[partnership_a.pk]))
    assert shared.status_code == 200
    assert world["a"].annex.title not in shared.content.decode()  # A's bilaga stays A's
    assert "Fler ska nås av verksamheten." in shared.content.decode()  # the shared goals
    assert (
        client_b.get(reverse("reporting:report_detail", args=[world["a"].report.pk])).status_code
        == 404
    )
    assert (
        client_b.get(reverse("reporting:annex_statements", args=[world["a"].annex.pk])).status_code
        == 404
    )


def test_admin_user_form_cannot_drop_the_organisation_group(world):
    rep = world["a"].user
    rep.groups.set([])  # what the admin's user form does with an empty groups field
    assert rep.groups.filter(name=f"org-{world['a'].organisation.pk}").exists()


def test_sync_command_rebuilds_lost_grants(world, client):
    from django.core.management import call_command
    from guardian.models import GroupObjectPermission

    GroupObjectPermission.objects.all().delete()
    client.force_login(world["a"].user)
    url = reverse("reporting:report_detail", args=[world["a"].report.pk])
    assert client.get(url).status_code == 404
    call_command("sync_object_permissions", stdout=io.StringIO())
    assert client.get(url).status_code == 200
