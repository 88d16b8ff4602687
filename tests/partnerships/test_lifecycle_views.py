"""The lifecycle's pages for staff, NGO A, NGO B and anonymous visitors; uploads; as it stood;
query counts."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from iop.history import save_with_history
from partnerships.demo.load import at
from partnerships.models import Amendment, Annex, Participation, Partnership, Signature
from partnerships.services.agreements import participation_create
from partnerships.services.amendments import amendment_create, amendment_submit, signature_create
from partnerships.services.annexes import commitment_update
from partnerships.services.corrections import correction_create
from partnerships.tabs import section_url
from tests.factories import (
    AnnexFactory,
    CommitmentFactory,
    CompensationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    RepresentativeFactory,
    write_terms,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def staff_only_urls(partnership):
    annex = partnership.annexes.first()
    return [
        reverse("partnerships:lifecycle_step", args=[partnership.pk]),
        reverse("partnerships:as_of", args=[partnership.pk]) + "?datum=2024-06-01",
        reverse("partnerships:committee_case_create", args=[partnership.pk]),
        reverse("partnerships:notice_create", args=[partnership.pk]),
        reverse("governance:party_join", args=[partnership.pk]),
        reverse("partnerships:amendment_create", args=[partnership.pk]),
        reverse("partnerships:signature_create", args=[partnership.pk]),
        reverse("partnerships:payment_plan_edit", args=[annex.pk]),
        reverse("partnerships:co_financing_edit", args=[annex.pk]),
        reverse("deadlines:dashboard"),
    ]


def test_staff_sees_every_lifecycle_page(staff_client, partnership_a):
    for url in staff_only_urls(partnership_a):
        assert staff_client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["client_a", "client_b"])
def test_representatives_are_refused(request, who, partnership_a):
    client = request.getfixturevalue(who)
    for url in staff_only_urls(partnership_a):
        assert client.get(url).status_code == 403, url


def test_anonymous_goes_to_login(client, partnership_a):
    for url in staff_only_urls(partnership_a):
        response = client.get(url)
        assert response.status_code == 302 and "/logga-in/" in response["Location"], url


def test_lifecycle_step_through_the_page(staff_client, staff):
    partnership = PartnershipFactory(status=Partnership.Status.DRAFT)
    url = reverse("partnerships:lifecycle_step", args=[partnership.pk])
    response = staff_client.post(url, {"to": "negotiation", "reason": "Dialog inledd"})
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == "negotiation"
    # "signed" is not a step from negotiation: not offered, and refused if posted.
    response = staff_client.post(url, {"to": "signed", "reason": "Hoppa över"})
    assert response.status_code == 200
    partnership.refresh_from_db()
    assert partnership.status == "negotiation"
    detail = staff_client.get(section_url(partnership.pk, "livscykel")).content.decode()
    assert "Dialog inledd" in detail
    assert "Utkast → Förhandling" in detail


def test_status_is_not_editable_in_the_forms(staff_client, partnership_a):
    edit = staff_client.get(reverse("partnerships:edit", args=[partnership_a.pk]))
    create = staff_client.get(reverse("partnerships:create"))
    assert 'name="status"' not in edit.content.decode()
    assert 'name="status"' not in create.content.decode()


def _signature_post(party, scan=None, **extra):
    data = {
        "document": "agreement",
        "participation": party.pk,
        "signatory_name": "Anna Andersson",
        "signatory_title": "Ordförande",
        "place": "Stockholm",
        "signed_on": "2024-01-10",
        "reason": "Undertecknat original",
        **extra,
    }
    if scan is not None:
        data["scan"] = scan
    return data


def test_signature_scan_must_be_a_pdf(staff_client, partnership_a):
    party = partnership_a.participations.first()
    url = reverse("partnerships:signature_create", args=[partnership_a.pk])
    fake = SimpleUploadedFile("avtal.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = staff_client.post(url, _signature_post(party, fake))
    assert response.status_code == 200
    assert "Filens innehåll är inte av en tillåten typ. Tillåtna typer: PDF." in (
        response.content.decode()
    )
    assert not Signature.objects.exists()


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("avtal.xlsx", PDF_BYTES, "Filnamnet slutar inte som en PDF-fil"),
        ("tom.pdf", b"", "är tom"),
    ],
)
def test_signature_scan_refused_by_the_shared_checks(
    staff_client, partnership_a, name, content, message
):
    party = partnership_a.participations.first()
    url = reverse("partnerships:signature_create", args=[partnership_a.pk])
    upload = SimpleUploadedFile(name, content, "application/pdf")
    response = staff_client.post(url, _signature_post(party, upload))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Signature.objects.exists()


def test_signature_form_offers_only_pdf(staff_client, partnership_a):
    page = staff_client.get(reverse("partnerships:signature_create", args=[partnership_a.pk]))
    assert 'accept=".pdf"' in page.content.decode()


@override_settings(MAX_UPLOAD_BYTES=20)
def test_signature_scan_size_is_limited(staff_client, partnership_a):
    party = partnership_a.participations.first()
    url = reverse("partnerships:signature_create", args=[partnership_a.pk])
    big = SimpleUploadedFile("avtal.pdf", PDF_BYTES, "application/pdf")
    response = staff_client.post(url, _signature_post(party, big))
    assert "Filen är för stor" in response.content.decode()
    assert not Signature.objects.exists()


def test_signature_scan_is_served_only_to_those_who_may_see_it(
    settings, tmp_path, client, staff, rep_a, rep_b, partnership_a
):
    settings.MEDIA_ROOT = tmp_path
    party = partnership_a.participations.first()
    client.force_login(staff)
    url = reverse("partnerships:signature_create", args=[partnership_a.pk])
    scan = SimpleUploadedFile("../../etc/evil name.pdf", PDF_BYTES, "application/pdf")
    response = client.post(url, _signature_post(party, scan))
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert "evil" not in signature.scan.name and signature.scan.name.endswith(".pdf")
    download = reverse("partnerships:signature_scan", args=[signature.pk])

    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert f'filename="underskrift-{signature.pk}.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF_BYTES

    client.force_login(rep_a)  # NGO A is a party
    assert client.get(download).status_code == 200
    client.force_login(rep_b)
    assert client.get(download).status_code == 404
    client.logout()
    assert client.get(download).status_code == 302


def test_a_bilaga_signature_scan_is_its_party_s_alone_in_a_shared_partnership(
    settings, tmp_path, client, staff, rep_a, partnership_a, org_a
):
    """NGO C is a party to the same partnership as NGO A: it gets the scans of the agreement's
    signatures (the agreement PDF lists them for every party) but not of A's bilaga signature,
    however it guesses the id."""
    settings.MEDIA_ROOT = tmp_path
    org_c = OrganisationFactory(name="Förening C")
    rep_c = RepresentativeFactory(username="rep_c", organisation=org_c)
    AnnexFactory(
        partnership=partnership_a,
        participation=ParticipationFactory(partnership=partnership_a, organisation=org_c),
    )
    party_a = partnership_a.participations.get(organisation=org_a)

    def signed(document, **fields):
        return signature_create(
            partnership=partnership_a,
            document=document,
            participation=party_a,
            signatory_name="Anna Andersson",
            signed_on=date(2024, 1, 10),
            scan=SimpleUploadedFile("avtal.pdf", PDF_BYTES, "application/pdf"),
            actor=staff,
            reason="Undertecknat original",
            **fields,
        )

    agreement = signed("agreement")
    bilaga = signed("annex", annex=partnership_a.annexes.get(participation=party_a))

    def status(user, signature):
        client.force_login(user)
        return client.get(reverse("partnerships:signature_scan", args=[signature.pk])).status_code

    assert [status(user, bilaga) for user in (staff, rep_a, rep_c)] == [200, 200, 404]
    assert [status(user, agreement) for user in (staff, rep_a, rep_c)] == [200, 200, 200]


def test_as_it_stood_after_several_changes(staff_client, staff, partnership_a, org_b):
    annex = partnership_a.annexes.get()
    commitment = CommitmentFactory(annex=annex, title="Öppen verksamhet", description="Tre dagar")
    commitment_update(commitment, description="Fyra dagar", actor=staff, reason="1")
    middle = timezone.now()
    commitment_update(commitment, description="Fem dagar", actor=staff, reason="2")
    participation_create(
        partnership=partnership_a,
        organisation=org_b,
        joined_on=date(2024, 6, 1),
        actor=staff,
        reason="Ny part",
    )
    # A signed agreement's name is corrected as a rättelse.
    correction_create(target=partnership_a, title="Nytt namn", actor=staff, reason="3")

    url = reverse("partnerships:as_of", args=[partnership_a.pk])
    page = staff_client.get(url, {"tidpunkt": middle.isoformat()}).content.decode()
    assert 'class="historical-banner"' in page
    assert "Fyra dagar" in page and "Fem dagar" not in page
    assert "Förening B" not in page
    assert "<h2>Partnerskap med A</h2>" in page and "<h2>Nytt namn</h2>" not in page

    now = staff_client.get(url, {"datum": timezone.localdate().isoformat()}).content.decode()
    assert "Fem dagar" in now and "Förening B" in now and "<h2>Nytt namn</h2>" in now

    before = staff_client.get(
        url, {"tidpunkt": (timezone.now() - timedelta(days=400)).isoformat()}
    ).content.decode()
    assert "fanns inte registrerat" in before


def test_as_of_names_parties_whose_organisation_has_no_history_that_old(staff_client, staff):
    """An agreement registered with its real dates (as the demo and an import do) whose
    organisation's only history row is from today: the party and its bilaga keep their name."""
    then = at(date(2023, 7, 1))
    organisation = OrganisationFactory(name="Förening Utan Gammal Historik")
    partnership = save_with_history(
        PartnershipFactory.build(title="Gammalt avtal", start_date=date(2023, 7, 1)),
        actor=staff,
        reason="Registrerat i efterhand",
        history_date=then,
    )
    participation = save_with_history(
        Participation(partnership=partnership, organisation=organisation, joined_on=then.date()),
        actor=staff,
        reason="Registrerat i efterhand",
        history_date=then,
    )
    save_with_history(
        Annex(
            partnership=partnership,
            participation=participation,
            number=1,
            title="Öppen verksamhet",
            start_date=date(2023, 7, 1),
            end_date=date(2024, 12, 31),
        ),
        actor=staff,
        reason="Registrerat i efterhand",
        history_date=then,
    )

    url = reverse("partnerships:as_of", args=[partnership.pk])
    page = staff_client.get(url, {"datum": "2023-08-01"}).content.decode()

    assert "<h2>Gammalt avtal</h2>" in page
    assert "<li>Förening Utan Gammal Historik (inträdde 2023-07-01)</li>" in page
    assert '<p class="muted">Förening Utan Gammal Historik · 2023-07-01' in page


