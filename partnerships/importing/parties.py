"""The parties as an agreement names them: "Street Minds, organisationsnummer 802524-2879",
"Offentlig sektor: Stockholms stad, socialförvaltningen, genom avdelningen för …". Each
organisationsnummer is Luhn-checked; a party is matched to a known organisation by its
number or, failing that, by its name read past OCR's misreadings ("Ridda Barnen" → Rädda
Barnen)."""

import re
from dataclasses import asdict, dataclass

from partnerships.importing.text import closest, fold, squash
from partnerships.validators import luhn_valid

_ORG_NUMBER = re.compile(r"(?<!\d)(\d{6})\s*-\s*(\d{4})(?!\d)")
_LABEL = re.compile(r",?\s*(?:med\s+)?(?:organisationsnummer|org\.?\s*nr\.?|orgnr)\s*:?\s*$", re.I)
_PUBLIC = re.compile(r"offentlig\s+(?:sektor|part)\s*:?\s*")


@dataclass
class PartyProposal:
    name: str
    org_number: str
    kind: str  # "public" or "ngo"
    unit: str
    organisation_id: int | None  # a known organisation it is
    number_valid: bool
    passage: str

    def as_dict(self):
        return asdict(self)


def _name_before(text, start):
    """The name written just before an organisationsnummer."""
    before = _LABEL.sub("", text[max(0, start - 160) : start])
    # The name is the last clause before the number: after a label ("Idéburen sektor:"),
    # a list mark, a full stop or a line break.
    piece = re.split(r"[:\n•»*]|(?<=[a-zåäö\d])\.\s|^\s*[-+]\s", before)[-1]
    return piece.strip(" ,.-+*»•\t").strip()


def read_parties(text, organisations):
    """[PartyProposal] in the order the document names them. `organisations` are the known
    ones: dicts with id, name, org_number and kind."""
    by_number = {o["org_number"]: o for o in organisations}
    names = {o["name"]: o for o in organisations}
    # Paragraphs kept apart: a heading ("4. Parter") is not the start of the name below it.
    flat = "\n".join(squash(paragraph) for paragraph in re.split(r"\n\s*\n", text))
    parties, seen = [], set()
    public = _public_party(text)
    for match in _ORG_NUMBER.finditer(flat):
        org_number = f"{match.group(1)}-{match.group(2)}"
        if org_number in seen:
            continue
        seen.add(org_number)
        name = _name_before(flat, match.start())
        passage = squash(flat[max(0, match.start() - 100) : match.end() + 10])
        # Group 2 of the organisationsnummer is the state, regions and municipalities.
        kind = "public" if org_number.startswith("2") else "ngo"
        unit = ""
        if kind == "public" and public:
            name, unit = public[0], public[1]
            passage = public[2]
        parties.append(_matched(name, org_number, kind, unit, passage, by_number, names))
    if public and not any(p.kind == "public" for p in parties):
        parties.insert(0, _matched(public[0], "", "public", public[1], public[2], {}, names))
    return [p for p in parties if p.name or p.organisation_id]


def _matched(name, org_number, kind, unit, passage, by_number, names):
    known = by_number.get(org_number)
    if known is None and name:
        same_kind = [n for n, o in names.items() if o["kind"] == kind]
        best = closest(name, same_kind, cutoff=0.75)
        known = names.get(best) if best else None
        if known and org_number and known["org_number"] != org_number:
            known = None  # a like name under another number is another organisation
    org_number = org_number or (known["org_number"] if known else "")
    return PartyProposal(
        name=known["name"] if known else name,
        org_number=org_number,
        kind=known["kind"] if known else kind,
        unit=unit,
        organisation_id=known["id"] if known else None,
        number_valid=bool(org_number) and luhn_valid(org_number.replace("-", "")),
        passage=passage,
    )


def _public_party(text):
    """(name, unit, passage) of the city side as "Offentlig sektor: …" names it, or None."""
    flat = squash(text.replace("*", ""))
    match = _PUBLIC.search(fold(flat))
    if not match:
        return None
    sentence = re.split(
        r"(?<=[a-zåäö])\.\s|\s(?:organisationsnummer|idéburen)", flat[match.end() :], flags=re.I
    )[0]
    sentence = sentence.strip(" .")
    name, unit = (*re.split(r",?\s+genom\s+", sentence, maxsplit=1), "")[:2]
    unit = unit.strip(" .,")
    passage = flat[match.start() : match.end() + len(sentence) + 1]
    return name.strip(" ,"), unit[:1].upper() + unit[1:], passage
