"""The agreement PDF: renders, names the parties, shows signatures, fetches nothing from outside."""

import io
import re
from datetime import date
from urllib.parse import unquote

import pytest
from django.urls import reverse
from pypdf import PdfReader

from governance.services.groups import group_create
from iop import pdf as iop_pdf
from iop.history import save_with_history
from partnerships.agreement_pdf import render_agreement
from partnerships.models import Clause
from partnerships.services.amendments import signature_create
from tests.factories import CommitmentFactory, write_terms


def _text(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    return "\n".join(page.extract_text() for page in reader.pages)


def _clause(*, partnership, actor, reason, **fields):
    """Set-up: a section of a signed agreement's text, as the demo loader registers it."""
    return save_with_history(Clause(partnership=partnership, **fields), actor=actor, reason=reason)


@pytest.fixture
def signed(partnership_a, staff):
    party = partnership_a.participations.get(organisation__name="Förening A")
    signature_create(
        partnership=partnership_a,
        document="agreement",
        participation=party,
        signatory_name="Anna Andersson",
        signatory_title="Ordförande",
        place="Uppsala",
        signed_on=date(2024, 1, 10),
        actor=staff,
        reason="Undertecknat",
    )
    CommitmentFactory(annex=partnership_a.annexes.get(), title="Öppen mötesplats")
    return partnership_a


def test_pdf_renders_with_parties_bilagor_and_signatures(signed):
    pdf = render_agreement(signed)
    assert pdf.startswith(b"%PDF-")
    text = _text(pdf)
    assert "Förening A" in text
    assert "Stockholms stad, socialförvaltningen" in text
    assert "Anna Andersson" in text and "Uppsala 2024-01-10" in text
    assert "Öppen mötesplats" in text
    assert "Namnförtydligande" in text  # the city has not signed yet: an empty block
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == f"{signed.title} ({signed.registration_number})"


def test_a_representative_gets_the_agreement_with_only_their_own_bilagor(
    signed, staff, client_a, org_b
):
    """The overarching agreement is shared by every party; another party's bilaga (commitments,
    diarienummer, compensation) is not, in the PDF as in the portal."""
    from tests.factories import AnnexFactory, CompensationFactory, ParticipationFactory

    other = ParticipationFactory(partnership=signed, organisation=org_b)
    annex_b = AnnexFactory(partnership=signed, participation=other, title="B:s hemliga bilaga")
    CommitmentFactory(annex=annex_b, title="B:s åtagande")
    CompensationFactory(annex=annex_b, amount=777777)
    url = reverse("partnerships:agreement_pdf", args=[signed.pk])
    text = _text(client_a.get(url).content)
    assert "Öppen mötesplats" in text  # A's own bilaga
    assert "Förening B" in text  # B is a party of the shared agreement
    assert "hemliga" not in text and "B:s åtagande" not in text and "777" not in text
    assert "Ytterligare 1 bilaga, för en annan part, ingår inte" in text
    whole = _text(render_agreement(signed))
    assert "B:s hemliga bilaga" in whole and "B:s åtagande" in whole


def test_user_supplied_image_url_is_not_fetched(signed, staff, monkeypatch):
    requested = []
    original = iop_pdf.StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        requested.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(iop_pdf.StaticOnlyFetcher, "fetch", spy)
    write_terms(
        signed,
        purpose='Syfte <img src="http://127.0.0.1:9/spion.png"> och '
        '<link rel="stylesheet" href="file:///etc/passwd">',
        actor=staff,
        reason="Test",
    )
    text = _text(render_agreement(signed))
    assert not [url for url in requested if "127.0.0.1" in url or "passwd" in url]
    assert all(url.startswith("file:///iop-static/") for url in requested)
    assert 'img src="http://127.0.0.1:9/spion.png"' in text  # shown as text, escaped


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x.png", "file:///etc/passwd"])
def test_fetcher_refuses_network_and_files(url):
    fetcher = iop_pdf.StaticOnlyFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_pdf_view_permissions(client, staff, rep_a, rep_b, signed):
    url = reverse("partnerships:agreement_pdf", args=[signed.pk])
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.force_login(rep_a)  # a party sees its own agreement
    assert client.get(url).status_code == 200
    client.force_login(rep_b)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


# RFC 6266: a quoted-string (a quote or backslash inside escaped) or an RFC 8187 extended value.
DISPOSITION = re.compile(
    r'(?P<kind>inline|attachment); (?:filename="(?P<quoted>(?:[\t !#-\[\]-~]|\\[\t -~])*)"'
    r"|filename\*=utf-8''(?P<extended>(?:[A-Za-z0-9!#$&+.^_`|~-]|%[0-9A-F]{2})+))"
)


def _file_name(header):
    """(disposition, file name) of a well-formed header; None for anything else."""
    match = DISPOSITION.fullmatch(header)
    if not match:
        return None
    if match["quoted"] is not None:
        return match["kind"], re.sub(r"\\(.)", r"\1", match["quoted"])
    return match["kind"], unquote(match["extended"])


@pytest.mark.parametrize("number", ['KS "2024"; 12', "Dnr ä/ö\r\n12"])
def test_pdf_file_name_survives_what_staff_typed_as_diarienummer(
    partnership_a, staff, staff_client, number
):
    """Quotes, a semicolon, a line break or å, ä, ö in the diarienummer give a well-formed
    Content-Disposition that names the file, not a broken header or a 500."""
    write_terms(partnership_a, registration_number=number, actor=staff, reason="Test")
    response = staff_client.get(reverse("partnerships:agreement_pdf", args=[partnership_a.pk]))
    assert response.status_code == 200
    # The line break as saved: a browser's "\r\n" is stored as "\n" (iop.history).
    expected = f"iop-{number}.pdf".replace(" ", "-").replace("/", "-").replace("\r\n", "\n")
    assert _file_name(response["Content-Disposition"]) == ("inline", expected)


# --- The PDF reads as the agreement ---------------------------------------------------------


def _pages(pdf_bytes):
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages]


