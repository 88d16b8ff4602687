"""What an agreement says beyond the partnership's own fields (issue 18, point 2): the steering
and cooperation groups, the payment schedule, the NGOs' reporting, the steering group's notice
and the signature blocks. Read from an agreement written for the tests in words of its own
(fixtures/idrott_uppsala.txt), from sentences in yet other words, and from the seeds."""

from pathlib import Path

import pytest

from partnerships.importing.obligations import read_payment, read_reporting
from partnerships.importing.propose import propose
from tests.partnerships.import_documents import seed_text
from tests.partnerships.import_scoring import known_organisations
from tests.partnerships.test_import_reading import as_format

OWN = (Path(__file__).parent / "fixtures" / "idrott_uppsala.txt").read_text(encoding="utf-8")


def _values(found):
    return {name: proposal["value"] for name, proposal in found.items()}


def _groups(proposals):
    return {g["kind"]: _values(g["fields"]) for g in proposals["groups"]}


def test_the_groups_of_an_agreement_in_other_words():
    groups = _groups(propose(OWN))
    steering = groups["steering"]
    assert steering["city_seats_max"] == 2  # "högst två ledamöter från förvaltningen"
    assert steering["ngo_seats_per_party"] == 2  # "två ledamöter från varje förening"
    # "en gång per kvartal de första sex månaderna och därefter en gång per halvår"
    assert steering["cadence_initial_months"] == 3
    assert steering["cadence_initial_period_months"] == 6
    assert steering["cadence_later_months"] == 6
    # "Ordförandeposten lottas bland ledamöterna för en period av tolv månader"
    assert (steering["chair_selection"], steering["chair_term_months"]) == ("lottery", 12)
    assert steering["tie_rule"] == "chair_casting_vote"  # "har ordföranden utslagsröst"
    assert steering["quorum"] == 3
    assert "ny förening" in steering["new_party"]
    cooperation = groups["cooperation"]
    assert cooperation["cadence_initial_months"] == 1  # "träffas varje månad"
    # "Ordförandeskapet växlar mellan parterna och varje ordförande sitter sex månader"
    assert (cooperation["chair_selection"], cooperation["chair_term_months"]) == ("rotation", 6)
    assert cooperation["reports_to"] == "steering"
    assert "fyra gånger per år" in cooperation["report_schedule"]


def test_each_proposal_keeps_the_passage_it_came_from():
    proposals = propose(OWN)
    steering = next(g for g in proposals["groups"] if g["kind"] == "steering")
    assert steering["fields"]["quorum"]["passage"].startswith("Styrgruppen är beslutsför")
    assert proposals["payment"]["passage"] == (
        "Ersättningen betalas ut månadsvis, senast den 25 varje månad."
    )
    assert "verksamhetsrapport varje halvår" in proposals["reporting"]["passage"]


def test_the_period_rules_and_both_notice_periods_in_other_words():
    fields = _values(propose(OWN)["fields"])
    assert fields["funds_condition"] is True  # "förutsatt att nämnden anvisar medel"
    assert (fields["extension_kind"], fields["extension_months"]) == ("automatic", 12)
    assert fields["extension_last_date"] == "2029-12-31"
    assert (fields["notice_day"], fields["notice_month"]) == (30, 6)
    assert fields["party_notice_months"] == 6  # "med sex månaders uppsägningstid"
    assert fields["termination_notice_months"] == 2  # the steering group's, not the party's


def test_the_payment_schedule_as_the_payment_plan_holds_it():
    own = propose(OWN)["payment"]["value"]
    assert own["rule"] == "dates" and own["dates"].split(", ")[0] == "01-25"
    assert len(own["dates"].split(", ")) == 12
    assert read_payment("Ersättningen utbetalas kvartalsvis i förskott.")["value"]["rule"] == (
        "quarterly_in_advance"
    )
    assert read_payment("Bidraget betalas ut en gång per år i januari.")["value"]["rule"] == (
        "yearly"
    )
    assert read_payment("Medlen utbetalas den 15 januari och den 15 juli.")["value"] == {
        "rule": "dates",
        "dates": "01-15, 07-15",
    }
    assert read_payment("Parterna träffas kvartalsvis.") == {}  # no payment in it


