"""The agreement period and its rules as Swedish agreements write them: "från den 1 juli 2023
till och med den 30 juni 2024", "förlängs automatiskt med ett halvår i taget, dock längst till
den 30 juni 2026, om inte … sägs upp … senast den 31 december", "skriftligen komma överens om
förlängning senast tre månader före avtalstidens utgång", "förutsatt att medel finns",
"Uppsägningstiden är fyra månader". Each finding is (value, passage)."""

import re

from partnerships.importing.text import (
    _MONTH_RE,
    DATE,
    MONTHS,
    NUMBER,
    date_from,
    fold,
    number,
    squash,
)

_RANGE = re.compile(
    rf"(?:fran|from)\s+(?:och\s+med\s+|o\s*m\s+)?(?:den\s+)?{DATE}\s*"
    rf"(?:till\s+och\s+med|t\.?\s?o\.?\s?m\.?|till|–|-)\s*(?:den\s+)?{DATE}"
)
_BARE_RANGE = re.compile(rf"{DATE}\s*(?:–|-|—|till\s+och\s+med|till)\s*{DATE}")
_EXTENSION = re.compile(
    rf"f\w?rl\w{{1,3}}ng\w*\s+(?:\w+\s+){{0,4}}?med\s+(ett\s+halvar|{NUMBER}\s+(ar|m\w?nad\w*|halvar))"
)
_LAST_DATE = re.compile(
    rf"l\w{{1,2}}ngs?t?\s+(?:t\.?\s?o\.?\s?m\.?\s+|till\s+(?:och\s+med\s+)?)(?:den\s+)?{DATE}"
)
_NOTICE_DAY = re.compile(rf"senast\s+(?:den\s+)?(\d{{1,2}})\s+({_MONTH_RE})\b(?!\s*\d{{4}})")
_BY_AGREEMENT = re.compile(
    rf"[o6]verens\w*\s+(?:\w+\s+){{0,4}}?senast\s+{NUMBER}\s+m\w?nad\w*\s+f\w?re"
)
_FUNDS = re.compile(r"f\w?rut\w*\s+att\s+(?:\w+\s+){0,2}?medel")
_PARTY_NOTICE = re.compile(
    rf"upps\w*gningstid\w*\s+(?:\S+\s+){{0,3}}?{NUMBER}\s+m\w?nad"
    rf"|{NUMBER}\s+m\w?nad\w*\s+upps\w*gningstid"
)
# The steering group ending the whole partnership: "Styrgruppen kan säga upp partnerskapet med
# sex månaders varsel", "Om styrgruppen beslutar om uppsägning gäller en uppsägningstid om …".
_STEERING_NOTICE = re.compile(
    rf"styrgrupp\w*\s+(?:[^.\s]+\s+){{0,14}}?(?:saga\s+upp|upps\w*g\w*)\s+"
    rf"(?:[^.\s]+\s+){{0,14}}?{NUMBER}\s+m\w?nad"
)


def _passage(text, match, before=80, after=80):
    return text[max(0, match.start() - before) : match.end() + after].strip()


def _months(amount):
    """Months of "ett halvår", "ett år", "12 månader", "två år"."""
    count_word, unit = amount.split()[0], amount.split()[-1]
    count = number(count_word) or 1
    if unit.endswith("halvar"):
        return 6 * count
    return count * 12 if unit == "ar" else count


def read_period(period_text, whole_text):
    """{field: (value, passage)} for the period and its rules. The period section is read first;
    what it lacks is looked for in the whole document."""
    found = {}
    for source in (period_text, whole_text):
        original = squash(source)
        folded = fold(original)
        _dates(found, original, folded)
        _extension(found, original, folded)
        if "termination_notice_months" not in found:
            match = _STEERING_NOTICE.search(folded)
            if match and number(match.group(1)):
                found["termination_notice_months"] = (
                    number(match.group(1)),
                    _passage(original, match),
                )
        if "party_notice_months" not in found:
            steering = _STEERING_NOTICE.search(folded)
            for match in _PARTY_NOTICE.finditer(folded):
                if steering and steering.start() <= match.start() < steering.end():
                    continue
                months = number(match.group(1) or match.group(2))
                if months:
                    found["party_notice_months"] = (months, _passage(original, match))
                    break
        if "funds_condition" not in found:
            match = _FUNDS.search(folded)
            if match:
                found["funds_condition"] = (True, _passage(original, match))
    found.setdefault("funds_condition", (False, ""))
    return found


def _dates(found, original, folded):
    if "start_date" in found:
        return
    match = _RANGE.search(folded) or _BARE_RANGE.search(folded)
    if not match:
        return
    start, end = date_from(match.groups()[:6]), date_from(match.groups()[6:12])
    if start and end and start <= end:
        passage = _passage(original, match, 40, 20)
        found["start_date"] = (start, passage)
        found["end_date"] = (end, passage)


def _extension(found, original, folded):
    if "extension_kind" in found:
        return
    extension = _EXTENSION.search(folded)
    agreed = _BY_AGREEMENT.search(folded)
    notice = _NOTICE_DAY.search(folded)
    if not (extension or agreed):
        return
    if agreed:
        found["extension_kind"] = ("by_agreement", _passage(original, agreed))
        found["agreement_months_before_end"] = (number(agreed.group(1)), _passage(original, agreed))
    elif "automatisk" in folded or notice:
        found["extension_kind"] = ("automatic", _passage(original, extension))
        if notice:
            found["notice_day"] = (int(notice.group(1)), _passage(original, notice))
            found["notice_month"] = (MONTHS[notice.group(2)], _passage(original, notice))
    else:
        found["extension_kind"] = ("by_agreement", _passage(original, extension))
    if extension:
        found["extension_months"] = (_months(extension.group(1)), _passage(original, extension))
        last = _LAST_DATE.search(folded, extension.start())
        if last and (day := date_from(last.groups()[:6])):
            found["extension_last_date"] = (day, _passage(original, last))