@pytest.mark.parametrize("moment", ["igår", "2024-13-01T10:00", "0001-01-01T00:00"])
def test_as_of_link_with_a_time_that_cannot_be_read_says_so(staff_client, partnership_a, moment):
    """A hand-edited link: not a time, or one outside what the history (kept in UTC) can hold
    (year 1 in Stockholm is still year 0 in UTC). Was a 404 in English, or a server error."""
    url = reverse("partnerships:as_of", args=[partnership_a.pk])
    response = staff_client.get(url, {"tidpunkt": moment})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tidpunkten i länken går inte att läsa. Välj ett datum i stället." in page
    assert 'class="historical-banner"' not in page


def _big_partnership(city, n):
    partnership = PartnershipFactory()
    ParticipationFactory(partnership=partnership, organisation=city)
    for _ in range(n):
        party = ParticipationFactory(partnership=partnership, organisation=OrganisationFactory())
        annex = AnnexFactory(partnership=partnership, participation=party)
        CommitmentFactory(annex=annex)
        CompensationFactory(annex=annex)
        Signature.objects.create(
            partnership=partnership,
            document="agreement",
            participation=party,
            signatory_name="X",
            signed_on=date(2024, 1, 1),
        )
        Amendment.objects.create(
            partnership=partnership,
            title="Ä",
            target="commitment",
            commitment=annex.commitments.first(),
            changes={"title": "Ny"},
            status="awaiting_signatures",
        )
    return partnership


