"""Where am I (issue 15, point 7): the main menu marks the section of the page, every page
below the start has the same breadcrumb trail, a representative is offered the way back to Min
sida from a report."""

import re

import pytest
from django.urls import reverse

from tests.reporting.conftest import Side

pytestmark = pytest.mark.django_db

MENU = re.compile(r'<nav aria-label="Huvudmeny">(.*?)</nav>', re.S)
CRUMBS = re.compile(r'<nav class="breadcrumbs" aria-label="Brödsmulor"><ol>(.*?)</ol></nav>', re.S)


def _current_menu_items(page):
    menu = MENU.search(page)[1]
    return re.findall(r'<a href="[^"]*" aria-current="page">([^<]*)</a>', menu)


def _trail(page):
    crumbs = CRUMBS.findall(page)
    assert len(crumbs) == 1, "one breadcrumb trail per page"
    items = re.findall(r"<li>(.*?)</li>", crumbs[0])
    names = [re.sub(r"<[^>]+>", "", item) for item in items]
    # Only the last item is the current page.
    assert [('aria-current="page"' in item) for item in items] == [False] * (len(items) - 1) + [
        True
    ]
    return names


@pytest.mark.parametrize(
    "url_name, args, section",
    [
        ("todo", [], "Att göra"),
        ("partnerships:list", [], "Partnerskap"),
        ("partnerships:organisation_list", [], "Organisationer"),
        ("governance:group_list", [], "Styrning"),
        ("reporting:report_list", [], "Rapporter"),
        ("reporting:feedback_list", [], "Rapporter"),
        ("accounts:list", [], "Konton"),
        ("deadlines:dashboard", [], "Kommande"),
        ("deadlines:calendar", [], "Kommande"),
        ("portfolio", [], "Portfölj"),
    ],
)
def test_the_menu_marks_the_section_of_a_staff_page(staff_client, url_name, args, section):
    page = staff_client.get(reverse(url_name, args=args)).content.decode()
    assert _current_menu_items(page) == [section]


def test_the_menu_marks_the_section_of_pages_deep_inside_it(staff_client, partnership_a, org_a):
    page = staff_client.get(reverse("partnerships:detail", args=[partnership_a.pk]))
    assert _current_menu_items(page.content.decode()) == ["Partnerskap"]
    page = staff_client.get(reverse("partnerships:organisation_detail", args=[org_a.pk]))
    assert _current_menu_items(page.content.decode()) == ["Organisationer"]


def test_the_menu_marks_a_representatives_section(client_a, partnership_a):
    page = client_a.get(reverse("portal:home")).content.decode()
    assert _current_menu_items(page) == ["Min sida"]
    page = client_a.get(reverse("portal:partnership", args=[partnership_a.pk])).content.decode()
    assert _current_menu_items(page) == ["Min sida"]
    page = client_a.get(reverse("governance:group_list")).content.decode()
    assert _current_menu_items(page) == ["Mina grupper"]


@pytest.mark.parametrize(
    "url_name, trail",
    [
        ("partnerships:organisation_list", ["Start", "Organisationer"]),
        ("reporting:report_list", ["Start", "Verksamhetsrapporter"]),
        ("reporting:feedback_list", ["Start", "Verksamhetsrapporter", "Synpunkter och klagomål"]),
        ("deadlines:dashboard", ["Start", "Kommande"]),
        ("deadlines:calendar", ["Start", "Kommande", "Kalenderprenumeration"]),
        ("accounts:list", ["Start", "Företrädarnas konton"]),
        ("governance:group_list", ["Start", "Styrning och samverkan"]),
        ("portfolio", ["Start", "Portfölj"]),
    ],
)
def test_lists_and_kommande_have_the_breadcrumb_trail(staff_client, url_name, trail):
    assert _trail(staff_client.get(reverse(url_name)).content.decode()) == trail


def test_the_start_page_has_no_trail_and_the_start_crumb_leads_to_it(staff_client, org_a):
    # Staff start on Att göra; the register is a list below it.
    assert not CRUMBS.search(staff_client.get(reverse("todo")).content.decode())
    register = staff_client.get(reverse("partnerships:list")).content.decode()
    assert _trail(register) == ["Start", "Partnerskap"]
    page = staff_client.get(reverse("partnerships:organisation_detail", args=[org_a.pk]))
    page = page.content.decode()
    assert _trail(page) == ["Start", "Organisationer", org_a.name]
    assert f'<li><a href="{reverse("todo")}">Start</a></li>' in page


def test_the_partnership_page_has_the_same_trail(staff_client, partnership_a):
    page = staff_client.get(reverse("partnerships:detail", args=[partnership_a.pk]))
    assert _trail(page.content.decode()) == ["Start", partnership_a.title]


def test_the_report_page_has_a_trail_for_staff_and_for_the_representative(
    client, staff, partnership_a, org_a, rep_a
):
    side = Side(partnership_a, org_a, rep_a)
    url = reverse("reporting:report_detail", args=[side.report.pk])
    client.force_login(staff)
    assert _trail(client.get(url).content.decode()) == ["Start", "Rapporter", "Verksamhetsrapport"]
    client.force_login(rep_a)
    page = client.get(url).content.decode()
    assert _trail(page) == ["Start", partnership_a.title, "Verksamhetsrapport"]
    assert f'<li><a href="{reverse("portal:home")}">Start</a></li>' in page
    edit = client.get(reverse("reporting:report_edit", args=[side.report.pk])).content.decode()
    assert _trail(edit) == [
        "Start",
        partnership_a.title,
        "Verksamhetsrapport",
        "Skriv verksamhetsrapport",
    ]


def test_a_representative_is_offered_the_way_back_to_min_sida_from_a_report(
    client, staff, partnership_a, org_a, rep_a
):
    side = Side(partnership_a, org_a, rep_a)
    url = reverse("reporting:report_detail", args=[side.report.pk])
    back = f'href="{reverse("portal:home")}">Tillbaka till Min sida</a>'
    client.force_login(rep_a)
    assert back in client.get(url).content.decode()
    client.force_login(staff)
    assert back not in client.get(url).content.decode()
