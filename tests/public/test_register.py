"""The public register without login: what it lists and what it withholds under OSL, the
staff page that marks secrecy, open data (JSON, CSV), speed and the rate limit."""

from decimal import Decimal

import pytest
from django.urls import reverse

from partnerships.models import Clause, Partnership, Signature
from partnerships.services.amendments import signature_create
from reporting.services.compilations import annual_send
from reporting.services.reports import report_accept, report_submit
from tests.factories import (
    AnnexFactory,
    CommitmentFactory,
    CompensationFactory,
    GoalFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PublicOrganisationFactory,
    sign_by_every_party,
)
from tests.reporting.conftest import Side, valid_raw

pytestmark = pytest.mark.django_db

REGISTER = reverse("public:register")


def _public_partnership(title, *, city=None, amount="750000", **fields):
    """A decided partnership with the city and one NGO as parties, both signed, and the NGO's
    compensation for two years."""
    partnership = PartnershipFactory(title=title, target_group="Unga vuxna", **fields)
    ParticipationFactory(partnership=partnership, organisation=city or PublicOrganisationFactory())
    party = ParticipationFactory(
        partnership=partnership, organisation=OrganisationFactory(name=f"Förening för {title}")
    )
    annex = AnnexFactory(partnership=partnership, participation=party, description="Bilagans text")
    CompensationFactory(annex=annex, amount=Decimal(amount))
    sign_by_every_party(partnership)
    return partnership


def test_anonymous_visitor_reads_the_register_and_a_partnership(client):
    partnership = _public_partnership("Bostad Först", purpose="Att ge bostad först.")
    GoalFactory(partnership=partnership, text="Fler ska ha ett eget hem.")
    Clause.objects.create(partnership=partnership, order=1, heading="Metod", body="Vi arbetar så.")
    party = partnership.participations.get(organisation__kind="ngo").organisation

    page = client.get(REGISTER).content.decode()
    assert "Bostad Först" in page and partnership.registration_number in page
    assert party.name in page and party.org_number in page
    assert "Att ge bostad först." in page and "Unga vuxna" in page
    assert "750" in page and "2024" in page and "Avslutad" in page

    response = client.get(reverse("public:partnership", args=[partnership.pk]))
    detail = response.content.decode()
    assert response.status_code == 200
    assert "Fler ska ha ett eget hem." in detail and "Vi arbetar så." in detail
    assert "Bilagans text" in detail and party.org_number in detail
    # The footer links the accessibility statement on the public pages too.
    assert f'href="{reverse("accessibility")}"' in detail


def test_drafts_negotiations_and_wholly_secret_agreements_are_not_public(client):
    _public_partnership("Beslutat avtal", status=Partnership.Status.DECIDED)
    draft = _public_partnership("Utkast till avtal", status=Partnership.Status.DRAFT)
    talks = _public_partnership("Avtal i förhandling", status=Partnership.Status.NEGOTIATION)
    secret = _public_partnership("Hemligt avtal", secrecy="whole", secrecy_ground="18 kap. 1 § OSL")
    page = client.get(REGISTER).content.decode()
    assert "Beslutat avtal" in page
    for hidden in (draft, talks, secret):
        assert hidden.title not in page
        assert client.get(reverse("public:partnership", args=[hidden.pk])).status_code == 404
        assert client.get(reverse("public:data_record", args=[hidden.pk])).status_code == 404
    data = client.get(reverse("public:data_json")).json()
    assert [p["titel"] for p in data["partnerskap"]] == ["Beslutat avtal"]


def test_a_bilaga_is_public_once_its_party_has_signed(client, staff):
    """A party joining a public partnership: its bilaga is a draft until that party signs it,
    and neither the register, the partnership's public page nor the open data show it."""
    partnership = _public_partnership("Bostad Först")
    newcomer = ParticipationFactory(
        partnership=partnership, organisation=OrganisationFactory(name="Nya föreningen")
    )
    annex = AnnexFactory(partnership=partnership, participation=newcomer)
    CompensationFactory(annex=annex, amount=Decimal("990000"))
    public_page = reverse("public:partnership", args=[partnership.pk])

    def shown():
        """Is the newcomer's compensation on the public page, in the JSON and in the CSV?"""
        page = client.get(public_page).content.decode()
        (record,) = client.get(reverse("public:data_json")).json()["partnerskap"]
        csv = client.get(reverse("public:data_csv")).content.decode("utf-8-sig")
        return (
            '<th scope="row">Nya föreningen</th>' in page,
            990000 in {row["belopp_kr"] for row in record["ersattning"]},
            "990000" in csv,
        )

    def sign_bilaga(party, name):
        signature_create(
            partnership=partnership,
            participation=party,
            document=Signature.Document.ANNEX,
            annex=annex,
            signatory_name=name,
            signed_on=partnership.start_date,
            actor=staff,
            reason="Undertecknat",
        )

    assert shown() == (False, False, False)
    # The city signing the newcomer's bilaga first does not make it the newcomer's.
    sign_bilaga(partnership.participations.get(organisation__kind="public"), "Socialdirektören")
    assert shown() == (False, False, False) and not annex.terms_locked
    sign_bilaga(newcomer, "Nya föreningens ordförande")
    assert shown() == (True, True, True)


