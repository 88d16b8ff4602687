"""Reading Swedish agreement language that may have passed through OCR: letters folded to their
base (å, ä → a; ö → o) so that "Malgrupp" reads as "Målgrupp", number words, dates written out
("1 maj 2017") or as ISO dates."""

import datetime as _dt
import difflib
import re
import unicodedata

MONTHS = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
NUMBER_WORDS = {
    "en": 1,
    "ett": 1,
    "tva": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "atta": 8,
    "nio": 9,
    "tio": 10,
    "elva": 11,
    "tolv": 12,
    "arton": 18,
    "tjugofyra": 24,
}
# OCR reads the Swedish letters as look-alikes: "Ridda" for "Rädda", "f6ljd" for "följd",
# "&r" for "år". Folded, each becomes the base letter a reader would compare.
_OCR_LOOKALIKES = str.maketrans({"&": "a", "é": "e", "6": "o", "|": "i", "0": "o"})
_MONTH_RE = "|".join(MONTHS)
# A date written out, as `fold` leaves it: "1 juli 2023", "31 augusti\n2020".
WRITTEN_DATE = rf"(\d{{1,2}})\s+({_MONTH_RE})\s+(\d{{4}})"
ISO_DATE = r"(\d{4})-(\d{2})-(\d{2})"
DATE = rf"(?:{WRITTEN_DATE}|{ISO_DATE})"
# A number as the agreements write it: a word or digits.
NUMBER = r"(\d{1,3}|" + "|".join(NUMBER_WORDS) + r")"


def fold(text):
    """Lower case with every letter reduced to its base letter, one character for one, so that
    a match's offsets in the folded text are its offsets in the original."""
    return "".join((unicodedata.normalize("NFKD", char)[:1] or char).lower() for char in text or "")


def fold_ocr(text):
    """`fold` and OCR's look-alikes (for comparing words, not for finding numbers)."""
    return fold(text).translate(_OCR_LOOKALIKES)


def similar(a, b):
    """How alike two names or headings read once folded (0–1)."""
    return difflib.SequenceMatcher(None, fold_ocr(a).strip(), fold_ocr(b).strip()).ratio()


def closest(word, choices, cutoff=0.8):
    """The choice `word` most likely is (an OCR misreading of), or None."""
    best, score = None, cutoff
    for choice in choices:
        ratio = similar(word, choice)
        if ratio >= score:
            best, score = choice, ratio
    return best


def number(word):
    word = fold(word)
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def date_from(match_groups):
    """The date of a `DATE` match's six groups (written out or ISO), or None if impossible."""
    day, month, year, iso_year, iso_month, iso_day = match_groups
    try:
        if year:
            return _dt.date(int(year), MONTHS[month], int(day))
        return _dt.date(int(iso_year), int(iso_month), int(iso_day))
    except (ValueError, KeyError):
        return None


def squash(text):
    """Whitespace made single spaces (a hard-wrapped sentence read as one line)."""
    return re.sub(r"\s+", " ", text or "").strip()
