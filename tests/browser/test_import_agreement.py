"""A handläggare brings existing agreements in from their documents (issue 18): uploads the
Bostad Först agreement as a text file and the 2019 agreement for unaccompanied minors as a
Word file, reviews what was read (each proposal with its passage), corrects what needs it and
creates each partnership in one step (with its steering and cooperation groups, the payment
schedule and the signatures); the one already running continues in the registration of its
state, and the partnership shows its title, parties, goals, groups, signatures and the
bilagor's payment plan."""

from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login
from tests.partnerships.import_documents import as_docx, seed_text

TXT = "text/plain"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _upload(page, name, mime, data):
    page.goto(page.base_url + reverse("partnerships:list"))
    page.get_by_role("link", name="Importera från dokument").click()
    page.wait_for_url("**/importera/")
    assert_accessible(page)
    page.get_by_label("Avtalet (huvudavtalet)").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}]
    )
    # Reading a long agreement takes seconds; more on a machine busy with other tests.
    page.get_by_role("button", name="Läs dokumentet").click(timeout=60_000)
    page.wait_for_url("**/importera/*/", timeout=60_000)


def _create(page):
    page.get_by_role("button", name="Skapa partnerskapet").click()
    page.wait_for_url("**/lage-per-datum/")
    expect(page.locator(".messages")).to_contain_text("Partnerskapet är skapat från")
    # The trail: Start › the partnership › this page.
    page.get_by_role("navigation", name="Brödsmulor").get_by_role("link").nth(1).click()
    page.wait_for_url("**/partnerskap/*/")


def test_bostad_forst_from_a_text_file(page, transactional_db):
    from tests.factories import UserFactory

    UserFactory(username="handlaggare")
    login(page, "handlaggare")
    _upload(page, "bostad-forst.txt", TXT, seed_text("bostad-forst-street-minds-2023.md").encode())

    # The review: every proposal with the passage it came from, nothing saved yet.
    main = page.locator("main")
    expect(main).to_contain_text(
        "Ur dokumentet: ”Partnerskapets inledande period är från den 1 juli"
    )
    expect(page.locator("#id_p-registration_number")).to_have_value("SOF 2023/202")
    assert_accessible(page)
    # A refused submit keeps everything: the title emptied by mistake.
    page.locator("#id_p-title").fill("")
    page.get_by_role("button", name="Skapa partnerskapet").click()
    expect(page.get_by_role("alert")).to_contain_text("Partnerskapet är inte skapat")
    expect(page.locator("#id_p-registration_number")).to_have_value("SOF 2023/202")
    assert_accessible(page)
    page.locator("#id_p-title").fill("Bostad Först – öppen verksamhet med Street Minds")
    # The groups as read: the steering group's seats and cadence with their passage; the
    # cooperation group rotates its documentation, not its chair: the handläggare chooses.
    groups = page.locator("section[aria-labelledby=import-styrning]")
    expect(page.locator("#id_group-0-city_seats_max")).to_have_value("2")
    expect(groups).to_contain_text("Ur dokumentet: ”Styrgruppen utgörs av två utsedda")
    page.locator("#id_group-1-chair_selection").select_option("rotation")
    # The agreement says nothing of how the bilagor are paid: the handläggare adds it.
    page.locator("#id_payment-accept").check()
    page.locator("#id_payment-rule").select_option("quarterly_in_advance")
    # The signature page names the city's signatory but leaves the date blank.
    expect(page.locator("#id_signature-0-signatory_name")).to_have_value(
        "Veronica Carstorp Wolgast"
    )
    page.locator("#id_signature-0-accept").check()
    page.locator("#id_signature-0-signed_on").fill("2023-06-20")
    _create(page)

    main = page.locator("main")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bostad Först – öppen verksamhet")
    expect(main).to_contain_text("Street Minds")
    expect(main).to_contain_text("Stockholms stad, socialförvaltningen")
    governance = page.locator("#styrning")
    expect(governance).to_contain_text("Styrgrupp")
    expect(governance).to_contain_text("Samverkansgrupp")
    page.get_by_role("link", name="Bilaga, Street Minds verksamheter").click()
    page.wait_for_url("**/bilagor/*/")
    expect(page.locator("main")).to_contain_text("Utbetalningsregel: Kvartalsvis i förskott")
    page.go_back()
    page.wait_for_url("**/partnerskap/*/")
    tabs = page.get_by_role("navigation", name="Partnerskapets delar")
    tabs.get_by_role("link", name="Ändringar och underskrifter").click()
    page.wait_for_url("**/andringar/")
    expect(page.locator("main")).to_contain_text("Veronica Carstorp Wolgast, Förvaltningschef")
    expect(page.locator("main")).to_contain_text("2023-06-20")
    page.get_by_role("navigation", name="Partnerskapets delar").get_by_role(
        "link", name="Avtalstext"
    ).click()
    page.wait_for_url("**/avtalstext/")
    goals = page.locator("ol.goals")
    expect(goals).to_contain_text("Att minska ensamhet, isolering och digitalt utanförskap")
    expect(page.locator("main")).to_contain_text("Originaldokument: bostad-forst.txt")