def _count(django_assert_max_num_queries, client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url_name", ["partnerships:detail", "partnerships:as_of", "partnerships:agreement_pdf"]
)
def test_query_counts_do_not_grow_with_the_partnership(
    staff_client, city, url_name, django_assert_max_num_queries
):
    small = _big_partnership(city, 1)
    large = _big_partnership(city, 8)
    suffix = "?datum=2030-01-01" if url_name == "partnerships:as_of" else ""
    _count(None, staff_client, reverse(url_name, args=[small.pk]) + suffix)  # warm caches
    few = _count(None, staff_client, reverse(url_name, args=[small.pk]) + suffix)
    many = _count(None, staff_client, reverse(url_name, args=[large.pk]) + suffix)
    # Eight times the parties, bilagor, signatures and amendments: no more queries. (The
    # history timeline may need one query fewer when older versions fall off its first page.)
    assert many <= few, (few, many)


def test_dashboard_marks_overdue_and_filters(staff_client, staff, partnership_a):
    today = timezone.localdate()
    partnership = PartnershipFactory(
        title="Med betalningar",
        start_date=today - timedelta(days=200),
        end_date=today + timedelta(days=100),
    )
    party = ParticipationFactory(partnership=partnership)
    annex = AnnexFactory(partnership=partnership, participation=party)
    CompensationFactory(annex=annex, amount=1000)
    from partnerships.services.money import payment_plan_set

    payment_plan_set(annex=annex, rule="quarterly_in_advance", actor=staff, reason="Plan")
    url = reverse("deadlines:dashboard")
    page = staff_client.get(url).content.decode()
    assert 'class="deadline-overdue"' in page and "Försenad" in page
    assert f"Utbetalning till {party.organisation.name}" in page
    assert "Med betalningar löper ut" in page
    filtered = staff_client.get(url, {"kind": "agreement_end"}).content.decode()
    assert "Med betalningar löper ut" in filtered
    assert "Utbetalning till" not in filtered
    other = staff_client.get(url, {"partnership": partnership_a.title}).content.decode()
    assert "Utbetalning till" not in other and "Med betalningar löper ut" not in other


