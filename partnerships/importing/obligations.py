"""What an agreement says about money paid out and reports handed in: the payment schedule
("utbetalas kvartalsvis i förskott", "betalas ut en gång per år", "månadsvis", "den 15 januari
och den 15 juli") as the payment plan holds it, and the NGOs' reporting ("lämnar en
verksamhetsrapport varje halvår, senast 30 dagar efter periodens slut") as reporting's periods
hold it. Each finding is {"value": …, "passage": …}."""

import re

from partnerships.importing.text import _MONTH_RE, MONTHS, NUMBER, fold, number, squash

_PAYMENT = re.compile(r"(?:utbetal\w*|betalas\s+ut|ersattning\w*\s+(?:\w+\s+){0,4}?betalas)")
_SCHEDULES = (
    (re.compile(r"kvartal\w*|var\s+tredje\s+manad|fyra\s+gang\w*\s+per\s+ar"), "quarterly"),
    (re.compile(r"manadsvis|varje\s+manad|en\s+gang\s+(?:per|i)\s+manad\w*"), "monthly"),
    (re.compile(r"halvarsvis|varje\s+halvar|tva\s+gang\w*\s+per\s+ar"), "half_yearly"),
    (
        re.compile(r"arligen|en\s+gang\s+(?:per|om)\s+(?:avtals)?ar\w*|helarsvis|varje\s+ar\b"),
        "yearly",
    ),
)
_DAY = re.compile(rf"(?:den\s+)?(\d{{1,2}})\s+({_MONTH_RE})\b")
_DAY_OF_MONTH = re.compile(r"(?:den|senast\s+den)\s+(\d{1,2})(?::e|:a)?\s+(?:varje|i\s+varje)")
_REPORT = re.compile(r"(?:verksamhetsrapport\w*|rapport\w*|redovis\w*|uppfoljning\w*)")
_REPORTERS = re.compile(r"(?:ideburn\w*|forening\w*|organisation\w*|\bpart\w*|utforar\w*)")
_NOT_REPORTERS = re.compile(
    r"samverkansgrupp\w*|styrgrupp\w*\s+(?:ska|lamnar)|forvaltning\w*\s+ska"
)
_REPORT_RULES = (
    (re.compile(r"halvar\w*|tva\s+gang\w*\s+(?:per|om)\s+ar"), "half_year"),
    (re.compile(r"arlig\w*|en\s+gang\s+(?:per|om)\s+ar\w*|varje\s+ar\b|helar\w*"), "year"),
)
_DUE = re.compile(rf"senast\s+{NUMBER}\s+(dag\w*|veck\w*|manad\w*)\s+efter")


def _sentences(text):
    original = squash(text)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])|\s+[-•*»+–·]\s+", original)
    return [(part, fold(part)) for part in parts if part.strip()]


def read_payment(text, start=None):
    """{"rule": …, "dates": …} as `PaymentPlan` holds them, with the passage, or {}.
    Monthly and half-yearly payments are paid on given dates: the day the sentence names, else
    the day and month the agreement starts on (`start`, a date or None)."""
    for original, folded in _sentences(text):
        if not _PAYMENT.search(folded):
            continue
        kind = next((kind for pattern, kind in _SCHEDULES if pattern.search(folded)), None)
        days = [(MONTHS[m], int(d)) for d, m in _DAY.findall(folded) if 1 <= int(d) <= 31]
        if kind is None and days:
            dates = ", ".join(f"{m:02}-{d:02}" for m, d in sorted(set(days)))
            return _found({"rule": "dates", "dates": dates}, original)
        if kind == "quarterly":
            return _found({"rule": "quarterly_in_advance", "dates": ""}, original)
        if kind == "yearly":
            return _found({"rule": "yearly", "dates": ""}, original)
        if kind in ("monthly", "half_yearly"):
            day_match = _DAY_OF_MONTH.search(folded)
            day = int(day_match.group(1)) if day_match else (start.day if start else 1)
            day = min(day, 28)
            first = start.month if start else 1
            step = 1 if kind == "monthly" else 6
            months = sorted({(first - 1 + n) % 12 + 1 for n in range(0, 12, step)})
            dates = ", ".join(f"{m:02}-{day:02}" for m in months)
            return _found({"rule": "dates", "dates": dates}, original)
    return {}


def read_reporting(text):
    """{"rule": "half_year"|"year", "due_days": n} for the reports the NGOs hand in, with the
    passage, or {}. Reports a group or the administration writes are not the NGOs'."""
    for original, folded in _sentences(text):
        report = next(
            (
                m
                for m in _REPORT.finditer(folded)
                if _REPORTERS.search(folded[: m.start()])
                and not _NOT_REPORTERS.search(folded[: m.start()])
            ),
            None,
        )
        if report is None:
            continue
        rule = next((rule for pattern, rule in _REPORT_RULES if pattern.search(folded)), None)
        if rule is None:
            continue
        due_days = 30
        due = _DUE.search(folded)
        if due and number(due.group(1)):
            count, unit = number(due.group(1)), due.group(2)
            due_days = count * (
                7 if unit.startswith("veck") else 30 if unit.startswith("man") else 1
            )
        return _found({"rule": rule, "due_days": due_days}, original)
    return {}


def _found(value, passage):
    return {"value": value, "passage": squash(passage)[:500]}