def test_a_partly_secret_agreement_withholds_what_is_marked(client):
    partnership = _public_partnership(
        "Delvis hemligt",
        purpose="Hemligt syfte",
        background="Öppen bakgrund",
        secrecy="partial",
        secrecy_ground="26 kap. 1 § OSL",
        secret_fields=["purpose"],
    )
    Clause.objects.create(partnership=partnership, order=1, heading="Öppet", body="Öppen text")
    Clause.objects.create(
        partnership=partnership, order=2, heading="Skyddat", body="Skyddad text", secret=True
    )
    annex = partnership.annexes.get()
    annex.secret = True
    annex.save()
    CommitmentFactory(annex=annex, title="Hemligt åtagande")

    detail = client.get(reverse("public:partnership", args=[partnership.pk])).content.decode()
    assert "Öppen bakgrund" in detail and "Öppen text" in detail
    for secret in ("Hemligt syfte", "Skyddad text", "Bilagans text", "Hemligt åtagande"):
        assert secret not in detail
    assert "26 kap. 1 § OSL" in detail and "omfattas av sekretess" in detail
    # The compensation, public money, stays.
    assert "750" in detail
    record = client.get(reverse("public:data_record", args=[partnership.pk])).json()
    assert record["syfte"] is None and record["malgrupp"] == "Unga vuxna"
    assert record["delvis_sekretess"] is True and record["ersattning"][0]["belopp_kr"] == 750000
    assert "Hemligt syfte" not in client.get(reverse("public:data_csv")).content.decode()


def test_activity_reports_are_never_public_only_the_sent_compilation(
    client, partnership_a, org_a, rep_a, staff, settings, tmp_path
):
    """The reports' own texts are not shown; the annual compilation appears once sent to the
    committee, with small counts as "<5"."""
    settings.MEDIA_ROOT = tmp_path
    side = Side(partnership_a, org_a, rep_a)
    raw = valid_raw(side.template, total=12, women=5, men=6, other=1)
    raw["question_0"] = "En berättelse om en enskild person."
    report_submit(side.report, raw=raw, actor=rep_a)
    report_accept(side.report, actor=staff)
    url = reverse("public:partnership", args=[partnership_a.pk])

    page = client.get(url).content.decode()
    assert "Ingen årlig sammanställning är publicerad ännu." in page
    annual_send(side.annual, actor=staff)
    page = client.get(url).content.decode()
    assert "Årlig sammanställning" in page and "&lt;5" in page
    assert "En berättelse om en enskild person." not in page
    assert "Svar på" not in page


def test_open_data_json_and_csv(client):
    partnership = _public_partnership("=1+2", purpose="@SUM(A1)")
    response = client.get(reverse("public:data_json"))
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    (record,) = response.json()["partnerskap"]
    assert record["titel"] == partnership.title
    assert {p["organisationsnummer"] for p in record["parter"]} == {
        party.organisation.org_number for party in partnership.participations.all()
    }

    response = client.get(reverse("public:data_csv"))
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[:3] == ["id", "titel", "diarienummer"]
    # One row per party and year: the city without compensation, the NGO with its year.
    assert len(lines) == 3
    assert all(";'=1+2;" in line and ";'@SUM(A1)" in line for line in lines[1:])
    assert any(line.endswith(";2024;750000.0") for line in lines)


def test_openapi_document_is_served_and_names_every_field(client):
    _public_partnership("Avtal")
    document = client.get(reverse("public:openapi")).json()
    assert document["openapi"].startswith("3.")
    assert "/oppna-data/partnerskap.json" in document["paths"]
    schema = document["components"]["schemas"]["Partnerskap"]
    (record,) = client.get(reverse("public:data_json")).json()["partnerskap"]
    assert set(schema["required"]) == set(schema["properties"]) == set(record)


@pytest.mark.parametrize("name", ["public:register", "public:data_json", "public:data_csv"])
def test_the_register_takes_the_same_queries_whatever_its_size(
    client, django_assert_num_queries, name
):
    city = PublicOrganisationFactory()
    for index in range(3):
        _public_partnership(f"Avtal {index}", city=city)
    url = reverse(name)
    client.get(url)
    # The partnerships, the automatic ones whose stored end has passed (with_effective_status),
    # parties, their organisations, bilagor, compensation (and the page's count).
    with django_assert_num_queries(7 if name == "public:register" else 6) as few:
        client.get(url)
    for index in range(3, 30):
        partnership = _public_partnership(f"Avtal {index}", city=city)
        CompensationFactory(annex=partnership.annexes.get(), amount=Decimal(1))
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_a_public_partnership_page_takes_the_same_queries_whatever_its_size(
    client, django_assert_num_queries
):
    small = _public_partnership("Litet")
    large = _public_partnership("Stort")
    for index in range(8):
        party = ParticipationFactory(partnership=large)
        annex = AnnexFactory(partnership=large, participation=party)
        CompensationFactory(annex=annex)
        CommitmentFactory(annex=annex)
        GoalFactory(partnership=large)
        Clause.objects.create(partnership=large, order=index, heading=f"§ {index}", body="Text")
    client.get(reverse("public:partnership", args=[small.pk]))
    with django_assert_num_queries(9) as few:
        client.get(reverse("public:partnership", args=[small.pk]))
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("public:partnership", args=[large.pk]))


def test_anonymous_clients_are_rate_limited_with_a_swedish_message(client, settings, staff):
    settings.IOP_PUBLIC_RATE_PER_MINUTE = 3
    for _ in range(3):
        assert client.get(REGISTER).status_code == 200
    response = client.get(REGISTER)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "För många frågor från din adress" in response.content.decode()
    data = client.get(reverse("public:data_json"))
    assert data.status_code == 429 and "För många frågor" in data.json()["fel"]
    # Another address is counted on its own; a signed-in user is not limited.
    assert client.get(REGISTER, REMOTE_ADDR="192.0.2.7").status_code == 200
    client.force_login(staff)
    assert client.get(REGISTER).status_code == 200