def _in_order(text, *needles):
    """Each needle is in the text, after the one before it."""
    positions = [text.find(needle) for needle in needles]
    assert -1 not in positions, [n for n, p in zip(needles, positions, strict=True) if p == -1]
    assert positions == sorted(positions), needles


@pytest.fixture
def outlined(signed, staff):
    """The agreement's own outline: numbered sections, some holding texts kept as data."""
    for order, (number, heading, holds, body) in enumerate(
        [
            (
                "2.1",
                "Partnerskapets aktörer",
                "",
                "Detta partnerskap är upprättat mellan parterna.",
            ),
            ("2.2", "Syfte och mål", "purpose", ""),
            ("3.1", "Styrgrupp", "steering_group", "Styrgruppen beslutar om strategiska frågor."),
            ("5.1", "Period för partnerskapet", "period", ""),
            ("5.10", "Tvist", "", "Tvister löses i första hand genom dialog."),
            ("6", "Underskrift", "signatures", "Upprättat i två likalydande exemplar."),
        ],
        start=1,
    ):
        _clause(
            partnership=signed,
            order=order,
            number=number,
            heading=heading,
            holds=holds,
            body=body,
            actor=staff,
            reason="Avtalstext",
        )
    group_create(
        partnership=signed,
        kind="steering",
        name="Styrgruppen för A",
        established_on=date(2024, 1, 1),
        ngo_seats_per_party=1,
        city_seats_max=3,
        cadence_initial_months=1,
        chair_selection="lottery",
        chair_term_months=3,
        actor=staff,
        reason="Styrgrupp",
    )
    return signed


def test_sections_print_in_the_agreements_order_with_its_numbers(outlined):
    text = _text(render_agreement(outlined))
    _in_order(
        text,
        "2.1 Partnerskapets aktörer",
        "2.2 Syfte och mål",
        "Att stödja målgruppen.",  # the purpose, printed where the agreement has it
        "3.1 Styrgrupp",
        "5.1 Period för partnerskapet",
        "5.10 Tvist",
        "6 Underskrift",
        "Upprättat i två likalydande exemplar.",
        "För Förening A",
        "Bilaga till huvudavtalet",
    )
    assert text.count("Att stödja målgruppen.") == 1  # held by 2.2, not printed twice