def test_dashboard_filters_by_kind_together_with_partnership_and_dates(staff_client):
    """Choosing a kind used to drop the chosen partnership and dates without a word."""
    today = timezone.localdate()
    alfa, beta = (
        PartnershipFactory(
            title=title,
            start_date=today - timedelta(days=300),
            end_date=today + timedelta(days=days),
        )
        for title, days in (("Alfa", 50), ("Beta", 60))
    )
    url = reverse("deadlines:dashboard")

    def titles(**params):
        response = staff_client.get(url, {"kind": "agreement_end", **params})
        return [deadline.title for deadline in response.context["page"]]

    assert titles() == ["Alfa löper ut", "Beta löper ut"]
    assert titles(partnership=alfa.title) == ["Alfa löper ut"]
    assert titles(start=(today + timedelta(days=55)).isoformat()) == ["Beta löper ut"]
    assert beta.title == "Beta"


def test_leaving_goes_through_notice_not_the_party_form(staff_client, partnership_a):
    party = partnership_a.participations.get(organisation__name="Förening A")
    edit = staff_client.get(reverse("partnerships:participation_edit", args=[party.pk]))
    assert 'name="left_on"' not in edit.content.decode()
    url = reverse("partnerships:notice_create", args=[partnership_a.pk])
    form = staff_client.get(url, {"part": party.pk}).content.decode()
    assert f'<option value="{party.pk}" selected>' in form
    response = staff_client.post(
        url,
        {
            "kind": "party",
            "participation": party.pk,
            "given_on": "2024-03-01",
            "reason": "Föreningen säger upp sitt åtagande",
        },
    )
    assert response.status_code == 302
    party.refresh_from_db()
    assert (party.left_on, party.leave_reason) == (date(2024, 7, 1), "notice")
    page = staff_client.get(section_url(partnership_a.pk, "livscykel")).content.decode()
    assert "Föreningen säger upp sitt åtagande" in page