def test_the_ngos_reporting_and_not_a_groups_own_report():
    assert propose(OWN)["reporting"]["value"] == {"rule": "half_year", "due_days": 45}
    yearly = read_reporting(
        "Organisationen redovisar verksamheten årligen, senast tre veckor efter årets slut."
    )
    assert yearly["value"] == {"rule": "year", "due_days": 21}
    assert read_reporting("Samverkansgruppen lämnar en rapport till styrgruppen årligen.") == {}


def test_signature_blocks_with_place_and_date_above_them():
    proposals = propose(OWN)
    names = [p["name"] for p in proposals["parties"]]
    blocks = [
        (names[b["party"]], b["name"], b["title"], b["place"], b["signed_on"])
        for b in proposals["signatures"]
    ]
    assert blocks == [
        (
            "Uppsala kommun, kultur- och fritidsnämnden",
            "Anna Lindqvist",
            "Förvaltningsdirektör",
            "Uppsala",
            "2025-12-15",
        ),
        ("Gottsunda Bollklubb", "Erik Johansson", "Ordförande", "Uppsala", "2025-12-18"),
    ]


def test_the_bostad_forst_seed_groups_and_signatures():
    proposals = propose(seed_text("bostad-forst-street-minds-2023.md"), known_organisations())
    groups = _groups(proposals)
    assert {k: groups["steering"][k] for k in ("city_seats_max", "ngo_seats_per_party")} == {
        "city_seats_max": 2,
        "ngo_seats_per_party": 1,
    }
    assert groups["steering"]["cadence_initial_months"] == 1
    assert groups["steering"]["chair_selection"] == "rotation"
    assert groups["cooperation"]["reports_to"] == "steering"
    # The documentation rotates in the cooperation group, not the chair: nothing proposed.
    assert "chair_selection" not in groups["cooperation"]
    first = proposals["signatures"][0]
    assert (first["name"], first["title"]) == ("Veronica Carstorp Wolgast", "Förvaltningschef")
    assert proposals["payment"] == {} and proposals["reporting"] == {}  # the seed says neither
    text = [c["body"] for c in proposals["clauses"] if c["holds"] == "signatures"]
    assert text == [
        "Partnerskapet är upprättat i två likalydande exemplar där varje part har tagit var "
        "sitt original."
    ]


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_the_ensamkommande_seed_groups_and_signatures(kind):
    text = seed_text("ensamkommande-2019.txt")
    if kind == "docx":
        text = as_format(text, "docx")
    proposals = propose(text, known_organisations())
    groups = _groups(proposals)
    # "Stockholms stads socialförvaltning utser högst tre representanter i respektive forum"
    for kind_ in ("steering", "cooperation"):
        assert (groups[kind_]["city_seats_max"], groups[kind_]["ngo_seats_per_party"]) == (3, 1)
    assert groups["steering"]["cadence_initial_months"] == 2  # "minst varannan månad"
    names = [p["name"] for p in proposals["parties"]]
    signed = [(names[b["party"]], b["place"][:4]) for b in proposals["signatures"]]
    assert signed == [
        ("Stockholms stad, socialförvaltningen", "Stoc"),
        ("Rädda Barnen", "Stoc"),
        ("Stockholms stadsmission", "Stoc"),
        ("Barnrättsbyrån", "Stoc"),
        ("Svenska Röda Korset", "Malm"),  # OCR's "Malmé"
    ]
    # The document leaves the dates blank ("den / 2019"): none is invented.
    assert all(b["signed_on"] == "" for b in proposals["signatures"])
