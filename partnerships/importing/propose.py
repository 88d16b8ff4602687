"""What an agreement's text says that the data model holds, each as a proposal with the passage
it came from: the title and diarienummer, the texts (background, purpose, target group, …)
from their sections, the goals, the other sections as clauses in the document's order and
numbering, the parties, the period and its rules, the bilagor with their dnr, the steering and
cooperation groups, the payment schedule, the NGOs' reporting and the signature blocks.

`propose(text, organisations)` is pure: it reads, it writes nothing. Its result is plain JSON
(dates as ISO text) so that a review can be stored and shown again."""

import datetime
import re

from django.utils.translation import gettext_lazy as _

from partnerships import agreement_outline
from partnerships.importing import correct
from partnerships.importing import sections as sections_module
from partnerships.importing.extract import DocumentRefused
from partnerships.importing.groups import read_groups
from partnerships.importing.obligations import read_payment, read_reporting
from partnerships.importing.parties import read_parties
from partnerships.importing.period import read_period
from partnerships.importing.signatures import as_passage, read_signatures, signature_text
from partnerships.importing.signatures import prose as signature_prose
from partnerships.importing.text import fold, squash

# The partnership's text fields, as the sections that hold them are kinds of `sections.HEADINGS`.
TEXT_FIELDS = tuple(agreement_outline.TEXT_FIELDS.values())
# Sections whose text the product prints from its own data in the section's place
# (Clause.holds): the period's rules and the signatures.
HOLDS_FROM_DATA = {"period", "signatures", *TEXT_FIELDS}
# Words that name the kind of document, not the agreement ("Överenskommelse om idéburet
# offentligt partnerskap"): a line of these alone is not its title.
_GENERIC_WORDS = {
    "avtal",
    "huvudavtal",
    "overenskommelse",
    "om",
    "ett",
    "ideburet",
    "offentligt",
    "partnerskap",
    "iop",
}
_DNR = r"([A-ZÅÄÖ]{2,6}\s?\d{4}/\d{1,6}(?:-\d+)?|\d+(?:\.\d+)*-\d+/\d{4})"
_MAIN_DNR = re.compile(
    rf"(?:huvudavtal\w*|avtalet|överenskommelsen|partnerskapet)\s+(?:med|har)\s+"
    rf"(?:dnr|diarienummer|diarienr)\.?\s*:?\s*{_DNR}",
    re.I,
)
_ANY_DNR = re.compile(rf"(?:dnr|diarienummer|diarienr)\.?\s*:?\s*{_DNR}", re.I)
_ANNEX = re.compile(
    rf"^\s*(?:(\d{{1,2}})\.?\s+)?(Bilaga\b[^\n]*?)(?:,?\s*dnr\.?:?\s*{_DNR})?\s*$", re.I
)
_ANNEX_WITH_DNR = re.compile(rf"^\s*(?:\d{{1,2}}\.?\s+)?Bilaga\b.*dnr\.?:?\s*{_DNR}\s*$", re.I)
_GOALS_INTRO = re.compile(r"\bmal(?:et|en)?\b.*(?::|\batt)\s*$")
GOALS_INTRO_TAIL = 400  # characters of the last lines where an intro to the goals is looked for
_BULLET = re.compile(r"^\s*(?:[-*•»+–·]|\d{1,2}[.)])\s+")

NOT_AN_AGREEMENT = _(
    "Dokumentet ser inte ut som ett avtal om idéburet offentligt partnerskap: det saknar "
    "avsnitt som Bakgrund, Syfte och Målgrupp, parter eller en avtalsperiod. Ladda upp "
    "huvudavtalet (överenskommelsen)."
)


def _proposal(value, passage=""):
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    return {"value": value, "passage": squash(passage)[:500]}


