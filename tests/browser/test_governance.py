"""The governance journey: the administration (the demo user `handlaggare`) runs a meeting of
the Bostad Först steering group from notice to minutes while Bostad Först ran; the chair of the
day, by the rotation Street Minds' representative, reads the minutes and approves them."""

import re

from django.core import mail
from django.db.models import Max
from django.utils import timezone

from tests.browser.conftest import assert_accessible, login


def test_chair_runs_a_meeting_and_street_minds_reads_the_minutes(page, demo_live):
    from governance.models import AgendaItem, Group
    from governance.services.groups import chair_on

    today = timezone.localdate()
    group = Group.objects.get(partnership__registration_number="SOF 2023/202", kind="steering")
    # The chair rotates every three months; on the demo's live day it is Street Minds' turn.
    chair = chair_on(group, today)
    assert chair.user.username == "streetminds"
    # § numbers go on through the year from the meetings the group already held.
    first = (
        AgendaItem.objects.filter(group=group, year=today.year).aggregate(n=Max("number"))["n"] or 0
    ) + 1

    login(page, "handlaggare")
    page.get_by_role("link", name="Styrning", exact=True).click()
    row = page.get_by_role("row").filter(has_text="Bostad Först").filter(has_text="Styrgrupp")
    row.get_by_role("link", name="Styrgrupp").click()
    assert f"Ordförande just nu: {chair.name}" in page.locator("#ordforande").inner_text()
    assert_accessible(page)

    # Schedule the meeting.
    page.get_by_role("link", name="Planera möte").click()
    page.get_by_label("Datum").fill(today.isoformat())
    page.get_by_label("Starttid").fill("13:00")
    page.get_by_label("Sluttid").fill("15:00")
    page.get_by_label("Plats").fill("Socialförvaltningen, rum 4")
    page.get_by_label("Anledning till ändringen").fill("Ordinarie möte enligt mötesplanen")
    page.get_by_role("button", name="Spara").click()
    assert "Mötet är planerat." in page.locator(".messages").inner_text()

    # Two agenda items, numbered on from the year's last paragraph.
    for title in ("Budget för nästa år", "Lokalfrågan"):
        page.get_by_role("link", name="Lägg till punkt").click()
        page.get_by_label("Rubrik").fill(title)
        page.get_by_role("button", name="Spara").click()
    agenda = page.locator("#dagordning").inner_text()
    assert f"§ {first} Budget för nästa år" in agenda and f"§ {first + 1} Lokalfrågan" in agenda

    # The administration sends the notice on the chair's behalf, with the agenda and a calendar
    # invitation, after seeing who gets it and what it holds.
    page.get_by_role("link", name="Skicka kallelse").click()
    confirm = page.locator("main").inner_text()
    assert f"§ {first + 1} Lokalfrågan" in confirm and "mottagare" in confirm
    page.get_by_role("button", name="Skicka kallelse").click()
    assert "Kallelsen är skickad till" in page.locator(".messages").inner_text()
    assert "Budget för nästa år" in mail.outbox[-1].body
    assert mail.outbox[-1].attachments[0][0] == "kallelse.ics"

    # Attendance: everyone present.
    page.get_by_role("link", name="Registrera närvaro").click()
    checkboxes = page.get_by_role("checkbox")
    for index in range(checkboxes.count()):
        checkboxes.nth(index).check()
    page.get_by_role("button", name="Spara").click()
    assert "Närvaron är sparad." in page.locator(".messages").inner_text()

    # Minutes text and a decision by vote under the first paragraph.
    paragraph = page.locator(f"#p{first}")
    paragraph.get_by_role("link", name=re.compile("Skriv protokoll")).click()
    page.get_by_label("Protokollstext").fill("Styrgruppen gick igenom budgetförslaget.")
    page.get_by_role("button", name="Spara").click()
    page.locator(f"#p{first}").get_by_role("link", name=re.compile("Registrera beslut")).click()
    page.get_by_label(re.compile(r"^Beslut:?$")).fill("Budgetförslaget antas.")
    page.get_by_label("Röst: Hanna Handläggare").select_option("for")
    page.get_by_label("Röst: Sam Företrädare").select_option("for")
    page.get_by_label("Röst: Enhetschef, socialförvaltningen").select_option("against")
    page.get_by_role("button", name="Spara beslutet").click()
    decision = page.locator("main").inner_text()
    assert "Bifall" in decision and "2 för, 1 emot, 0 avstår" in decision

    # The meeting is held; Hanna Handläggare adjusts the minutes. The chair, Street Minds'
    # representative, has an account: only she can approve as chair.
    adjuster = group.members.get(user__username="handlaggare")
    page.get_by_role("link", name=re.compile("Möte ")).last.click()
    page.get_by_role("link", name="Ändra status").click()
    page.get_by_label("Ny status").select_option("held")
    page.get_by_label("Anledning till ändringen").fill("Mötet hölls")
    page.get_by_role("button", name="Spara").click()
    page.get_by_label("Justerare").select_option(label=str(adjuster))
    page.get_by_role("button", name="Välj justerare").click()
    page.get_by_role("button", name="Justera som justerare").click()
    assert "Justeringen är registrerad." in page.locator(".messages").inner_text()
    assert page.get_by_role("button", name="Justera som ordförande").count() == 0
    meeting_url = page.url.split("#")[0]

    # Street Minds' representative, the chair, reads and approves the minutes.
    page.get_by_role("button", name="Logga ut").click()
    login(page, "streetminds")
    page.get_by_role("link", name="Mina grupper").click()
    page.get_by_role("row").filter(has_text="Bostad Först").filter(
        has_text="Styrgrupp"
    ).get_by_role("link", name="Styrgrupp").click()
    page.get_by_role("link", name=today.isoformat()).first.click()
    assert page.url.split("#")[0] == meeting_url
    page.get_by_role("button", name="Justera som ordförande").click()
    assert "Protokollet är justerat och låst." in page.locator(".messages").inner_text()

    # The PDF of the approved minutes.
    pdf_link = page.get_by_role("link", name="Protokoll som PDF")
    response = page.request.get(page.base_url + pdf_link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    minutes = page.locator("main").inner_text()
    assert "Styrgruppen gick igenom budgetförslaget." in minutes
    assert "Budgetförslaget antas." in minutes
    assert "Justerat" in minutes
    assert_accessible(page)