def test_committee_case_decision_and_delegation_through_the_pages(staff_client, partnership_a):
    response = staff_client.post(
        reverse("partnerships:committee_case_create", args=[partnership_a.pk]),
        {
            "title": "Förlängning av partnerskapet",
            "proposal_date": "2024-11-20",
            "registration_number": "SOF 2024/555",
            "handler": "Maria Karlsson",
            "summary": "Förvaltningen föreslår en förlängning.",
            "reason": "Tjänsteutlåtande",
        },
    )
    assert response.status_code == 302
    case = partnership_a.committee_cases.get()
    response = staff_client.post(
        reverse("partnerships:committee_decision_create", args=[case.pk]),
        {
            "body": "Socialnämnden",
            "decided_on": "2024-12-10",
            "points": "1. Nämnden godkänner förlängningen.\n2. Paragrafen justeras omedelbart.",
            "reason": "Protokoll",
        },
    )
    assert response.status_code == 302
    decision = case.decisions.get()
    assert list(decision.points.values_list("number", "text")) == [
        (1, "Nämnden godkänner förlängningen."),
        (2, "Paragrafen justeras omedelbart."),
    ]
    staff_client.post(
        reverse("partnerships:delegation_create", args=[decision.pk]),
        {
            "to_whom": "Socialdirektören",
            "kind": "stop_payments_and_reclaim",
            "scope": "Stoppa utbetalning vid brister.",
            "reason": "Delegation",
        },
    )
    # Edit: a point changed, one removed.
    staff_client.post(
        reverse("partnerships:committee_decision_edit", args=[decision.pk]),
        {
            "body": "Socialnämnden",
            "decided_on": "2024-12-10",
            "points": "Nämnden godkänner förlängningen till 2025-12-31.",
            "reason": "Rättelse",
        },
    )
    assert list(decision.points.values_list("text", flat=True)) == [
        "Nämnden godkänner förlängningen till 2025-12-31."
    ]
    page = staff_client.get(section_url(partnership_a.pk, "livscykel")).content.decode()
    assert "Förlängning av partnerskapet" in page
    assert "Nämnden godkänner förlängningen till 2025-12-31." in page
    assert "Stoppa utbetalning och kräva tillbaka medel" in page


@pytest.mark.parametrize("who", ["client_a", "client_b"])
def test_representatives_cannot_post_lifecycle_changes(request, who, partnership_a):
    client = request.getfixturevalue(who)
    url = reverse("partnerships:lifecycle_step", args=[partnership_a.pk])
    assert client.post(url, {"to": "terminating", "reason": "x"}).status_code == 403
    partnership_a.refresh_from_db()
    assert partnership_a.status == "active"


def test_payments_paid_and_stopped_through_the_pages(staff_client, partnership_a):
    from partnerships.models import Payment

    annex = partnership_a.annexes.get()
    CompensationFactory(annex=annex, amount=4000)
    response = staff_client.post(
        reverse("partnerships:payment_plan_edit", args=[annex.pk]),
        {"rule": "quarterly_in_advance", "dates": "", "reason": "Enligt bilagan"},
    )
    assert response.status_code == 302
    first, second = list(annex.payments.order_by("due_on"))[:2]
    staff_client.post(
        reverse("partnerships:payment_paid", args=[first.pk]),
        {"paid_on": "2024-01-05", "paid_amount": "1000", "reason": "Utbetalt"},
    )
    response = staff_client.post(
        reverse("partnerships:payment_stop", args=[second.pk]), {"reason": "Brister"}
    )
    assert response.status_code == 200  # a stop needs the decision behind it
    staff_client.post(
        reverse("partnerships:payment_stop", args=[second.pk]),
        {"reason": "Brister", "decision_reference": "Socialdirektören 2024-03-01"},
    )
    staff_client.post(
        reverse("partnerships:repayment_claim_create", args=[annex.pk]),
        {"claimed_on": "2024-05-01", "amount": "500", "status": "claimed", "reason": "Återkrav"},
    )
    assert dict(annex.payments.values_list("pk", "status")) == {
        **{p.pk: "planned" for p in annex.payments.all()},
        first.pk: Payment.Status.PAID,
        second.pk: Payment.Status.STOPPED,
    }
    page = staff_client.get(section_url(partnership_a.pk, "ekonomi")).content.decode()
    for amount in ("4\xa0000\xa0kr", "1\xa0000\xa0kr", "500\xa0kr"):
        assert amount in page


def test_amendment_page_shows_missing_signatures_and_wording(staff_client, staff, partnership_a):
    commitment = CommitmentFactory(
        annex=partnership_a.annexes.get(), title="Öppet hus", description="Tre dagar"
    )
    url = reverse("partnerships:amendment_create", args=[partnership_a.pk])
    response = staff_client.post(
        url,
        {
            "title": "Fler dagar",
            "target": "commitment",
            "commitment": commitment.pk,
            "new_description": "Fem dagar",
            "reason": "Utkast",
        },
    )
    assert response.status_code == 302
    amendment = Amendment.objects.get()
    assert amendment.changes == {"description": "Fem dagar"}
    amendment_submit(amendment, actor=staff, reason="Skickad")
    page = staff_client.get(amendment.get_absolute_url()).content.decode()
    assert "Beskrivning" in page and "Tre dagar" in page and "Fem dagar" in page
    assert "Saknas:" in page
    assert "Förening A" in page and "Stockholms stad, socialförvaltningen" in page
    # Without any new value the draft is refused.
    response = staff_client.post(
        url, {"title": "Tom", "target": "commitment", "commitment": commitment.pk, "reason": "x"}
    )
    assert response.status_code == 200 and "Ange minst ett nytt värde." in response.content.decode()


