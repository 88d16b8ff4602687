"""Reading agreements from their documents (issue 18): the three formats, the seeds and an
agreement written in other words, the share of the demo's hand-entered fields proposed
correctly (printed: `pytest -s`), and every kind of bad input refused in Swedish."""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from partnerships.importing.extract import DocumentRefused, check_upload, extract_text
from partnerships.importing.propose import propose
from tests.partnerships.import_documents import OWN_AGREEMENT, as_docx, as_pdf, seed_text
from tests.partnerships.import_scoring import known_organisations, score

BOSTAD = "bostad-forst-street-minds-2023.md"
ENSAMKOMMANDE = "ensamkommande-2019.txt"


def read(name, data):
    upload = SimpleUploadedFile(name, data)
    check_upload(upload)
    return extract_text(upload)


def as_format(text, kind):
    if kind == "txt":
        return read("avtal.txt", text.encode())
    if kind == "docx":
        return read("avtal.docx", as_docx(text))
    return read("avtal.pdf", as_pdf(text))


# The least share each seed reaches in each format; a change that reads less fails here.
AT_LEAST = {
    (BOSTAD, "txt"): 0.9,
    (BOSTAD, "docx"): 0.9,
    (BOSTAD, "pdf"): 0.9,
    (ENSAMKOMMANDE, "txt"): 0.85,
    (ENSAMKOMMANDE, "docx"): 0.8,
    (ENSAMKOMMANDE, "pdf"): 0.85,
}
KEYS = {BOSTAD: "bostad-forst", ENSAMKOMMANDE: "ensamkommande"}


@pytest.mark.parametrize(("seed", "kind"), list(AT_LEAST))
def test_share_of_the_demo_fields_proposed_correctly(seed, kind):
    proposals = propose(as_format(seed_text(seed), kind), known_organisations())
    correct, total, missed = score(proposals, KEYS[seed])
    print(f"\n{seed} as {kind}: {correct}/{total} = {correct / total:.0%}; missed: {missed}")
    assert correct / total >= AT_LEAST[(seed, kind)], missed


def test_the_bostad_forst_seed_proposes_its_period_rules_and_parties():
    proposals = propose(seed_text(BOSTAD), known_organisations())
    fields = {name: p["value"] for name, p in proposals["fields"].items()}
    assert fields["start_date"] == "2023-07-01"
    assert fields["extension_kind"] == "automatic"
    assert (fields["notice_day"], fields["notice_month"]) == (31, 12)
    assert "30 juni 2026" in proposals["fields"]["extension_last_date"]["passage"]
    assert fields["registration_number"] == "SOF 2023/202"
    names = [p["name"] for p in proposals["parties"]]
    assert names == ["Stockholms stad, socialförvaltningen", "Street Minds"]


def test_ocr_misreadings_of_party_names_are_corrected_against_the_register():
    proposals = propose(seed_text(ENSAMKOMMANDE), known_organisations())
    names = {p["name"] for p in proposals["parties"]}
    assert {"Rädda Barnen", "Barnrättsbyrån", "Svenska Röda Korset"} <= names
    # Each correction is shown: on the party's proposal and in the list of all of them.
    ridda = next(p for p in proposals["parties"] if p["name"] == "Rädda Barnen")
    assert "Ridda Barnen → Rädda Barnen" in ridda["corrected"]
    assert {"Ridda Barnen", "Rädda Barnen"} in [
        {c["read"], c["corrected"]} for c in proposals["corrections"]
    ]
    raw = propose(seed_text(ENSAMKOMMANDE), [])
    # With an empty register no party is taken for a known one; a name no word list knows
    # stays as read, to be corrected in the review.
    assert "Barnrittsbyrdn" in {p["name"] for p in raw["parties"]}
    assert all(p["organisation_id"] is None for p in raw["parties"])


def test_an_agreement_written_in_other_words():
    proposals = propose(OWN_AGREEMENT, [])
    fields = {name: p["value"] for name, p in proposals["fields"].items()}
    assert fields["title"] == "Läxhjälp och föräldrastöd i Järva"
    assert fields["registration_number"] == "3.1.2-123/2025"
    assert (fields["start_date"], fields["end_date"]) == ("2025-01-01", "2026-12-31")
    assert fields["extension_kind"] == "automatic"
    assert fields["extension_months"] == 12
    assert fields["extension_last_date"] == "2028-12-31"
    assert (fields["notice_day"], fields["notice_month"]) == (30, 9)
    assert fields["funds_condition"] is True
    assert fields["party_notice_months"] == 3
    assert fields["background"].startswith("I Järva saknar många barn")
    assert fields["target_group"] == "Barn i årskurs 6–9 som bor i Järva och deras föräldrar."
    assert [g["value"] for g in proposals["goals"]] == [
        "Att fler elever i årskurs 6–9 når kunskapskraven.",
        "Att föräldrar deltar i minst fyra träffar per termin.",
    ]
    parties = {p["org_number"]: p for p in proposals["parties"]}
    assert parties["212000-0142"]["kind"] == "public"
    assert parties["212000-0142"]["unit"] == "Enheten för förebyggande arbete"
    assert parties["802400-1235"]["name"] == "Föreningen Läxhjälpen"
    assert parties["802511-2346"]["name"] == "Järva Föräldranätverk"
    assert all(p["number_valid"] for p in parties.values())
    numbers = [(c["number"], c["heading"]) for c in proposals["clauses"]]
    assert numbers[0] == ("1", "Bakgrund") and ("7", "Avtalstid") in numbers