def test_unaccompanied_minors_from_a_word_file_matches_known_organisations(page, transactional_db):
    from tests.factories import OrganisationFactory, UserFactory

    UserFactory(username="handlaggare")
    OrganisationFactory(name="Rädda Barnen", org_number="802002-8638")
    OrganisationFactory(name="Barnrättsbyrån", org_number="802490-6771")
    login(page, "handlaggare")
    text = seed_text("ensamkommande-2019.txt")
    _upload(page, "ensamkommande-2019.docx", DOCX, as_docx(text))

    # OCR read "Ridda Barnen": corrected against the register, and the correction shown; the
    # register's Rädda Barnen is proposed by its number.
    parties = page.locator("section[aria-labelledby=import-oversikt]")
    expect(parties).to_contain_text("Rädda Barnen, organisationsnummer 802002-8638")
    expect(parties).to_contain_text("Rättad felläsning (OCR): Ridda Barnen → Rädda Barnen")
    expect(parties.get_by_label("Organisation i registret").nth(2)).to_have_value(
        str(_pk("802002-8638"))
    )
    # The city side has no organisationsnummer in the document: give it one.
    page.locator("#id_party-0-org_number").fill("212000-0142")
    page.locator("#id_party-0-name").fill("Stockholms stad, socialförvaltningen")
    # "högst tre representanter i respektive forum" is read for both groups.
    expect(page.locator("#id_group-1-city_seats_max")).to_have_value("3")
    page.locator("#id_group-1-chair_selection").select_option("rotation")
    _create(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("ensamkommande barn och ungdomar")
    main = page.locator("main")
    for name in ("Rädda Barnen", "Barnrättsbyrån", "Stockholms stadsmission"):
        expect(main).to_contain_text(name)


def _pk(org_number):
    from partnerships.models import Organisation

    return Organisation.objects.get(org_number=org_number).pk


def test_an_agreement_of_our_own_wording_from_a_pdf(page, transactional_db):
    """Not one of the seeds: another municipality's agreement, in other words (Uppsala's
    kultur- och fritidsnämnden, a lot-drawn chair, a rotating cooperation group, funds subject
    to the budget), as a PDF with a text layer; the tjänsteutlåtande is kept beside it."""
    from pathlib import Path

    from tests.factories import UserFactory
    from tests.partnerships.import_documents import as_pdf

    text = (
        Path(__file__).parents[1] / "partnerships" / "fixtures" / "idrott_uppsala.txt"
    ).read_text(encoding="utf-8")
    UserFactory(username="handlaggare")
    login(page, "handlaggare")
    _upload(page, "idrott-gottsunda.pdf", "application/pdf", as_pdf(text))

    expect(page.locator("#id_p-registration_number")).to_have_value("KFN 2025/0456")
    overview = page.locator("section[aria-labelledby=import-oversikt]")
    expect(overview).to_contain_text("Gottsunda Bollklubb")
    expect(page.locator("#id_group-0-city_seats_max")).to_have_value("2")
    expect(page.locator("#id_group-0-chair_selection")).to_have_value("lottery")
    expect(page.locator("#id_signature-1-signatory_name")).to_have_value("Erik Johansson")
    assert_accessible(page)
    _create(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Idrott och gemenskap")
    main = page.locator("main")
    expect(main).to_contain_text("Gottsunda Bollklubb")
    expect(page.locator("#styrning")).to_contain_text("Styrgrupp")
    tabs = page.get_by_role("navigation", name="Partnerskapets delar")
    tabs.get_by_role("link", name="Avtalstext").click()
    page.wait_for_url("**/avtalstext/")
    expect(page.locator("main")).to_contain_text("Originaldokument: idrott-gottsunda.pdf")
