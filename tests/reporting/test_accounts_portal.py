"""Invitations, deactivation, password reset, the portal home and the reporting deadlines."""

import re
from datetime import date

from django.core import mail
from django.urls import reverse

from iop.accounts.models import User
from iop.deadlines import deadlines_between
from reporting.services.periods import period_add_extra, periods_generate
from reporting.services.reports import report_start
from tests.factories import AnnexFactory, OrganisationFactory, ParticipationFactory
from tests.reporting.conftest import make_template


def _link(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_invite_set_password_and_log_in(
    staff_client, org_a, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("accounts:invite"),
            {
                "email": "Ny@Example.org",
                "first_name": "Nora",
                "last_name": "Ny",
                "organisation": org_a.pk,
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="ny@example.org")
    assert user.role == User.Role.REPRESENTATIVE and not user.has_usable_password()
    assert user.groups.filter(name=f"org-{org_a.pk}").exists()
    assert len(mail.outbox) == 1 and "Nora" in mail.outbox[0].body
    staff_client.logout()
    link = _link(mail.outbox[0])
    response = client.get(link, follow=True)
    assert "Välj lösenord" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "Ett-långt-lösen-42", "new_password2": "Ett-långt-lösen-42"},
    )
    assert response.status_code == 302
    assert client.login(username="ny@example.org", password="Ett-långt-lösen-42")
    # The link works once.
    client.logout()
    response = client.get(link, follow=True)
    assert "Länken fungerar inte längre" in response.content.decode()


def test_invite_refuses_existing_email(staff_client, org_a, rep_a):
    response = staff_client.post(
        reverse("accounts:invite"),
        {"email": rep_a.email, "first_name": "A", "last_name": "B", "organisation": org_a.pk},
    )
    assert response.context["form"].errors["email"] == [
        "Det finns redan ett konto med den e-postadressen."
    ]


def test_deactivation_ends_sessions(staff, rep_a, client, django_user_model):
    from django.test import Client

    client.force_login(rep_a)
    assert client.get(reverse("portal:home")).status_code == 200
    staff_client = Client()
    staff_client.force_login(staff)
    staff_client.post(
        reverse("accounts:toggle", args=[rep_a.pk]), {"reason": "Slutat i föreningen"}
    )
    rep_a.refresh_from_db()
    assert not rep_a.is_active
    assert not rep_a.groups.exists()
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_password_reset_by_email(rep_a, client, django_capture_on_commit_callbacks):
    # The mail goes through the task queue once the request's change commits (iop/mail.py).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": rep_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    response = client.get(_link(mail.outbox[0]), follow=True)
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "Nytt-lösen-för-A-77", "new_password2": "Nytt-lösen-för-A-77"},
    )
    assert response.status_code == 302
    assert client.login(username=rep_a.username, password="Nytt-lösen-för-A-77")


def test_login_page_links_to_password_reset(client):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_portal_home_lists_reports_to_write_and_deadlines(side_a, client_a, staff):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    side_a.partnership.end_date = today + timedelta(days=365)
    side_a.partnership.save()
    extra = period_add_extra(
        partnership=side_a.partnership,
        start=today - timedelta(days=30),
        end=today,
        due_date=today + timedelta(days=10),
        actor=staff,
        reason="Uppföljning efter tillsyn",
    )
    html = client_a.get(reverse("portal:home")).content.decode()
    assert "Rapporter att skriva" in html
    assert side_a.period.due_date.isoformat() in html
    feed = html[html.index('id="deadlines"') :]
    assert f"Verksamhetsrapport {extra}" in feed
    assert extra.due_date.isoformat() in feed