def test_unnumbered_agreement_is_numbered_in_the_order_printed(signed, staff):
    for order, heading in enumerate(["Metod", "Tvist"], start=1):
        _clause(
            partnership=signed,
            order=order,
            heading=heading,
            body="Text.",
            actor=staff,
            reason="Avtalstext",
        )
    text = _text(render_agreement(signed))
    # Syfte och mål and Period are kept as data and stand where the agreements have them.
    _in_order(text, "1 Syfte och mål", "2 Period för partnerskapet", "3 Metod", "4 Tvist")
    _in_order(text, "5 Underskrifter", "För Förening A")


def test_steering_group_rules_are_printed_from_the_data(outlined):
    text = _text(render_agreement(outlined))
    _in_order(
        text,
        "3.1 Styrgrupp",
        "Sammansättning: 1 representant per idéburen part, högst 3 från staden.",
        "Möten: Gruppen möts minst en gång i månaden.",
        "Ordförande: Lottning för 3 månader i taget.",
        "Beslut: Enkel majoritet, en röst per representant.",
        "Styrgruppen beslutar om strategiska frågor.",  # the section's own text follows
        "5.1 Period",
    )


@pytest.mark.parametrize("extension_kind", ["none", "by_agreement"])
def test_funds_condition_is_printed_when_set(outlined, staff, extension_kind):
    fields = {"extension_kind": extension_kind}
    if extension_kind == "by_agreement":
        fields |= {
            "extension_months": 12,
            "extension_last_date": date(2026, 12, 31),
            "agreement_months_before_end": 3,
        }
    write_terms(outlined, funds_condition=True, actor=staff, reason="Villkor", **fields)
    text = " ".join(_text(render_agreement(outlined)).split())
    _in_order(text, "5.1 Period för partnerskapet", "förutsatt att medel för partnerskapet finns")
    assert "Part har rätt att säga upp sitt åtagande med 4 månaders uppsägningstid." in text

    write_terms(outlined, funds_condition=False, actor=staff, reason="Villkor")
    assert "medel för partnerskapet finns" not in _text(render_agreement(outlined))


def test_one_signature_block_per_party_with_recorded_signatures(outlined):
    text = " ".join(_text(render_agreement(outlined)).split())  # the blocks are narrow
    signatures = text[text.index("6 Underskrift") :]
    # The city's block is empty (not signed yet), A's carries the recorded signature.
    _in_order(
        signatures,
        "För Stockholms stad, socialförvaltningen",
        "Namnförtydligande",
        "För Förening A",
        "Ort och datum: Uppsala 2024-01-10",
        "Undertecknat av: Anna Andersson, Ordförande",
    )
    assert signatures.count("För ") >= 2
    assert "Namnförtydligande" not in signatures[signatures.index("För Förening A") :]


def test_every_page_carries_the_dnr_the_version_and_its_number(outlined):
    pages = _pages(render_agreement(outlined))
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Dnr {outlined.registration_number}" in page
        assert f"Sida {number} av {len(pages)}" in page
        assert "lydelse " in page and "utskrift " in page


def test_each_bilaga_starts_on_a_new_page(outlined):
    pages = _pages(render_agreement(outlined))
    starts = [page for page in pages if "Bilaga till huvudavtalet" in page]
    assert len(starts) == 1
    assert starts[0].lstrip().startswith("Bilaga till huvudavtalet")
    assert "Öppen mötesplats" in starts[0] and "6 Underskrift" not in starts[0]


def test_one_font_in_two_faces_also_in_the_page_margins(outlined):
    # The second rendering in this thread reuses the font set-up the first one made.
    render_agreement(outlined)
    reader = PdfReader(io.BytesIO(render_agreement(outlined)))
    fonts = {
        str(font["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts == {"DejaVu-Sans", "DejaVu-Sans-Bold"}
