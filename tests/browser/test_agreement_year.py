"""Issue 14, point 1: the 2017 EU-citizens agreement (1 May 2017 – 30 April 2019) has an
agreement year that begins on 1 May. Staff set it on the partnership, make half-yearly reporting
periods along it, and see the periods and the deadlines that follow it."""

from datetime import date

from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login


def test_staff_set_the_agreement_year_and_reporting_follows_it(page, transactional_db):
    from partnerships.models import Partnership
    from tests.factories import (
        AnnexFactory,
        OrganisationFactory,
        ParticipationFactory,
        PartnershipFactory,
        PublicOrganisationFactory,
        UserFactory,
    )

    UserFactory(username="handlaggare")
    partnership = PartnershipFactory(
        title="EU-medborgare i utsatthet",
        start_date=date(2017, 5, 1),
        end_date=date(2019, 4, 30),
        # Being registered, not yet signed: its terms are still edited on the form.
        status=Partnership.Status.NEGOTIATION,
    )
    ParticipationFactory(partnership=partnership, organisation=PublicOrganisationFactory())
    party = ParticipationFactory(
        partnership=partnership, organisation=OrganisationFactory(name="Frälsningsarmén")
    )
    AnnexFactory(partnership=partnership, participation=party, number=1, title="Dagverksamhet")
    base = page.base_url
    login(page, "handlaggare")

    # The partnership form: where the agreement year begins and what reporting follows.
    page.goto(base + reverse("partnerships:edit", args=[partnership.pk]))
    page.get_by_label("Avtalsåret börjar (dag)").fill("31")
    page.get_by_label("Avtalsåret börjar (månad)").select_option(label="april")
    page.get_by_label("Avtalsåret", exact=True).check()
    page.get_by_label("Anledning till ändringen").fill("Avtalsåret enligt överenskommelsen § 4")
    page.get_by_role("button", name="Spara").click()
    # A day April does not have: said next to the field, what was typed kept.
    expect(page.get_by_text("Den dagen finns inte i den månaden.").first).to_be_visible()
    expect(page.get_by_label("Avtalsåret börjar (dag)")).to_have_value("31")
    assert_accessible(page)
    page.get_by_label("Avtalsåret börjar (dag)").fill("1")
    page.get_by_label("Avtalsåret börjar (månad)").select_option(label="maj")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Ändringen är sparad.")).to_be_visible()
    expect(page.locator("#agreement-year")).to_have_text(
        "Avtalsåret börjar 1 maj. Rapportering och redovisning följer avtalsåret."
    )
    assert Partnership.objects.get().follows_agreement_year

    # Half-yearly reporting periods along the agreement year.
    page.goto(base + reverse("reporting:partnership", args=[partnership.pk]))
    page.get_by_role("link", name="Skapa perioder enligt regel").click()
    page.get_by_label("Regel").select_option(label="Varje halvår")
    expect(page.get_by_label("Avtalsåret", exact=True)).to_be_checked()
    page.get_by_label("Anledning till ändringen").fill("Styrgruppens beslut 2017-05-15 § 2")
    assert_accessible(page)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("4 rapportperioder är skapade.")).to_be_visible()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(0)).to_contain_text("2017-05-01 – 2017-10-31")
    expect(rows.nth(0)).to_contain_text("2017-11-30")
    expect(rows.nth(1)).to_contain_text("2017-11-01 – 2018-04-30")
    expect(rows.nth(3)).to_contain_text("2018-11-01 – 2019-04-30")
    expect(
        page.get_by_role("button", name="Sammanställ år 2017-05-01 – 2018-04-30")
    ).to_be_visible()

    # The deadlines that follow it, as Kommande lists them.
    page.goto(f"{base}/kommande/?partnership=EU-medborgare&start=2017-11-01&end=2018-06-30")
    listing = page.get_by_role("main")
    expect(listing).to_contain_text("Verksamhetsrapport 2017-05-01 – 2017-10-31")
    expect(listing).to_contain_text("Samverkansgruppens halvårsrapport 2017-05-01 – 2017-10-31")
    expect(listing).to_contain_text("Ekonomisk redovisning Bilaga 1: Dagverksamhet")
    expect(listing).to_contain_text("Årlig sammanställning 2017-05-01 – 2018-04-30")
    # Each on its day: the compilation and the statement on the agreement year's last day, the
    # cooperation group's report 60 days after its half-year.
    for title, due in (
        ("Årlig sammanställning 2017-05-01 – 2018-04-30", "2018-04-30"),
        ("Ekonomisk redovisning Bilaga 1", "2018-04-30"),
        ("Samverkansgruppens halvårsrapport 2017-05-01 – 2017-10-31", "2017-12-30"),
        ("Verksamhetsrapport 2017-11-01 – 2018-04-30", "2018-05-30"),
    ):
        expect(page.locator("tr", has_text=title).locator("td").first).to_contain_text(due)
    # Nothing by the calendar year any more.
    expect(listing).not_to_contain_text("2017-06-30")
