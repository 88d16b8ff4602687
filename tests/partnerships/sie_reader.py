"""A reader of SIE 4 files written from the format's description (SIE-gruppen, "SIE filformat
4B"), independent of partnerships/sie.py: the tests read the export back with it and compare
what they find with the payments in the database.

A line is a label (#VER, #TRANS, ...) and fields separated by blanks; a field is a word, a
quoted string (\\" and \\\\ escaped inside it) or an object list in braces. A #VER's
transactions follow it between a line "{" and a line "}". The file is code page 437."""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Verification:
    series: str
    number: str
    day: str
    text: str
    transactions: list = field(default_factory=list)  # (account, {dim: object}, Decimal)


@dataclass
class SieFile:
    labels: dict = field(default_factory=dict)  # label -> list of field lists
    verifications: list = field(default_factory=list)

    def first(self, label):
        return self.labels[label][0]


def _fields(line):
    fields, i = [], 0
    while i < len(line):
        ch = line[i]
        if ch in " \t":
            i += 1
        elif ch == '"':
            value, i = [], i + 1
            while line[i] != '"':
                if line[i] == "\\":
                    i += 1
                value.append(line[i])
                i += 1
            fields.append("".join(value))
            i += 1
        elif ch == "{":
            end = line.index("}", i)
            inner = _fields(line[i + 1 : end])
            if len(inner) % 2:
                raise ValueError(f"object list with an odd number of fields: {line!r}")
            fields.append(dict(zip(inner[::2], inner[1::2], strict=True)))
            i = end + 1
        else:
            end = i
            while end < len(line) and line[end] not in " \t":
                end += 1
            fields.append(line[i:end])
            i = end
    return fields


def read(data: bytes) -> SieFile:
    found = SieFile()
    current, inside = None, False
    for raw in data.decode("cp437").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line == "{":
            if current is None or inside:
                raise ValueError("a block that no #VER opens")
            inside = True
            continue
        if line == "}":
            if not inside:
                raise ValueError("a block closed that was not open")
            inside, current = False, None
            continue
        label, *fields = _fields(line)
        if inside:
            if label != "#TRANS":
                raise ValueError(f"{label} inside a verification")
            account, objects, amount = fields[:3]
            current.transactions.append((account, objects, Decimal(amount)))
            continue
        found.labels.setdefault(label, []).append(fields)
        if label == "#VER":
            series, number, day, text = fields[:4]
            current = Verification(series, number, day, text)
            found.verifications.append(current)
    if inside:
        raise ValueError("the file ends inside a verification")
    return found
