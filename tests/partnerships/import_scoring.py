"""How much of what the hand-entered demo holds for an agreement its import proposed
correctly: the figure issue 18 asks for, per seed and per file format.

A value counts as correct when it is equal (dates, numbers, choices, diarienummer,
organisationsnummer) or, for text, reads at least 90 % alike (difflib ratio on the text with
its whitespace made single spaces): OCR'd text keeps some misread letters that a reader would
correct; the demo holds the corrected text."""

import difflib

from partnerships.demo import data as demo
from partnerships.importing.propose import HOLDS_FROM_DATA, TEXT_FIELDS
from partnerships.importing.text import fold, squash
from partnerships.period_rules import RULE_FIELDS

PERIOD_FIELDS = ("start_date", "end_date", *RULE_FIELDS, "party_notice_months")
# The demo's group fields (demo.GROUPS) and the group field each is. Values data.py marks
# ILLUSTRATIVE (not in the documents) are not counted: the later cadence, how long the first
# one lasts, the chair's term, and the cooperation groups' cadence ("med lämpligt intervall").
GROUP_FIELDS = {
    "city_seats_max": "city_seats_max",
    "seats_per_ngo": "ngo_seats_per_party",
    "cadence_initial_months": "cadence_initial_months",
    "chair_selection": "chair_selection",
    "decision_rule": "decision_rule",
}
ILLUSTRATIVE_GROUP_FIELDS = {("cooperation", "cadence_initial_months")}
# The signatory fields data.py marks ILLUSTRATIVE: (partnership, party, field).
ILLUSTRATIVE_SIGNATORY_FIELDS = {("bostad-forst", "sof", "place")}


def alike(a, b, at_least=0.9):
    a, b = squash(str(a or "")), squash(str(b or ""))
    if not a or not b:
        return a == b
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= at_least


def _same_heading(a, b):
    return alike(fold(a), fold(b), 0.85)


def known_organisations():
    return [
        {"id": n, "name": o["name"], "org_number": o["org_number"], "kind": o["kind"]}
        for n, o in enumerate(demo.ORGANISATIONS, start=1)
    ]


def demo_partnership(key):
    return next(p for p in demo.PARTNERSHIPS if p["key"] == key)


def score(proposals, key):
    """(correct, total, missed): the demo's fields for partnership `key` and which of them the
    proposals got right. `missed` names the ones they did not."""
    item = demo_partnership(key)
    fields = {name: p["value"] for name, p in proposals["fields"].items()}
    checks = []

    def check(name, ok):
        checks.append((name, bool(ok)))

    check("title", alike(fields.get("title"), item["title"]))
    check("registration_number", fields.get("registration_number") == item["registration_number"])
    for name in PERIOD_FIELDS:
        expected = item.get(name)
        if hasattr(expected, "isoformat"):
            expected = expected.isoformat()
        check(name, fields.get(name) == expected)
    for name in TEXT_FIELDS:
        check(name, alike(fields.get(name), item.get(name)))
    goals = [g["value"] for g in proposals["goals"]]
    for n, goal in enumerate(item["goals"], start=1):
        check(f"goal {n}", any(alike(goal, g) for g in goals))
    clauses = proposals["clauses"]
    texts = dict(item.get("clauses", []))
    for number, heading, holds in item["outline"]:
        found = [
            c for c in clauses if c["number"] == number and _same_heading(c["heading"], heading)
        ]
        check(f"section {number} {heading}", found)
        if holds in HOLDS_FROM_DATA:
            check(f"section {heading} holds {holds}", found and found[0]["holds"] == holds)
        if holds == "period":
            note = item.get("period_note", "")
            check(f"section {heading} text", found and alike(found[0]["body"], note))
        elif heading in texts:
            check(f"section {heading} text", found and alike(found[0]["body"], texts[heading]))
    organisations = {o["key"]: o for o in demo.ORGANISATIONS}
    parties = proposals["parties"]
    for party in item["parties"]:
        org = organisations[party["org"]]
        found = [p for p in parties if p["org_number"] == org["org_number"]]
        check(f"party {org['name']}", found)
        if party["unit"]:
            check(f"unit of {org['name']}", found and alike(found[0]["unit"], party["unit"]))
    annexes = proposals["annexes"]
    for annex in item["annexes"]:
        found = [a for a in annexes if a["number"] == annex["number"]]
        check(f"bilaga {annex['number']} title", found and alike(found[0]["title"], annex["title"]))
        if annex["registration_number"]:
            check(
                f"bilaga {annex['number']} dnr",
                found and found[0]["registration_number"] == annex["registration_number"],
            )
    for group in (g for g in demo.GROUPS if g["partnership"] == key):
        found = [g for g in proposals.get("groups", []) if g["kind"] == group["kind"]]
        check(f"group {group['kind']}", found)
        for demo_name, name in GROUP_FIELDS.items():
            if group[demo_name] is None or (group["kind"], demo_name) in ILLUSTRATIVE_GROUP_FIELDS:
                continue
            value = found[0]["fields"].get(name, {}).get("value") if found else None
            check(f"group {group['kind']} {name}", value == group[demo_name])
    # The demo's payment plans (quarterly in advance) and reporting periods are demo data, not
    # what the seeds say (they state neither), so they are not counted.
    for signatory in item.get("signatories", []):
        org = organisations[signatory["party"]]
        indexes = [n for n, p in enumerate(parties) if p["org_number"] == org["org_number"]]
        blocks = [b for b in proposals.get("signatures", []) if b["party"] in indexes]
        for name, field in (("name", "name"), ("title", "title"), ("place", "place")):
            if not signatory.get(name) or (key, signatory["party"], name) in (
                ILLUSTRATIVE_SIGNATORY_FIELDS
            ):
                continue
            check(
                f"signatory {signatory['party']} {name}",
                blocks and alike(fold(blocks[0][field]), fold(signatory[name])),
            )
    correct = sum(ok for _name, ok in checks)
    return correct, len(checks), [name for name, ok in checks if not ok]