def test_a_wrong_check_digit_is_flagged_not_hidden():
    text = OWN_AGREEMENT.replace("802400-1235", "802400-1236")
    parties = {p["org_number"]: p for p in propose(text, [])["parties"]}
    assert parties["802400-1236"]["number_valid"] is False


def _refused(name, data, code):
    with pytest.raises(DocumentRefused) as refused:
        read(name, data)
    assert refused.value.code == code or code in [e.code for e in refused.value.error_list]
    return " ".join(refused.value.messages)


def _pdf(pages=1, password=None):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_an_encrypted_pdf_is_refused():
    assert "krypterad" in _refused("avtal.pdf", _pdf(password="hemligt"), "encrypted")


def test_a_damaged_pdf_is_refused():
    assert "skadad" in _refused("avtal.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 50, "damaged")


def test_a_300_page_file_is_refused():
    assert "300 sidor" in _refused("avtal.pdf", _pdf(pages=300), "too_many_pages")


def test_a_pdf_of_blank_pages_is_refused():
    assert "Ingen text kunde läsas" in _refused("tomt.pdf", _pdf(pages=2), "no_text_layer")


def test_a_word_file_with_macros_is_refused():
    assert "makron" in _refused("avtal.docm", as_docx("Text"), "macros")
    data = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(as_docx("Text"))) as source:
        with zipfile.ZipFile(data, "w") as target:
            for item in source.infolist():
                target.writestr(item, source.read(item.filename))
            target.writestr("word/vbaProject.bin", b"\x00" * 10)
    assert "makron" in _refused("avtal.docx", data.getvalue(), "macros")


def test_a_word_file_with_broken_xml_inside_is_refused_as_damaged():
    """lxml's XMLSyntaxError is no ValueError: it was a 500 before."""
    data = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(as_docx("Text"))) as source:
        with zipfile.ZipFile(data, "w") as target:
            for item in source.infolist():
                body = source.read(item.filename)
                if item.filename == "word/document.xml":
                    body = b"<w:document><w:body><w:p>"  # cut off
                target.writestr(item, body)
    assert "skadad" in _refused("avtal.docx", data.getvalue(), "damaged")


def test_one_very_long_line_is_read_in_reasonable_time():
    """The goals' intro was looked for over the whole of the last lines: an 80 KB line took
    24 s. Only their tail is read now."""
    text = OWN_AGREEMENT.replace("\n\n", "\n\n" + "mal " * 20000 + "\n\n", 1)
    started = time.perf_counter()
    propose(text, known_organisations())
    assert time.perf_counter() - started < 5


def test_a_file_of_another_kind_is_refused():
    message = _refused("bild.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "bad_type")
    assert "PDF, Word (docx) eller textfil" in message


def test_a_document_that_is_not_an_agreement_is_refused():
    with pytest.raises(DocumentRefused) as refused:
        propose(seed_text("ensamkommande-forlangning-2023.txt"), known_organisations())
    assert "ser inte ut som ett avtal" in refused.value.messages[0]
    with pytest.raises(DocumentRefused):
        propose("Inköpslista\n\nMjölk, bröd och smör.", [])


PLAIN_HEADINGS = """Överenskommelse om idéburet offentligt partnerskap för EU-medborgare i utsatthet

Bakgrund

Allt fler EU-medborgare lever i hemlöshet i staden.

Syfte

Att ge stöd och vägledning till EU-medborgare i utsatthet.

Målgrupp

Utsatta EU-medborgare som vistas i Stockholm.

Värdegrund

Alla människors lika värde.

Parter

Stockholms stad, socialförvaltningen, organisationsnummer 212000-0142, och Föreningen
Läxhjälpen, organisationsnummer 802400-1235.

Avtalstid

Partnerskapet gäller från och med 1 maj 2017 till och med 30 april 2019. Parterna kan
skriftligen komma överens om förlängning senast sex månader före avtalstidens slut.
"""


def test_an_agreement_with_plain_headings_and_an_agreed_extension():
    proposals = propose(PLAIN_HEADINGS, [])
    fields = {name: p["value"] for name, p in proposals["fields"].items()}
    assert fields["background"] == "Allt fler EU-medborgare lever i hemlöshet i staden."
    assert fields["target_group"] == "Utsatta EU-medborgare som vistas i Stockholm."
    assert (fields["start_date"], fields["end_date"]) == ("2017-05-01", "2019-04-30")
    assert fields["extension_kind"] == "by_agreement"
    assert fields["agreement_months_before_end"] == 6
    assert fields["funds_condition"] is False  # the document sets no such condition
    assert [p["org_number"] for p in proposals["parties"]] == ["212000-0142", "802400-1235"]
    assert [c["heading"] for c in proposals["clauses"]][:3] == ["Bakgrund", "Syfte", "Målgrupp"]
