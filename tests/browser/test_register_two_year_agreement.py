"""Issue 14, measured: a handläggare registers a real two-year agreement with five NGOs the
product has never seen, from nothing to "running as it stands today", through the staff UI only
(never /admin/), and the form submissions it took are counted.

The agreement is the 2017 EU-citizens agreement's shape: five NGOs, two years from 1 May with an
agreement year from 1 May, the chair of the steering group drawn by lot for three months,
payments quarterly in advance, half-yearly reporting along the agreement year. Its two years are
placed around today (1 May the year before last or last year, so that more than a year has
passed): an agreement entirely in the past would show nothing upcoming, while one that is running
shows both what the catch-up registers and what Kommande still holds open.

Issue 14's figure before this work: 90 form submissions and the admin once. Every POST the
browser makes is counted (a form submission), except the login and the language switch; the
count per step is printed (`pytest -s`).
"""

import re
from collections import Counter
from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import login

CITY = ("Stadsdelsförvaltningen Centrum", "212000-0142")
NGOS = [
    ("Frälsningsarmén Stadsmissionen", "802480-0016"),
    ("Föreningen Hela Människan", "802480-0024"),
    ("Convictus Mitt", "802480-0032"),
    ("Romskt Kulturcenter", "802480-0040"),
    ("Kvinnojouren Ankaret", "802480-0057"),
]
TITLE = "Insatser för EU-medborgare i utsatthet"
REASON = "Registrering av överenskommelsen"
# The POSTs that are not the registration's: the login and the language switch.
NOT_COUNTED = ("/logga-in/", "/i18n/")
LIMIT_BEFORE = 90


def _period(today):
    """Two agreement years from 1 May, begun at least a year ago and still running today."""
    year = today.year - 1 if today >= date(today.year, 5, 1) else today.year - 2
    start = date(year, 5, 1)
    return start, date(year + 2, 4, 30)


def _choose(page, selector, text):
    """Choose the option of the select `selector` whose text contains `text`."""
    select = page.locator(selector)
    value = select.locator("option", has_text=text).first.get_attribute("value")
    select.select_option(value)


def _save(page, name="Spara"):
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()
    errors = page.locator(".errorlist, .form-errors, .error-summary")
    assert errors.count() == 0, f"{page.url}: {page.locator('main').inner_text()}"


