"""The agreement's sections: its headings, numbered ("2.3 Målgrupp", "§ 5 Period") or not
("Målgrupp", a Word heading, a Markdown "### Målgrupp"), each with its text, in the document's
order. A heading the agreement language knows (`HEADINGS`) is spelt as it should be, whatever
OCR made of it ("Malgrupp" → "Målgrupp")."""

import re
from dataclasses import dataclass, field

from partnerships.importing.text import closest, squash

# Headings of Swedish IOP agreements, and the partnership field or the kind of section each is.
# Several spellings lead to one field.
HEADINGS = {
    "Bakgrund": "background",
    "Syfte och mål": "purpose",
    "Syfte": "purpose",
    "Syfte och målsättning": "purpose",
    "Mål": "goals",
    "Mål för partnerskapet": "goals",
    "Partnerskapets mål": "goals",
    "Målgrupp": "target_group",
    "Målgrupper": "target_group",
    "Grund": "basis",
    "Grund för partnerskapet": "basis",
    "Värdegrund": "values",
    "Gemensam värdegrund": "values",
    "Informationsspridning": "information_dissemination",
    "Jämställdhetsperspektiv": "gender_perspective",
    "Jämställdhet": "gender_perspective",
    "Sekretess, tystnadsplikt och orosanmälan": "confidentiality",
    "Sekretess och tystnadsplikt": "confidentiality",
    "Sekretess": "confidentiality",
    "Styrgrupp": "steering_group",
    "Samverkansgrupp": "cooperation_group",
    "Period för partnerskapet": "period",
    "Partnerskapets period": "period",
    "Avtalstid": "period",
    "Period": "period",
    "Giltighetstid": "period",
    "Underskrift": "signatures",
    "Underskrifter": "signatures",
    "Bilagor": "annexes",
    "Partnerskapets aktörer": "parties",
    "Parter": "parties",
    "Partnerskapets parter": "parties",
    "Partnerskapets form och utgångspunkt": "",
    "Struktur för partnerskapet": "",
    "Uppföljning": "",
    "Årlig sammanställning": "",
    "Synpunkter och klagomål": "",
    "Ändringar och tillägg": "",
    "Informationsskyldighet": "",
    "Ersättning": "",
    "Brister": "",
    "Uppsägning": "",
    "Hävning": "",
    "Omförhandling": "",
    "Tvist": "",
    "Metod": "",
    "Rapportering": "",
}

_MARKDOWN = re.compile(r"^(#{1,6})\s+(.*)$")
_NUMBERED = re.compile(r"^(?:§\s*)?(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.*)$")
_SECTION_SIGN = re.compile(r"^§\s*\d")
_BULLET = re.compile(r"^\s*[-*•»+–·]\s+")


@dataclass
class Section:
    number: str
    heading: str
    kind: str | None  # a HEADINGS value, or None for a heading the language does not know
    level: int
    start: int  # line index of the heading
    lines: list = field(default_factory=list)

    @property
    def text(self):
        return paragraphs(self.lines)

    @property
    def passage(self):
        return squash(" ".join(self.lines))[:400]


def _clean(line):
    return line.replace("**", "").replace("__", "").strip().strip("*").strip()


def _known(heading):
    """The canonical spelling of a heading the agreement language knows, or None."""
    words = heading.rstrip(":").strip()
    if len(words) > 60:
        return None
    return closest(words, HEADINGS, cutoff=0.84)


