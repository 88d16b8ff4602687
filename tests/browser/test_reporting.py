"""Street Minds writes a half-year activity report; the administration returns it, accepts the
corrected version and compiles the half-year report and the annual compilation; Rädda Barnen
sees none of it."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login


def _logout(page):
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_load_state()


def _fill_report(page, total, women, men):
    page.get_by_label("Antal personer som nåtts totalt").fill(str(total))
    page.get_by_label("Kvinnor och flickor").fill(str(women))
    page.get_by_label("Män och pojkar").fill(str(men))
    page.get_by_label("Annan könsidentitet eller uppgift saknas").fill("0")
    ages = page.locator("input[name^='age_']")
    for index in range(ages.count()):
        ages.nth(index).fill(str(total) if index == 0 else "0")
    customs = page.locator("input[name^='custom_']")
    for index in range(customs.count()):
        customs.nth(index).fill("6")
    texts = page.locator("textarea")
    for index in range(texts.count()):
        texts.nth(index).fill("Vi har haft öppet tre dagar i veckan och ordnat gemensamma luncher.")


def test_half_year_report_round_trip(page, demo_live):
    from reporting.models import ActivityReport, AnnualCompilation, HalfYearReport

    base = page.base_url
    # The demo's past holds the reports, half-year reports and compilations already done; this
    # journey makes one of each anew.
    earlier_reports = list(ActivityReport.objects.values_list("pk", flat=True))
    earlier_halves = list(HalfYearReport.objects.values_list("pk", flat=True))
    earlier_annuals = list(AnnualCompilation.objects.values_list("pk", flat=True))
    login(page, "streetminds")
    expect(page.get_by_role("heading", name="Rapporter att skriva")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"^Skriv rapport")).first.click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Verksamhetsrapport")).to_be_visible()
    assert_accessible(page)

    # Half a report, saved as a draft: it is kept.
    page.get_by_label("Antal personer som nåtts totalt").fill("14")
    page.get_by_label("Kvinnor och flickor").fill("4")
    page.get_by_role("button", name="Spara utkast").click()
    expect(page.get_by_text("Utkastet är sparat.")).to_be_visible()
    expect(page.get_by_label("Kvinnor och flickor")).to_have_value("4")

    # Submitting with figures that do not add up: the message is next to the field.
    page.get_by_label("Män och pojkar").fill("9")
    page.get_by_role("button", name="Skicka in rapporten").click()
    expect(page.get_by_text("Allt du skrivit är sparat som utkast.")).to_be_visible()

    _fill_report(page, 14, 4, 10)
    page.get_by_role("button", name="Skicka in rapporten").click()
    expect(page.get_by_text("Rapporten är inskickad. Tack!")).to_be_visible()
    report = ActivityReport.objects.exclude(pk__in=earlier_reports).get()
    assert report.status == "submitted"
    _logout(page)

    login(page, "handlaggare")
    page.goto(f"{base}/rapporter/verksamhet/{report.pk}/")
    page.get_by_label("Vad behöver kompletteras?").fill("Ange åldersfördelningen igen.")
    page.get_by_role("button", name="Återsänd för komplettering").click()
    expect(page.get_by_text("Rapporten är återsänd till organisationen.")).to_be_visible()
    _logout(page)

    login(page, "streetminds")
    page.goto(f"{base}/rapporter/verksamhet/{report.pk}/")
    expect(page.get_by_text("Ange åldersfördelningen igen.")).to_be_visible()
    page.get_by_role("link", name="Rätta rapporten").click()
    page.get_by_label("Antal personer som nåtts totalt").fill("15")
    page.get_by_label("Män och pojkar").fill("11")
    ages = page.locator("input[name^='age_']")
    ages.nth(0).fill("15")
    page.get_by_role("button", name="Skicka in rapporten").click()
    expect(page.get_by_text("Rapporten är inskickad. Tack!")).to_be_visible()
    _logout(page)

    login(page, "handlaggare")
    page.goto(f"{base}/rapporter/verksamhet/{report.pk}/")
    expect(page.get_by_role("link", name="Version 2")).to_be_visible()
    page.get_by_role("button", name="Godkänn").click()
    expect(page.get_by_text("Rapporten är godkänd och låst.")).to_be_visible()

    page.goto(f"{base}/rapporter/partnerskap/{report.period.partnership_id}/")
    page.get_by_role("button", name=re.compile("Sammanställ halvårsrapport")).first.click()
    page.wait_for_load_state()
    expect(page.get_by_text("Sammanställd ur 1 godkänd verksamhetsrapport.")).to_be_visible()
    expect(page.locator("table.figures")).to_contain_text("15")
    page.get_by_label("Sammanfattning").fill("Verksamheten har nått fler än väntat.")
    page.get_by_role("button", name="Spara sammanfattningen").click()
    page.get_by_role("button", name="Markera som skickad till styrgruppen").click()
    expect(page.get_by_text("Rapporten är markerad som skickad till styrgruppen.")).to_be_visible()
    half = HalfYearReport.objects.exclude(pk__in=earlier_halves).get()
    assert half.status == "sent" and half.figures["total"] == 15
    pdf = page.request.get(f"{base}/rapporter/halvar/{half.pk}/pdf/")
    assert pdf.ok and pdf.body().startswith(b"%PDF-")

    page.goto(f"{base}/rapporter/partnerskap/{report.period.partnership_id}/")
    year = report.period.start.year
    page.get_by_role("button", name=f"Sammanställ år {year}").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name=f"Årlig sammanställning {year}")).to_be_visible()
    expect(page.locator("svg").first).to_be_visible()
    assert_accessible(page)
    annual = AnnualCompilation.objects.exclude(pk__in=earlier_annuals).get()
    pdf = page.request.get(f"{base}/rapporter/arlig/{annual.pk}/pdf/")
    assert pdf.ok and pdf.body().startswith(b"%PDF-")
    assert pdf.headers["content-type"] == "application/pdf"
    # Sent to the committee: the page says so, and the assessment is closed.
    page.get_by_label("Sammanfattning").fill("Året gick enligt avtalet.")
    page.get_by_role("button", name="Spara bedömningen").click()
    expect(page.get_by_text("Bedömningen är sparad.")).to_be_visible()
    page.get_by_role("button", name="Markera som skickad till nämnden").click()
    expect(
        page.get_by_text("Sammanställningen är markerad som skickad till nämnden.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Spara bedömningen")).to_have_count(0)
    expect(page.get_by_text("Året gick enligt avtalet.")).to_be_visible()
    assert_accessible(page)
    annual.refresh_from_db()
    assert annual.status == "sent" and annual.summary == "Året gick enligt avtalet."
    _logout(page)

    login(page, "raddabarnen")
    for path in (
        f"/rapporter/verksamhet/{report.pk}/",
        f"/rapporter/verksamhet/{report.pk}/andra/",
        f"/rapporter/verksamhet/{report.pk}/versioner/1/",
    ):
        response = page.goto(base + path)
        assert response.status == 404, path
    page.goto(f"{base}/rapporter/")
    expect(page.get_by_text("Street Minds")).to_have_count(0)
