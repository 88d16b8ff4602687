"""Att göra, staff's start page (iop/pages/todo.py): what it gathers, where it links, who gets
it, and its number of queries however much there is."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.models import Group
from iop.history import save_with_history
from partnerships.models import Partnership, Signature
from partnerships.services.amendments import (
    amendment_create,
    amendment_submit,
    signature_create,
)
from reporting.models import ActivityReport, FinancialStatement
from reporting.services.reports import report_submit
from reporting.services.statements import statement_submit
from tests.factories import (
    AnnexFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PublicOrganisationFactory,
    RepresentativeFactory,
    UserFactory,
)
from tests.governance.factories import GroupFactory
from tests.reporting.conftest import Side, valid_raw

pytestmark = pytest.mark.django_db


def _add_months(day, months):
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def build(staff, n, key=""):
    """`n` running partnerships, each with an NGO's report and statement handed in, a group
    that has never met, a last day to agree an extension within a month, a decided agreement
    and an amendment waiting for the NGO's signature, and a draft partnership and amendment
    `staff` started."""
    today = timezone.localdate()
    start = date(today.year, 1, 1)
    end = _add_months(today, 3) - timedelta(days=1)
    city = PublicOrganisationFactory()
    for index in range(n):
        organisation = OrganisationFactory(name=f"Förening {key}{index:02d}")
        user = RepresentativeFactory(organisation=organisation)
        partnership = PartnershipFactory(
            title=f"Partnerskap {key}{index:02d}",
            start_date=start,
            end_date=end,
            extension_kind="by_agreement",
            extension_months=12,
            extension_last_date=_add_months(end, 24),
            agreement_months_before_end=2,
        )
        ParticipationFactory(partnership=partnership, organisation=city)
        party = ParticipationFactory(partnership=partnership, organisation=organisation)
        AnnexFactory(partnership=partnership, participation=party)
        side = Side(partnership, organisation, user)
        report_submit(side.report, raw=valid_raw(side.template), actor=user)
        statement_submit(side.statement, actor=user)
        GroupFactory(partnership=partnership, kind=Group.Kind.COOPERATION, name="Samverkan")
        amendment = amendment_create(
            partnership=partnership,
            actor=staff,
            reason="Ny rubrik",
            title=f"Ändrad rubrik {key}{index:02d}",
            target="partnership",
            changes={"title": f"Ny rubrik {key}{index:02d}"},
        )
        amendment_submit(amendment, actor=staff, reason="Till underskrift")
        decided = PartnershipFactory(
            title=f"Beslutat {key}{index:02d}", status=Partnership.Status.DECIDED
        )
        ParticipationFactory(partnership=decided, organisation=city)
        ParticipationFactory(partnership=decided, organisation=organisation)
        draft = PartnershipFactory.build(
            title=f"Mitt utkast {key}{index:02d}", status=Partnership.Status.DRAFT
        )
        save_with_history(draft, actor=staff, reason="Nytt")
        amendment_create(
            partnership=partnership,
            actor=staff,
            reason="Utkast",
            title=f"Utkast till ändring {key}{index:02d}",
            target="partnership",
            changes={"purpose": "Ett nytt syfte."},
        )


def _count(client, url):
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries), response.content.decode()


def test_staff_land_on_att_gora(staff_client):
    assert staff_client.get(reverse("home")).url == reverse("todo")
    # Staff following the portal's address are sent to their own start page.
    assert staff_client.get(reverse("portal:home")).url == reverse("todo")


def test_representatives_keep_landing_on_min_sida(client_a):
    assert client_a.get(reverse("home")).url == reverse("portal:home")
    assert client_a.get(reverse("todo")).status_code == 403


def test_the_page_lists_what_waits_with_counts_and_links(staff, staff_client):
    build(staff, 2)
    html = staff_client.get(reverse("todo")).content.decode()
    assert 'aria-current="page">Att göra</a>' in html
    # Reports and statements handed in, each linking to where it is reviewed.
    for model, name in (
        (ActivityReport, "report_detail"),
        (FinancialStatement, "statement_detail"),
    ):
        for pk in model.objects.awaiting_review().values_list("pk", flat=True):
            assert f'href="{reverse(f"reporting:{name}", args=[pk])}"' in html
    assert (
        'id="rapporter-heading">Verksamhetsrapporter att granska <span class="todo-count">2' in html
    )
    assert "/rapporter/?status=submitted" in html
    # Signatures missing: the NGO has signed neither the decided agreement nor the amendment.
    assert 'id="underskrifter-heading">Underskrifter som saknas <span class="todo-count">4' in html
    assert "Överenskommelsen: Beslutat 00" in html
    signatures = html.split('id="underskrifter-heading"')[1].split("</section>")[0]
    assert "saknas: Socialförvaltningen" in signatures and "Förening 00" in signatures
    # The last day to agree an extension within 60 days, the groups that should meet.
    assert 'id="uppsagning-forlangning-heading">' in html
    periods = html.split('id="uppsagning-forlangning-heading"')[1].split("</section>")[0]
    assert '<span class="todo-count">2' in periods
    meetings = html.split('id="moten-heading"')[1].split("</section>")[0]
    assert '<span class="todo-count">2' in meetings
    assert "Samverkan" in meetings
    # Late: at least the two groups that never met, counted as Kommande counts them there.
    late = html.split('id="forsenat-heading"')[1].split("</section>")[0]
    count = int(late.split('class="todo-count">')[1].split("<")[0])
    assert count >= 2
    link = late.split('href="')[1].split('"')[0].replace("&amp;", "&")
    assert link.startswith("/kommande/?overdue=on")
    assert staff_client.get(link).context["counts"]["overdue"] == count
    # My drafts: the partnership and the amendment I started, not someone else's.
    drafts = html.split('id="utkast-heading"')[1].split("</section>")[0]
    assert "Mitt utkast 00" in drafts and "Utkast till ändring 00" in drafts
    other = UserFactory()
    other_client = staff_client.__class__()
    other_client.force_login(other)
    theirs = other_client.get(reverse("todo")).content.decode()
    assert "Mitt utkast 00" not in theirs.split('id="utkast-heading"')[1]


def test_an_agreement_all_signed_stays_listed_with_none_missing(staff, staff_client):
    build(staff, 1)
    decided = Partnership.objects.get(title="Beslutat 00")
    for party in decided.participations.all():
        signature_create(
            partnership=decided,
            participation=party,
            document=Signature.Document.AGREEMENT,
            signatory_name="Firmatecknare",
            signed_on=date(2024, 1, 1),
            actor=staff,
            reason="Undertecknat",
        )
    html = staff_client.get(reverse("todo")).content.decode()
    signatures = html.split('id="underskrifter-heading"')[1].split("</section>")[0]
    # Still decided, nobody's signature missing: listed without a missing party.
    assert "Överenskommelsen: Beslutat 00</a></li>" in signatures


def test_query_count_does_not_grow_with_the_data(staff, staff_client):
    build(staff, 1, key="a")
    few, html = _count(staff_client, reverse("todo"))
    build(staff, 9, key="b")
    many, html = _count(staff_client, reverse("todo"))
    print(f"Att göra: {few} queries at 1×, {many} at 10×")
    assert many == few
    assert '<span class="todo-count">10' in html