def heading_of(line, previous_blank, next_blank):
    """(style, number, heading, level) if the line reads as a heading, else None. The style
    ("markdown", "numbered" or "plain") lets `split` keep to the one the document uses."""
    text = _clean(line)
    if not text or _BULLET.match(line):
        return None
    markdown = _MARKDOWN.match(line.strip())
    if markdown:
        text = _clean(markdown.group(2))
        trailing = re.match(r"^(.*\D)\s+(\d{1,2}(?:\.\d{1,2})+)$", text)
        if trailing:  # "Kommersiella villkor 5.1" as one seed writes it
            text = trailing.group(1)
        number, text = _number(text)
        return "markdown", number, _known(text) or text, len(markdown.group(1))
    number, text = _number(text)
    known = _known(text)
    if not number:
        # A heading the language knows, alone on its line: between blank lines, or (a PDF's
        # text layer has none) after a line that ends a sentence or is a heading itself.
        if known and (previous_blank or next_blank) and len(text.split()) <= 6:
            return "plain", "", known, 1
        if known and text.rstrip()[-1:] not in ".,;" and len(text.split()) <= 6:
            return "plain-tight", "", known, 1
        return None
    level = number.count(".") + 1
    if known:
        return "numbered", number, known, level
    # A numbered line the language does not know: a heading only if it reads as one (short,
    # no sentence punctuation, a capital letter) and not as an item of a numbered list.
    if len(text.split()) > 8 or "," in text or text.rstrip()[-1:] in ".:;":
        return None
    if level == 1 and not _SECTION_SIGN.match(_clean(line)):
        if len(text.split()) > 5 or not (previous_blank and next_blank):
            return None
    return "numbered", number, text, level


def _number(text):
    numbered = _NUMBERED.match(text)
    if not numbered:
        return "", text
    return numbered.group(1), numbered.group(2).strip()


def _top(number):
    return int(number.split(".")[0])


def split(text):
    """The document's sections in order, and the lines before the first heading. A document
    with Markdown or Word headings is read by them; one with numbered headings by its
    numbers (a top-level number must grow: "1 Stockholms stad" after section 6 is a line of
    the signature page); otherwise by headings the language knows, standing alone."""
    lines = (text or "").replace("\r\n", "\n").replace("\f", "\n").split("\n")
    found = {}
    for index, line in enumerate(lines):
        previous_blank = index == 0 or not lines[index - 1].strip()
        next_blank = index + 1 >= len(lines) or not lines[index + 1].strip()
        heading = heading_of(line, previous_blank, next_blank)
        if heading:
            found[index] = heading
    styles = [h[0] for h in found.values()]
    style = "plain"
    if styles.count("markdown") >= 3:
        style = "markdown"
    elif styles.count("numbered") >= 3:
        style = "numbered"
    if style == "plain":
        found = {i: ("plain", *h[1:]) for i, h in found.items() if _stands_alone(lines, i, found)}
    sections, preamble, last_top = [], [], 0
    for index, line in enumerate(lines):
        heading = found.get(index)
        if heading and heading[0] == style and style == "numbered":
            if heading[1] and "." not in heading[1] and _top(heading[1]) <= last_top:
                heading = None
            elif heading[1]:
                last_top = max(last_top, _top(heading[1]))
        if heading and heading[0] == style:
            _style, number, title, level = heading
            sections.append(Section(number, title, HEADINGS.get(title), level, index))
        elif sections:
            sections[-1].lines.append(line)
        else:
            preamble.append(line)
    return sections, preamble


def _stands_alone(lines, index, found):
    if found[index][0] == "plain":
        return True
    previous = lines[index - 1].strip() if index else ""
    return not previous or previous[-1] in ".:!?" or (index - 1) in found


def paragraphs(lines):
    """Hard-wrapped lines as paragraphs (blank lines between), list items one a line ("- …")."""
    out, current = [], []
    # A hard-wrapped text (a PDF's or OCR's) has no blank lines: a paragraph ends where a line
    # ends a sentence well short of the lines' width.
    width = max((len(line.strip()) for line in lines), default=0)

    def flush():
        if current:
            out.append(squash(" ".join(current)))
            current.clear()

    for line in lines:
        stripped = _clean(line)
        if not stripped:
            flush()
            if out and out[-1] != "":
                out.append("")
            continue
        if _BULLET.match(line):
            flush()
            current.append("- " + _BULLET.sub("", line).strip())
            continue
        current.append(stripped)
        if width > 40 and stripped[-1] in ".:!?" and len(stripped) < 0.8 * width:
            flush()
            out.append("")
    flush()
    text = "\n".join(out).strip()
    # Items of one list stand on consecutive lines, as the demo data writes them.
    return re.sub(r"\n\n(?=- )", "\n", text)
