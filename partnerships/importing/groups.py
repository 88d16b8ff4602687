"""The steering and cooperation groups as Swedish agreements describe them: who sits in them
("två representanter från socialförvaltningen och en från varje idéburen organisation", "högst
tre representanter i respektive forum"), how often they meet ("minst varannan månad", "en gång
per kvartal", "de första sex månaderna … därefter"), how the chair is chosen and for how long
("ordförandeskapet roterar", "ordföranden utses genom lottning för ett år i taget"), how they
decide, to whom they report and when, and how a new party comes in.

Each finding is {"value": …, "passage": …}; the governance app creates the groups from what the
handläggare accepts (governance.importing)."""

import re

from partnerships.importing.text import NUMBER, fold, number, squash

KINDS = {"steering_group": "steering", "cooperation_group": "cooperation"}
NAMES = {"steering": "Styrgrupp", "cooperation": "Samverkansgrupp"}
# Who the public party is in a sentence about seats.
_CITY = r"(?:social\w*|stad\w*|kommun\w*|forvaltning\w*|namnd\w*|region\w*|offentlig\w*)"
_NGO = r"(?:ideburn\w*|forening\w*|organisation\w*|respektive\s+part|varje\s+part)"
_SEATS = rf"\b(hogst\s+|hogsta\s+|upp\s+till\s+)?{NUMBER}\s+(?:\w+\s+){{0,2}}?(?:representant|ledamot|ledamoter|person)\w*"
_CITY_SEATS = re.compile(
    rf"{_SEATS}\s+(?:\w+\s+){{0,3}}?(?:pa|fran|for|ur|inom)\s+(?:\w+\s+){{0,2}}?{_CITY}"
)
_CITY_FIRST = re.compile(rf"{_CITY}\s+(?:\w+\s+){{0,3}}?utser\s+{_SEATS}")
_NGO_SEATS = re.compile(
    rf"\b(varsin|var\s+sin|{NUMBER[1:-1]})\s+(?:\w+\s+){{0,2}}?(?:representant|ledamot)\w*\s+"
    rf"(?:\w+\s+){{0,3}}?(?:fran|for|ur|per)\s+(?:\w+\s+){{0,3}}?({_NGO}|[a-z]+\s+[a-z]+)"
)
_NGO_FIRST = re.compile(rf"{_NGO}\s+(?:\w+\s+){{0,3}}?utser\s+(varsin|var\s+sin|{NUMBER})\s+")
_EVERY = r"(?:varje|var|varannan|var\s+(\d{1,2}|\w+):?e|var\s+\w+\s+)"
_CADENCE = re.compile(
    r"(?:mot\w*|sammantrad\w*|ses|traff\w*|mota\w*)\s+(?:\w+\s+){0,6}?"
    r"(?:minst\s+|en\s+gang\s+)?(?:(varje|varannan|var\s+tredje|var\s+fjarde|var\s+sjatte)\s+"
    r"(m\w?nad|kvartal|halvar|ar)|(\w+)\s+gang\w*\s+(?:per|om|i)\s+(m\w?nad\w*|kvartal\w*|halvar\w*|ar\w*)"
    r"|(manadsvis|kvartalsvis|halvarsvis|arligen))"
)
_FIRST_MONTHS = re.compile(rf"(?:forsta|inledande)\s+{NUMBER}\s+manader\w*")
_THEN = re.compile(r"\b(?:darefter|sedan|efter\s+det)\b")
_CHAIR = re.compile(r"ordforande\w*")
_TERM = re.compile(
    rf"(?:for|under|pa|sitter|mandattid\w*\s+(?:ar|om))\s+(?:en\s+period\s+(?:av|om)\s+)?({NUMBER}\s+(manad\w*|ar)|ett\s+ar|"
    rf"ett\s+halvar|ett\s+kalenderar)\s*(?:i\s+taget|at\s+gangen|per\s+gang)?"
)
_TIE = re.compile(r"(?:lika\s+rost\w*|rostetal\w*\s+ar\s+lika)")
_QUORUM = re.compile(rf"beslutsfor\w*\s+(?:\w+\s+){{0,4}}?{NUMBER}\s+")
_REPORTS_TO = re.compile(
    r"(?:rapport\w*|lyft\w*\s+fragor|redovis\w*|informera\w*)\s+(?:\w+\s+){0,3}?till\s+"
    r"(styrgrupp\w*|namnd\w*|socialnamnd\w*|kommunstyrels\w*|forvaltning\w*)"
)
_REPORT_TIMES = re.compile(
    r"(?:vid\s+)?(\w+)\s+(?:tillfallen|ganger|gang)\s+(?:per|om|varje|i)\s+(?:\d+-\s*)?"
    r"(manadersperiod|ar\w*|halvar|kvartal)"
)
_NEW_PARTY = re.compile(
    r"(?:ny\s+(?:ideburen\s+)?(?:organisation|part|forening|aktor)\w*|nya\s+(?:ideburna\s+)?(?:organisationer|parter)|"
    r"tillkommande\s+part\w*|utokas\s+(?:\w+\s+){0,3}?med)"
)
_EVERY_MONTHS = {"varje": 1, "varannan": 2, "var tredje": 3, "var fjarde": 4, "var sjatte": 6}
_UNIT_MONTHS = {"manad": 1, "kvartal": 3, "halvar": 6, "ar": 12}
_ADVERB_MONTHS = {"manadsvis": 1, "kvartalsvis": 3, "halvarsvis": 6, "arligen": 12}


def _sentences(text):
    """The sentences and list items of a text, each as (original, folded)."""
    original = squash(text)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])|\s+[-•*»+–·]\s+", original)
    return [(part, fold(part)) for part in parts if part.strip()]