def test_handlaggare_registers_a_two_year_agreement_with_five_ngos(page, transactional_db):
    from partnerships.models import Partnership
    from tests.factories import UserFactory

    UserFactory(username="handlaggare")
    today = timezone.localdate()
    start, end = _period(today)
    base = page.base_url

    step = {"name": "inloggning"}
    submissions = Counter()
    admin_requests = []

    def on_request(request):
        path = request.url.removeprefix(base)
        if path.startswith("/admin"):
            admin_requests.append(path)
        if request.method == "POST" and not path.startswith(NOT_COUNTED):
            submissions[step["name"]] += 1

    page.on("request", on_request)
    login(page, "handlaggare")

    # 1. Organisations: the city's administration and the five NGOs.
    step["name"] = "01 organisationer"
    for kind, (name, number) in [("Offentlig sektor", CITY)] + [
        ("Idéburen organisation", ngo) for ngo in NGOS
    ]:
        page.get_by_role("navigation", name="Huvudmeny").get_by_role(
            "link", name="Organisationer"
        ).click()
        page.get_by_role("link", name="Ny organisation").click()
        page.locator("#id_kind").select_option(label=kind)
        page.locator("#id_name").fill(name)
        page.locator("#id_org_number").fill(number)
        page.get_by_label("Anledning till ändringen").fill(REASON)
        _save(page)
        expect(page.get_by_text("Organisationen är skapad.")).to_be_visible()

    # 2. The partnership: two years from 1 May, the agreement year from 1 May; the dnr and a
    # party's notice period the document lacks stay empty.
    step["name"] = "02 partnerskap"
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Partnerskap").click()
    page.get_by_role("link", name="Nytt partnerskap").click()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_start_date").fill(start.isoformat())
    page.locator("#id_end_date").fill(end.isoformat())
    page.locator("#id_extension_kind").select_option(label="Ingen förlängning")
    page.locator("#id_termination_notice_months").fill("3")
    page.get_by_label("Avtalsåret börjar (dag)").fill("1")
    page.get_by_label("Avtalsåret börjar (månad)").select_option(label="maj")
    page.get_by_label("Avtalsåret", exact=True).check()
    page.locator("#id_purpose").fill("Stöd och skydd för EU-medborgare i utsatthet.")
    page.get_by_label("Anledning till ändringen").fill(REASON)
    _save(page)
    expect(page.get_by_text("Partnerskapet är skapat.")).to_be_visible()
    overview = page.url

    # 3. The parties: the city and the five NGOs, joined on the first day.
    step["name"] = "03 parter"
    for name, _number in [CITY, *NGOS]:
        page.get_by_role("link", name="Lägg till part").click()
        _choose(page, "#id_organisation", name)
        page.locator("#id_joined_on").fill(start.isoformat())
        page.get_by_label("Anledning till ändringen").fill(REASON)
        _save(page)

    # 4. A bilaga per NGO, its compensation per agreement year, quarterly payments in advance.
    step["name"] = "04 bilagor"
    for number, (name, _org) in enumerate(NGOS, start=1):
        page.goto(overview)
        page.get_by_role("link", name="Ny bilaga").click()
        _choose(page, "#id_participation", name)
        page.locator("#id_number").fill(str(number))
        page.locator("#id_title").fill(f"Verksamhet {name}")
        page.locator("#id_start_date").fill(start.isoformat())
        page.locator("#id_end_date").fill(end.isoformat())
        page.get_by_label("Anledning till ändringen").fill(REASON)
        _save(page)
    step["name"] = "05 ersättning och utbetalningsplan"
    for number, (name, _org) in enumerate(NGOS, start=1):
        page.goto(overview)
        page.locator("#bilagor").get_by_role("link", name=name).first.click()
        for year_start in (start, start.replace(year=start.year + 1)):
            page.get_by_role("link", name="Ny ersättning").click()
            page.locator("#id_period_start").fill(year_start.isoformat())
            year_end = year_start.replace(year=year_start.year + 1) - timedelta(days=1)
            page.locator("#id_period_end").fill(year_end.isoformat())
            page.locator("#id_amount").fill(str(400_000 + 50_000 * number))
            page.get_by_label("Anledning till ändringen").fill(REASON)
            _save(page)
        page.get_by_role("link", name="Lägg in utbetalningsplan").click()
        page.locator("#id_rule").select_option(label="Kvartalsvis i förskott")
        page.get_by_label("Anledning till ändringen").fill(REASON)
        _save(page)

    # 6. The steering group (chair by lot for three months) and the cooperation group, with a
    # representative of each party.
    step["name"] = "06 grupper och ledamöter"
    groups = {}
    for kind, name in (("Styrgrupp", "Styrgruppen"), ("Samverkansgrupp", "Samverkansgruppen")):
        page.goto(overview)
        page.get_by_role("link", name="Ny grupp").click()
        page.locator("#id_kind").select_option(label=kind)
        page.locator("#id_name").fill(name)
        page.locator("#id_established_on").fill(start.isoformat())
        if kind == "Styrgrupp":
            page.locator("#id_chair_selection").select_option(label="Lottning")
            page.locator("#id_chair_term_months").fill("3")
        else:
            page.locator("#id_chair_selection").select_option(label="Utses")
            page.get_by_label("Lyfter frågor till").select_option(label="Styrgruppen")
        page.get_by_label("Anledning till ändringen").fill(REASON)
        _save(page)
        groups[name] = page.url
        for index, (org, _number) in enumerate([CITY, *NGOS], start=1):
            page.get_by_role("link", name="Lägg till ledamot").click()
            page.locator("#id_name").fill(f"Ledamot {index} {name}")
            _choose(page, "#id_organisation", org)
            page.locator("#id_role").select_option(label="Representant")
            page.locator("#id_from_date").fill(start.isoformat())
            page.get_by_label("Anledning till ändringen").fill(REASON)
            _save(page)

    step["name"] = "07 ordförande lottad"
    page.goto(groups["Styrgruppen"])
    page.get_by_role("link", name="Lotta ordförande").click()
    # The chair's current three-month term, counted from the agreement's first day.
    months = (today.year - start.year) * 12 + today.month - start.month
    months -= months % 3
    term_start = date(start.year + (4 + months) // 12, (4 + months) % 12 + 1, 1)
    page.locator("#id_term_start").fill(term_start.isoformat())
    page.get_by_label("Anledning till ändringen").fill("Lottning vid styrgruppens möte")
    _save(page)
    expect(page.get_by_text("Lottningen är genomförd och sparad.")).to_be_visible()

    step["name"] = "08 möten"
    for when in (today - timedelta(days=60), today + timedelta(days=30)):
        page.goto(groups["Styrgruppen"])
        page.get_by_role("link", name="Planera möte").click()
        page.locator("#id_date").fill(when.isoformat())
        page.locator("#id_start_time").fill("10:00")
        page.locator("#id_place").fill("Stadshuset")
        page.get_by_label("Anledning till ändringen").fill(REASON)
        _save(page)

    # 9. The report template and reporting half-yearly along the agreement year.
    step["name"] = "09 rapportperioder"
    page.goto(overview)
    page.get_by_role("link", name="Rapportmall, perioder, rapporter och sammanställningar").click()
    page.get_by_role("link", name="Ny version av mallen").click()
    page.locator("#id_decision").fill("Styrgruppens beslut om rapportmallen")
    page.get_by_label("Anledning till ändringen").fill(REASON)
    _save(page)
    page.get_by_role("link", name="Skapa perioder enligt regel").click()
    page.locator("#id_rule").select_option(label="Varje halvår")
    expect(page.get_by_label("Avtalsåret", exact=True)).to_be_checked()
    page.get_by_label("Anledning till ändringen").fill(REASON)
    _save(page)
    expect(page.get_by_text("4 rapportperioder är skapade.")).to_be_visible()
    reporting = page.url

    # 10. Decided, every party's signature, signed and active.
    step["name"] = "10 livscykel och underskrifter"
    decided, signed = start - timedelta(days=30), start - timedelta(days=10)
    for label, on in (("Inled förhandling", None), ("Registrera beslut", decided)):
        page.goto(overview)
        page.get_by_role("link", name="Livscykel").first.click()
        page.get_by_role("link", name="Nytt steg").click()
        page.locator("#id_to").select_option(label=label)
        if on:
            page.locator("#id_on").fill(on.isoformat())
            page.locator("#id_decision_reference").fill("Socialnämndens beslut om överenskommelsen")
        page.get_by_label("Anledning till ändringen").fill(REASON)
        _save(page)
    for name, _number in [CITY, *NGOS]:
        page.goto(overview)
        page.get_by_role("link", name="Ändringar och underskrifter").first.click()
        page.get_by_role("row", name=name).get_by_role("link", name="Registrera").click()
        page.locator("#id_signed_on").fill(signed.isoformat())
        page.get_by_label("Anledning till ändringen").fill(REASON)
        _save(page)
    for label, on in (("Markera som undertecknad", signed), ("Aktivera", start)):
        page.goto(overview)
        page.get_by_role("link", name="Livscykel").first.click()
        page.get_by_role("link", name="Nytt steg").click()
        page.locator("#id_to").select_option(label=label)
        page.locator("#id_on").fill(on.isoformat())
        page.get_by_label("Anledning till ändringen").fill(REASON)
        _save(page)

    # 11. What has already happened, in one step.
    step["name"] = "11 läget per datum"
    page.goto(overview)
    page.get_by_role("link", name="Ekonomi").first.click()
    page.get_by_role("link", name="Registrera läget per datum").click()
    page.get_by_label("Läget per datum").fill(today.isoformat())
    page.get_by_label("Kommentar (valfri)").fill("Enligt pärmen hos ekonomienheten")
    _save(page)
    # The quarters paid so far, the past meeting, the past half-years' reports of five NGOs
    # and the first agreement year's five statements.
    message = page.locator(".messages")
    expect(message).to_contain_text(re.compile(r"[1-9]\d* utbetalningar markerade som utbetalda"))
    expect(message).to_contain_text("1 möten som genomförda")
    expect(message).to_contain_text(re.compile(r"[1-9]\d* rapporter och"))
    expect(message).to_contain_text("5 ekonomiska redovisningar")

    # 12. The cooperation group's half-year reports and the annual compilation already made:
    # compiled from the reports the catch-up recorded and marked as sent, each through its page.
    step["name"] = "12 sammanställningar"
    first_year_end = start.replace(year=start.year + 1) - timedelta(days=1)
    # The first agreement year's two half-years; the group reports 60 days after each.
    for row, half_year_end in enumerate((date(start.year, 10, 31), first_year_end)):
        if half_year_end + timedelta(days=60) > today:
            continue  # not due yet: it stays among the open items
        page.goto(reporting)
        page.locator("table tbody tr").nth(row).get_by_role(
            "button", name="Sammanställ halvårsrapport"
        ).click()
        page.locator("form[action$='/skicka/'] button").click()
        expect(page.get_by_text("Rapporten är markerad som skickad")).to_be_visible()
    page.goto(reporting)
    page.get_by_role(
        "button", name=f"Sammanställ år {start.isoformat()} – {first_year_end.isoformat()}"
    ).click()
    page.locator("form[action$='/skicka/'] button").click()
    expect(page.get_by_text("Sammanställningen är markerad som skickad")).to_be_visible()

    step["name"] = "kontroll"
    total = sum(submissions.values())
    table = "\n".join(f"  {name}: {count}" for name, count in sorted(submissions.items()))
    print(f"\nForm submissions: {total}\n{table}")

    # The overview: five NGO parties and the city, five bilagor, two groups, status as dated.
    page.goto(overview)
    main = page.get_by_role("main")
    for name, _number in [CITY, *NGOS]:
        expect(main).to_contain_text(name)
    bilagor = page.locator("#bilagor")
    for name, _number in NGOS:
        expect(bilagor).to_contain_text(f"Verksamhet {name}")
    expect(main).to_contain_text("Styrgruppen")
    expect(main).to_contain_text("Samverkansgruppen")
    expect(page.locator(".subtitle")).to_contain_text("Diarienummer saknas i underlaget")
    expect(page.locator(".status.status-active")).to_have_text("Aktiv")
    assert Partnership.objects.get(title=TITLE).status == Partnership.Status.ACTIVE

    # Kommande: open items ahead, nothing overdue from before the catch-up date.
    page.goto(f"{base}/kommande/?partnership={TITLE}&start={start.isoformat()}&overdue=on")
    overdue = page.locator("tr.deadline-overdue")
    assert overdue.count() == 0, "\n".join(overdue.all_inner_texts())
    # What is still to come, up to the last report after the agreement's end.
    until = end + timedelta(days=90)
    page.goto(f"{base}/kommande/?partnership={TITLE}&start={today}&end={until}")
    upcoming = page.get_by_role("main")
    for kind in (
        "Utbetalning till",
        "Verksamhetsrapport",
        "Halvårsrapport",
        "Ekonomisk redovisning",
        "Årlig sammanställning",
        "Ordförandes mandat löper ut",
    ):
        expect(upcoming).to_contain_text(kind)

    assert not admin_requests, admin_requests
    assert total < LIMIT_BEFORE, f"{total} form submissions (issue 14 before: {LIMIT_BEFORE})"