def _add_partnerships(org, count):
    """`count` more partnerships for `org`, each with a bilaga, half-year periods and reports
    started, a group the organisation sits in with a meeting planned, and a remediation plan."""
    from datetime import timedelta

    from django.utils import timezone

    from governance.services.escalations import remediation_request
    from tests.factories import PartnershipFactory
    from tests.governance.factories import GroupFactory, MeetingFactory, MemberFactory

    today = timezone.localdate()
    for _index in range(count):
        partnership = PartnershipFactory()
        participation = ParticipationFactory(partnership=partnership, organisation=org)
        AnnexFactory(partnership=partnership, participation=participation)
        make_template(partnership)
        for period in periods_generate(
            partnership=partnership, rule="half_year", actor=None, reason="Regel"
        ):
            report_start(period=period, organisation=org, actor=None)
        group = GroupFactory(partnership=partnership)
        MemberFactory(group=group, organisation=org)
        MeetingFactory(group=group, date=today + timedelta(days=10))
        remediation_request(
            group=group,
            organisation=org,
            deficiency="Brist",
            due_on=today + timedelta(days=20),
            actor=None,
            reason="Styrgruppens beslut",
        )


# Session, user; the organisation's participations (with their partnerships, whether it may see
# each), bilagor with their commitments, compensations, periods with reports, statements; the
# stored dates, the end dates' notices and extensions, governance's plans, the meetings section.
PORTAL_QUERIES = 11


def test_portal_home_query_count(django_assert_num_queries, client_a, org_a, side_a):
    url = reverse("portal:home")
    client_a.get(url)
    with django_assert_num_queries(PORTAL_QUERIES):
        few = client_a.get(url)
    _add_partnerships(org_a, 6)
    with django_assert_num_queries(PORTAL_QUERIES):
        response = client_a.get(url)
    assert len(response.context["to_write"]) == 2 + 12
    html = response.content.decode()
    assert html.count("Bilaga ") > few.content.decode().count("Bilaga ")
    assert "Åtgärdsplan ska lämnas av" in html  # the plans reach both the section and the dates
    assert html.count('href="/styrning/moten/') == 6


def test_deadlines_for_reports_statements_and_compilations(side_a, side_b, rep_a, staff):
    start, end = date(2024, 1, 1), date(2025, 12, 31)
    kinds = {d.kind for d in deadlines_between(start, end, user=staff)}
    assert {
        "report_due",
        "half_year_report",
        "financial_statement_due",
        "annual_compilation_due",
    } <= kinds
    mine = deadlines_between(start, end, user=rep_a)
    assert {d.partnership_id for d in mine} == {side_a.partnership.pk}
    assert "half_year_report" not in {d.kind for d in mine}  # the city's own deadline
    other = OrganisationFactory()
    assert all(not d.concerns(other.pk) for d in mine if d.kind == "report_due")


def test_partnership_page_has_reporting_panel(side_a, staff_client):
    html = staff_client.get(side_a.partnership.get_absolute_url()).content.decode()
    assert 'id="rapportering-heading"' in html
    assert reverse("reporting:partnership", args=[side_a.partnership.pk]) in html


def test_reporting_changes_appear_in_the_partnership_history(side_a, staff_client):
    url = reverse("partnerships:history", args=[side_a.partnership.pk])
    html = staff_client.get(url).content.decode()
    assert "Rapportmall version 1" in html
    assert "Styrgruppens beslut" in html  # the reason given when the template was decided


def _due_cell(html, period):
    row = next(r for r in html.split("<tr>") if period.start.isoformat() in r)
    return re.search(r'<td class="nowrap([^"]*)"[^>]*>' + period.due_date.isoformat(), row).group(1)


def test_reports_to_write_are_late_by_the_one_rule(side_a, client_a, rep_a):
    """A report not yet sent after its last day is marked late; once sent it is not, even
    though the day has passed (partnerships.models.deadlines.is_late)."""
    from datetime import timedelta

    from django.utils import timezone

    from reporting.services.reports import report_submit
    from tests.reporting.conftest import valid_raw

    period = side_a.period
    period.due_date = timezone.localdate() - timedelta(days=3)
    period.save()
    html = client_a.get(reverse("portal:home")).content.decode()
    assert "status-overdue" in _due_cell(html, period)

    report_submit(side_a.report, raw=valid_raw(side_a.template), actor=rep_a)
    html = client_a.get(reverse("portal:home")).content.decode()
    assert "status-overdue" not in _due_cell(html, period)