def _found(value, passage):
    return {"value": value, "passage": squash(passage)[:500]}


def _unit(word):
    word = re.sub(r"^m\w?nad", "manad", fold(word))
    for unit, months in _UNIT_MONTHS.items():
        if word.startswith(unit):
            return months
    return None


def _cadence_months(match):
    every, unit, count, per, adverb = match.groups()
    if every:
        return _EVERY_MONTHS.get(re.sub(r"\s+", " ", every), 1) * _unit(unit)
    if adverb:
        return _ADVERB_MONTHS[adverb]
    times, months = number(count), _unit(per)
    if times and months and months % times == 0:
        return months // times
    if times and months:
        return max(1, round(months / times))
    return None


def _term_months(match):
    text = fold(match.group(1))
    if "halvar" in text:
        return 6
    if "ar" == text.split()[-1] or "kalenderar" in text:
        return 12 * (number(text.split()[0]) or 1)
    return number(text.split()[0])


def read_groups(found_sections, whole_text):
    """[group] for each steering or cooperation group the agreement describes in a section of
    its own; sentences about both groups ("i respektive forum") count for each."""
    groups = []
    shared = [
        (o, f)
        for o, f in _sentences(whole_text)
        if ("styrgrupp" in f and "samverkansgrupp" in f) or "respektive forum" in f
    ]
    for section in found_sections:
        kind = KINDS.get(section.kind)
        if kind is None or any(g["kind"] == kind for g in groups):
            continue
        groups.append(_group(kind, section, shared))
    steering = next((g for g in groups if g["kind"] == "steering"), None)
    for group in groups:
        if group["kind"] == "steering":
            group["fields"].pop("reports_to", None)
        elif steering is None:
            group["fields"].pop("reports_to", None)
    return groups


def _group(kind, section, shared):
    own = _sentences(section.heading + ". " + section.text)
    fields = {}
    for original, folded in own + shared:
        _seats(fields, original, folded)
    notes = []
    for original, folded in own:
        _cadence(fields, original, folded)
        _chair(fields, original, folded)
        _decision(fields, original, folded)
        reports = _REPORTS_TO.search(folded)
        if reports and "reports_to" not in fields and "styrgrupp" in reports.group(1):
            fields["reports_to"] = _found("steering", original)
        times = _REPORT_TIMES.search(folded)
        if reports and times:
            notes.append(original)
        if _NEW_PARTY.search(folded) and "new_party" not in fields:
            fields["new_party"] = _found(original, original)
    if notes:
        fields["report_schedule"] = _found(" ".join(notes), " ".join(notes))
    return {"kind": kind, "name": NAMES[kind], "fields": fields, "passage": section.passage}


def _seats(fields, original, folded):
    if "city_seats_max" not in fields:
        match = _CITY_SEATS.search(folded)
        if match and number(match.group(2)):
            fields["city_seats_max"] = _found(number(match.group(2)), original)
        else:
            match = _CITY_FIRST.search(folded)
            if match and number(match.group(2)):
                fields["city_seats_max"] = _found(number(match.group(2)), original)
    if "ngo_seats_per_party" not in fields:
        for match in [*_NGO_FIRST.finditer(folded), *_NGO_SEATS.finditer(folded)]:
            word = match.group(1)
            seats = 1 if word.startswith("var") else number(word)
            whose = re.split(r"\b(?:fran|for|ur|per)\b", match.group(0))[-1]
            if seats and (match.re is _NGO_FIRST or not re.search(_CITY, whose)):
                fields["ngo_seats_per_party"] = _found(seats, original)
                break


def _cadence(fields, original, folded):
    match = _CADENCE.search(folded)
    if match is None:
        return
    months = _cadence_months(match)
    if not months:
        return
    first = _FIRST_MONTHS.search(folded)
    then = _THEN.search(folded, match.end())
    if "cadence_initial_months" not in fields:
        fields["cadence_initial_months"] = _found(months, original)
        if first and number(first.group(1)):
            fields["cadence_initial_period_months"] = _found(number(first.group(1)), original)
        if then:
            later = _CADENCE.search("mote " + folded[then.end() :])
            if later and _cadence_months(later):
                fields["cadence_later_months"] = _found(_cadence_months(later), original)
    elif "cadence_later_months" not in fields and ("darefter" in folded or "sedan" in folded):
        fields["cadence_later_months"] = _found(months, original)


def _chair(fields, original, folded):
    if not _CHAIR.search(folded) or "chair_selection" in fields:
        return
    if "lott" in folded:
        selection = "lottery"
    elif "roter" in folded or "vaxla" in folded or "turas" in folded:
        selection = "rotation"
    elif re.search(r"\b(utses|utser|vals|valjs|valjer)\b", folded):
        selection = "appointed"
    else:
        return
    fields["chair_selection"] = _found(selection, original)
    term = _TERM.search(folded)
    if term and _term_months(term):
        fields["chair_term_months"] = _found(_term_months(term), original)


def _decision(fields, original, folded):
    if "majoritet" in folded and "decision_rule" not in fields:
        fields["decision_rule"] = _found("majority", original)
    if _TIE.search(folded) and "tie_rule" not in fields:
        if "ordforande" in folded:
            fields["tie_rule"] = _found("chair_casting_vote", original)
        elif "lott" in folded:
            fields["tie_rule"] = _found("lot", original)
        else:
            fields["tie_rule"] = _found("no_decision", original)
    quorum = _QUORUM.search(folded)
    if quorum and number(quorum.group(1)) and "quorum" not in fields:
        fields["quorum"] = _found(number(quorum.group(1)), original)
