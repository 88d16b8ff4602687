"""The signature blocks at the end of an agreement: "För <part>" followed by the place and date
("Stockholm den 12 mars 2024", "Ort och datum", "Malmö den / 2019"), the signatory's name and
title ("Förvaltningschef", "Ordförande"), "Namnförtydligande" where the name is left blank.
Blocks written side by side come out of a document as a run of "För …" lines followed by the
lines of the first column; those lines go to the first party of the run.

Each block is {"party": index in the proposed parties or None, "for": the line, "name",
"title", "place", "signed_on" (ISO text or ""), "passage"}."""

import re

from partnerships.importing.text import DATE, date_from, fold, fold_ocr, squash

_FOR = re.compile(r"^\s*f[oö]r\s+(.{3,120})$", re.I)
_PLACE_DATE = re.compile(r"^\s*([A-ZÅÄÖ][\wåäöéÅÄÖ -]{1,40}?)\s*(?:,|\s)?\s*den\b(.*)$")
_DATE = re.compile(DATE)
_BLANK = re.compile(
    r"^(?:datum|ort|ort\s+och\s+datum|ort\s*/\s*datum|namnfortydligande|underskrift|"
    r"namnteckning|firmatecknare|[_ .-]*)$"
)
_TITLE_WORDS = re.compile(
    r"(?:chef|direktor|ordforande|sekreterare|ledare|forestandare|ansvarig|"
    r"handlaggare|firmatecknare|kommunalrad|namndordforande)\b"
)
_NAME = re.compile(r"^[A-ZÅÄÖ][a-zåäöéü]+(?:[ -][A-ZÅÄÖ][a-zåäöéü]+){1,3}$")
_END = re.compile(r"(?:likalydande|exemplar|original)")


def read_signatures(signature_text, parties):
    """The signature blocks in `signature_text` (the signature section, or the document's tail),
    each matched to one of `parties` (dicts with "name") by the words of its name."""
    blocks, target, after_for, pending = [], None, False, []
    lines = [line.strip() for line in signature_text.splitlines()]
    for index, line in enumerate(lines):
        if not line or line.startswith("#"):
            continue
        folded = fold(line)
        match = _FOR.match(line)
        # "Uppsala den 15 december 2025" right above "För …" is that block's place and date.
        if not match and _PLACE_DATE.match(line) and _FOR.match(_next_line(lines, index)):
            pending.append(line)
            continue
        if match and len(line.split()) <= 10 and not _END.search(folded):
            rest = match.group(1).strip(" :,")
            # "För socialnämnden / i Stockholms stad": the name goes on over a line.
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if re.match(r"^(?:1|i)\s+\w", following) and not _PLACE_DATE.match(following):
                rest += " i " + following.split(None, 1)[1]
            block = {"for": rest, "name": "", "title": "", "place": "", "signed_on": ""}
            block["passage"] = line
            blocks.append(block)
            for earlier in pending:
                _read_line(block, earlier, fold(earlier))
            pending = []
            # Side by side: the lines after a run of "För …" lines are the first column's.
            if not after_for:
                target = block
            after_for = True
            continue
        after_for = False
        if target is None or _END.search(folded):
            continue
        _read_line(target, line, folded)
    for block in blocks:
        block["party"] = _party_of(block["for"], parties)
    return blocks


def _next_line(lines, index):
    return next((line for line in lines[index + 1 :] if line), "")


def _read_line(block, line, folded):
    if _BLANK.match(folded.strip()):
        return
    date = _DATE.search(folded)
    place = _PLACE_DATE.match(line)
    if place and not block["place"]:
        block["place"] = place.group(1).strip(" ,")
        block["passage"] += " / " + line
    if date and not block["signed_on"]:
        day = date_from(date.groups())
        if day:
            block["signed_on"] = day.isoformat()
            block["passage"] += " / " + line
        return
    if place:
        return
    if _TITLE_WORDS.search(folded) and not block["title"] and len(line.split()) <= 5:
        block["title"] = line
        block["passage"] += " / " + line
    elif _NAME.match(line) and not block["name"]:
        block["name"] = line
        block["passage"] += " / " + line


def _party_of(name, parties):
    """The index of the party whose name shares most words (read by their first five letters,
    past OCR's misreadings) with the block's "För …" line; the public party for a committee or
    administration named by its kind ("socialnämnden", "kommunen")."""
    words = {w[:5] for w in re.findall(r"[a-z]{4,}", fold_ocr(name))}
    best, best_score = None, 0
    for index, party in enumerate(parties):
        theirs = {w[:5] for w in re.findall(r"[a-z]{4,}", fold_ocr(party["name"]))}
        score = len(words & theirs)
        if score > best_score:
            best, best_score = index, score
    if best is None and re.search(r"namnd|forvaltning|kommun|stad|region", fold_ocr(name)):
        best = next((i for i, p in enumerate(parties) if p.get("kind") == "public"), None)
    return best


def signature_text(found_sections, text):
    """The text the signature blocks stand in: the signature section's, else the last 60
    lines of the document."""
    section = next((s for s in found_sections if s.kind == "signatures"), None)
    if section is not None:
        return "\n".join(section.lines)
    return "\n".join(text.splitlines()[-60:])


def as_passage(block):
    return squash(block["passage"])[:500]


def prose(lines):
    """The signature section's own text ("Partnerskapet är upprättat i två likalydande
    exemplar …") without the blocks, which are kept as signatures: the lines that read as
    sentences, not as a party, a place and date, a name, a title or a bilaga listed there."""
    kept = []
    for line in lines:
        stripped = line.strip()
        if stripped and (
            len(stripped.split()) < 4
            or _FOR.match(stripped)
            or _PLACE_DATE.match(stripped)
            or re.match(r"^(?:\d{1,2}\.?\s+)?bilaga\b.*\bdnr\b", fold(stripped))
        ):
            continue
        kept.append(line)
    return "\n\n".join(
        squash(paragraph)
        for paragraph in re.split(r"\n\s*\n", "\n".join(kept))
        if paragraph.strip()
    )