def propose(text, organisations=()):
    """Proposals for everything the document states. Raises DocumentRefused if it does not
    read as an IOP agreement."""
    # OCR's misreadings of å, ä, ö corrected first; each correction is shown in the review.
    text, corrections = correct.correct(text, organisations)
    found, preamble = sections_module.split(text)
    fields, goals, clauses, consumed = {}, [], [], set()
    for index, section in enumerate(found):
        if index in consumed:
            continue
        body_lines = list(section.lines)
        # Unknown headings deeper than a text's own heading are part of that text
        # ("Nulägesbeskrivning" under "Bakgrund"), kept as a line of their own.
        if section.kind in TEXT_FIELDS or section.kind == "goals":
            for later in range(index + 1, len(found)):
                sub = found[later]
                if sub.kind is not None or sub.level <= section.level:
                    break
                consumed.add(later)
                body_lines += ["", sub.heading, "", *sub.lines]
        body = sections_module.paragraphs(body_lines)
        if not body and section.kind is None:
            continue  # a heading over others ("Kommersiella villkor"), with no text of its own
        if section.kind == "purpose" or section.kind == "goals":
            body, section_goals = _split_goals(body_lines, whole=section.kind == "goals")
            goals += [{"value": g, "passage": g} for g in section_goals]
        if section.kind in TEXT_FIELDS and section.kind not in fields:
            fields[section.kind] = _proposal(body, section.passage)
        holds = section.kind if section.kind in HOLDS_FROM_DATA else ""
        if section.kind == "goals":
            continue
        clauses.append(
            {
                "number": section.number,
                "heading": section.heading[:200],
                "holds": holds if holds not in [c["holds"] for c in clauses] else "",
                # The signature blocks are read as signatures; the section keeps its prose.
                "body": body
                if holds == ""
                else (signature_prose(section.lines) if holds == "signatures" else ""),
                "passage": section.passage,
            }
        )
    period_text = next((s.text for s in found if s.kind == "period"), "")
    for name, (value, passage) in read_period(period_text, text).items():
        fields[name] = _proposal(value, passage)
    parties = [p.as_dict() for p in read_parties(text, list(organisations))]
    fields["title"] = _title(preamble, found, parties)
    registration = _MAIN_DNR.search(squash(text)) or _first_dnr(text)
    if registration:
        fields["registration_number"] = _proposal(registration.group(1), registration.group(0))
    # A bilaga is listed in its own section; OCR may carry a line of the list past the next
    # heading, so a line naming a bilaga with its dnr counts wherever it stands.
    annexes_text = next((s.lines for s in found if s.kind == "annexes"), [])
    annexes_text += [line for line in text.splitlines() if _ANNEX_WITH_DNR.match(line.strip())]
    result = {
        "fields": fields,
        "goals": goals,
        "clauses": clauses,
        "parties": parties,
        "annexes": _annexes(annexes_text),
        # The structure beyond the partnership's own fields: the groups (created by governance),
        # the payment schedule (each bilaga's payment plan), the NGOs' reporting (reporting's
        # periods) and the signature blocks.
        "groups": read_groups(found, text),
        "payment": read_payment(text, _start(fields)),
        "reporting": read_reporting(text),
        "signatures": [
            {
                **{k: block[k] for k in ("party", "name", "title", "place", "signed_on")},
                "passage": as_passage(block),
            }
            for block in read_signatures(signature_text(found, text), parties)
        ],
    }
    if not is_agreement(result):
        raise DocumentRefused(NOT_AN_AGREEMENT, code="not_an_agreement")
    correct.mark(result, corrections)
    result["corrections"] = [
        {key: c[key] for key in ("read", "corrected", "passage")} for c in corrections
    ]
    return result


def _start(fields):
    value = fields.get("start_date", {}).get("value")
    return datetime.date.fromisoformat(value) if value else None


def is_agreement(result):
    texts = sum(1 for name in TEXT_FIELDS if name in result["fields"])
    return texts >= 2 and (result["parties"] or "start_date" in result["fields"])


def _split_goals(lines, whole=False):
    """(the text without its list of goals, the goals). The goals are the list that follows a
    line announcing them ("Målen med partnerskapet är:", "… är målet med partnerskapet att:"),
    or, under a heading of their own ("Mål"), the section's list."""
    kept, goals, collecting, current = [], [], whole, None
    for line in lines:
        stripped = line.strip()
        if collecting and _BULLET.match(line):
            if current is not None:
                goals.append(squash(current))
            current = _BULLET.sub("", line)
            continue
        if collecting and current is not None and stripped:
            current += " " + stripped
            continue
        if collecting and current is not None and not stripped:
            goals.append(squash(current))
            current, collecting = None, whole
            continue
        kept.append(line)
        # Only the tail: the intro ends the lines, and the whole of a long line made the search
        # quadratic (an 80 KB line took 24 s).
        if _GOALS_INTRO.search(fold(squash(" ".join(kept[-3:])))[-GOALS_INTRO_TAIL:]):
            collecting = True
    if current is not None:
        goals.append(squash(current))
    return sections_module.paragraphs(kept), goals


def _title(preamble, found, parties):
    """The name the document gives the agreement above its first section, past the generic
    words ("Avtal", "Idéburet offentligt partnerskap"); else one made from the NGO parties."""
    lines = list(preamble)
    for section in found:
        if section.kind is not None or any(line.strip() for line in section.lines):
            break
        lines += ["", section.heading, ""]
    lines = [line for line in lines if not _generic(line) and not _ANY_DNR.search(line)]
    for paragraph in re.split(r"\n\s*\n", "\n".join(lines)):
        candidate = squash(re.sub(r"^\s*[-–]\s*", "", paragraph.replace("*", ""))).strip(" .#")
        if len(candidate) > 8:
            return _proposal(candidate[:300], paragraph)
    ngos = [p["name"] for p in parties if p["kind"] == "ngo"]
    if ngos:
        return _proposal(f"Idéburet offentligt partnerskap med {', '.join(ngos)}", "")
    return _proposal("", "")


def _generic(line):
    words = re.findall(r"[a-z]+", fold(line))
    return bool(words) and all(word in _GENERIC_WORDS for word in words)


def _first_dnr(text):
    for line in text.splitlines():
        if not re.match(r"^\s*(\d+\.?\s*)?bilaga", line, re.I):
            match = _ANY_DNR.search(line)
            if match:
                return match
    return None


def _annexes(lines):
    annexes, seen = [], set()
    for line in lines:
        match = _ANNEX.match(line.strip())
        if match and fold(match.group(2)) not in seen:
            seen.add(fold(match.group(2)))
            annexes.append(
                {
                    "number": int(match.group(1)) if match.group(1) else len(annexes) + 1,
                    "title": match.group(2).strip(" ,."),
                    "registration_number": match.group(3) or "",
                    "passage": line.strip(),
                }
            )
    return annexes