def test_amendment_page_for_other_users(client, rep_a, rep_b, staff, partnership_a):
    amendment = amendment_create(
        partnership=partnership_a,
        title="Ny titel",
        target="partnership",
        changes={"title": "X"},
        actor=staff,
        reason="Utkast",
    )
    url = amendment.get_absolute_url()
    assert client.get(url).status_code == 302
    for user in (rep_a, rep_b):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_amendment_form_refuses_an_end_date_for_a_commitment_keeping_what_was_typed(
    staff_client, partnership_a
):
    """An end date for a commitment was a server error (the refused date was read again); and a
    title without a target named the field in English ("title")."""
    commitment = CommitmentFactory(annex=partnership_a.annexes.get(), title="Öppet hus")
    url = reverse("partnerships:amendment_create", args=[partnership_a.pk])
    typed = {
        "title": "Längre öppet",
        "target": "commitment",
        "commitment": commitment.pk,
        "new_title": "Öppet hus varje dag",
        "new_end_date": "2026-12-31",
        "reason": "Styrgruppens förslag",
    }
    response = staff_client.post(url, typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ett åtagande har inget slutdatum." in html
    assert 'value="Öppet hus varje dag"' in html and 'value="Längre öppet"' in html
    assert not Amendment.objects.exists()

    response = staff_client.post(url, {**typed, "target": "", "new_end_date": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "Detta fält måste fyllas i." in html
    assert "Det här går inte att ändra" not in html
    assert not Amendment.objects.exists()


def test_agreement_text_keeps_its_line_breaks(staff_client, partnership_a, staff):
    """A line break inside a paragraph is a line break on the page, not the text "<br>"; what
    the text itself holds stays escaped."""
    write_terms(
        partnership_a,
        purpose="Idéburen sektor genom:\nFörening A <b>fet</b>",
        actor=staff,
        reason="Radbrytning",
    )
    html = staff_client.get(
        reverse("partnerships:agreement_text", args=[partnership_a.pk])
    ).content.decode()
    assert "Idéburen sektor genom:<br>Förening A &lt;b&gt;fet&lt;/b&gt;" in html
    assert "&lt;br&gt;" not in html


def test_a_repayment_claim_is_created_as_claimed_whatever_is_posted(staff_client, partnership_a):
    # The form offered the status: a claim could be registered straight away as repaid,
    # past the step that records who settled it and why.
    annex = partnership_a.annexes.get()
    url = reverse("partnerships:repayment_claim_create", args=[annex.pk])
    assert 'name="status"' not in staff_client.get(url).content.decode()
    staff_client.post(
        url,
        {"claimed_on": "2024-05-01", "amount": "500", "status": "repaid", "reason": "Återkrav"},
    )
    assert list(annex.repayment_claims.values_list("status", flat=True)) == ["claimed"]


def test_as_of_shows_the_status_the_dates_gave_that_day(staff_client, staff):
    """Stored as active (the daily command has not written the end), but its end had passed by
    the day asked for: the historical view says ended, as every other page would have."""
    partnership = save_with_history(
        PartnershipFactory.build(
            title="Utgånget avtal", start_date=date(2024, 1, 1), end_date=date(2024, 12, 31)
        ),
        actor=staff,
        reason="Registrerat i efterhand",
        history_date=at(date(2024, 1, 1)),
    )
    assert partnership.status == Partnership.Status.ACTIVE
    url = reverse("partnerships:as_of", args=[partnership.pk])

    during = staff_client.get(url, {"datum": "2024-06-01"}).content.decode()
    assert "<dt>Status</dt><dd>Aktiv</dd>" in during
    after = staff_client.get(url, {"datum": "2025-03-01"}).content.decode()
    assert "<dt>Status</dt><dd>Avslutad</dd>" in after
