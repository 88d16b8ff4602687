"""Correcting OCR's misreadings of the Swedish letters before an agreement is read: OCR takes
å, ä and ö for look-alikes ("Ridda Barnen" for Rädda Barnen, "Barnrittsbyrdn" for
Barnrättsbyrån, "f6ljd" for följd, "&r" for år).

Two passes, both general, neither a list of known misreadings (and an organisationsnummer read
with a space among its digits is joined if it passes the Luhn check):
  - names: a run of words that reads as a known organisation's name once each look-alike is
    allowed for the letter it may stand for (`_name_distance`) becomes that name;
  - words: a word that is not Swedish (the word list, compounds of its words included) becomes
    the one Swedish word that the fewest look-alike substitutions give.
The word list is Debian's wswedish (/usr/share/dict/swedish, settings.IOP_WORD_LIST), the
agreement words below, the organisations' names and the document's own words written with
å, ä or ö. Every correction is returned (what was read, what it became, where) so that the
review shows it; `mark` notes it on each proposal whose passage holds it."""

import functools
import itertools
import re
from pathlib import Path

from django.conf import settings

from partnerships.importing.text import squash
from partnerships.validators import luhn_valid

# What OCR writes → the letters it may stand for.
LOOKALIKES = {
    "a": "åä",
    "d": "åäö",
    "i": "ä",
    "é": "äöåe",
    "4": "äå",
    "&": "å",
    "6": "ö",
    "0": "ö",
    "o": "ö",
    "A": "ÅÄ",
    "O": "Ö",
}
# Read for a capital I at the start of a word only ("ldéburen", "|déburet").
FIRST_LOOKALIKES = {"l": "I", "|": "I"}
# Words of agreements and of Swedish that a general word list may lack (its compounds and
# definite forms), in the order a tie between two candidates is settled: earlier wins.
AGREEMENT_WORDS = """är på för år än så då där när går nå även över både mål målet målen målgrupp
målgruppen målgruppens får gå nå två åt ändå också överenskommelse överenskommelsen
partnerskap partnerskapet partnerskapets styrgrupp styrgruppen styrgruppens samverkansgrupp
samverkansgruppen förvaltning förvaltningen socialförvaltningen socialnämnd socialnämnden
socialnämndens värdegrund värdegrunden idéburen idéburet idéburna aktörer uppsägning
uppsägningen uppsägningstid förlängning förlängningen ersättning ersättningen uppföljning
uppföljningen sammanställning årlig årliga ändringar tillägg havning hävning sekretess
tystnadsplikt informationsskyldighet jämställdhetsperspektiv ordförande ordförandeskap
lottning närvarande möte möten månad månader månaders förskott kvartalsvis organisationer
ungdomar människor människors rättigheter delaktighet stöd hjälp""".split()
_TOKEN = re.compile(r"(?:[&|](?=\w))?\w+(?:[&|]\w+)*")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_SWEDISH = re.compile(r"[åäöÅÄÖ]")
_MAX_CANDIDATES = 400


@functools.lru_cache(maxsize=4)
def _word_list(path):
    try:
        raw = Path(path).read_bytes()
    except OSError:
        return frozenset()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # Debian's wswedish is ISO-8859-1
    return frozenset(word.strip().lower() for word in text.splitlines() if word.strip())


class Lexicon:
    """The Swedish words a corrected word must be one of."""

    def __init__(self, extra=()):
        self.words = _word_list(settings.IOP_WORD_LIST) | {w.lower() for w in extra}
        self.rank = {word: n for n, word in enumerate(AGREEMENT_WORDS)}
        self._known = {}

    def knows(self, word):
        return self.cost(word) is not None

    def cost(self, word):
        """0 for a word of the list, 1.1 for a compound of two ("social" + "nämnden", with a
        linking s: "jämställdhets" + "perspektiv"), None for neither: a whole word read with
        two look-alikes beats a compound read with one."""
        word = word.lower()
        if word not in self._known:
            if word in self.words:
                self._known[word] = 0
            else:
                self._known[word] = 1.1 if self._compound(word) else None
        return self._known[word]

    def reads_as_swedish(self, word):
        """Whether a word as read may well be right: a word of the list or a compound of two,
        read more loosely than a correction is ("skol" + "dagen" from skola, "avtals" +
        "tid"): a correct word is left alone rather than corrected into another."""
        word = word.lower()
        if self.knows(word):
            return True
        for cut in range(4, len(word) - 2):
            left, right = word[:cut], word[cut:]
            stems = (left, left[:-1] if left.endswith("s") else "", left + "a", left + "e")
            if any(stem in self.words for stem in stems) and right in self.words:
                return True
        return False

    def _compound(self, word):
        for cut in range(4, len(word) - 3):
            left, right = word[:cut], word[cut:]
            head = left in self.words or (left.endswith("s") and left[:-1] in self.words)
            if head and right in self.words:
                return True
        return False


def _candidates(token):
    """The words `token` may be, fewest substitutions first: [(count, word)]."""

    def lookalikes(n):
        first = FIRST_LOOKALIKES.get(token[n], "") if n == 0 else ""
        return first + LOOKALIKES.get(token[n], "")

    places = [n for n in range(len(token)) if lookalikes(n)]
    most = 1 if len(token) <= 3 else 2 if len(token) <= 6 else 3
    found = []
    for count in range(1, min(most, len(places)) + 1):
        for chosen in itertools.combinations(places, count):
            options = [lookalikes(n) for n in chosen]
            for letters in itertools.product(*options):
                chars = list(token)
                for n, letter in zip(chosen, letters, strict=True):
                    chars[n] = letter
                found.append((count, "".join(chars)))
                if len(found) >= _MAX_CANDIDATES:
                    return found
    return found


def _correct_word(token, lexicon, seen):
    """The Swedish word an unknown `token` is, or None (known, or no single best)."""
    if len(token) < 2 or not _HAS_LETTER.search(token) or token.isupper():
        return None  # a letter, a number, an abbreviation ("SOF")
    if lexicon.reads_as_swedish(token):
        return None
    costs = {}
    for count, word in _candidates(token):
        known = lexicon.cost(word)
        # A short word is too easily another: only the agreements' own short words count.
        if known is not None and (len(token) > 3 or word.lower() in lexicon.rank):
            costs[word] = min(costs.get(word, 99), count + known)
    if not costs:
        return None
    least = min(costs.values())
    words = sorted(
        (word for word, cost in costs.items() if cost == least),
        key=lambda w: (-seen.get(w.lower(), 0), lexicon.rank.get(w.lower(), 10**6)),
    )
    first = words[0].lower()
    if len(words) > 1:
        second = words[1].lower()
        tie = (seen.get(first, 0), lexicon.rank.get(first)) == (
            seen.get(second, 0),
            lexicon.rank.get(second),
        )
        if tie:
            return None  # "dr" as "är" or "år": nothing tells which
    return words[0]


def _name_distance(read, name):
    """How far `read` is from `name` when OCR's look-alikes cost 0.3 and other letters 1;
    None if they differ in length."""
    if len(read) != len(name):
        return None
    cost = 0.0
    for got, meant in zip(read, name, strict=True):
        if got.lower() == meant.lower():
            continue
        may_be = LOOKALIKES.get(got, "") + FIRST_LOOKALIKES.get(got, "")
        if meant in may_be or meant.lower() in may_be:
            cost += 0.3
        else:
            cost += 1
    return cost


def _accept(cost, name):
    """One letter misread that is no look-alike is allowed in a long name only."""
    return cost is not None and 0 < cost <= max(0.9, 0.07 * len(name))


# An organisationsnummer that OCR read with a space among its first six digits ("80200 2-8711").
_SPLIT_NUMBER = re.compile(r"(?<![\d-])(\d[\d ]{5,7}\d)\s?-\s?(\d{4})(?!\d)")


def _split_numbers(text):
    """Organisationsnummer read with a space inside, joined when they pass the Luhn check."""
    found = []
    for match in _SPLIT_NUMBER.finditer(text):
        head = match.group(1).replace(" ", "")
        if " " in match.group(1) and len(head) == 6 and luhn_valid(head + match.group(2)):
            found.append((match.start(), match.end(), match.group(0), f"{head}-{match.group(2)}"))
    return found


def correct(text, organisations=()):
    """(the text corrected, [{read, corrected, passage}]) for a text that may come from OCR."""
    names = sorted({o["name"] for o in organisations if o.get("name")}, key=len, reverse=True)
    tokens = list(_TOKEN.finditer(text))
    replacements = []  # (start, end, read, corrected)
    taken = set()
    for name in names:
        words = _TOKEN.findall(name)
        size = len(words)
        for index in range(len(tokens) - size + 1):
            if len(tokens[index].group(0)) != len(words[0]):
                continue  # not the same length: cannot be the name misread
            run = tokens[index : index + size]
            if any(n in taken for n in range(index, index + size)):
                continue
            gaps = [text[a.end() : b.start()] for a, b in itertools.pairwise(run)]
            if any(gap.strip() for gap in gaps):
                continue
            read = " ".join(t.group(0) for t in run)
            if _accept(_name_distance(read, " ".join(words)), name):
                replacements.append((run[0].start(), run[-1].end(), read, name))
                taken.update(range(index, index + size))
    replacements += _split_numbers(text)
    own = [t.group(0) for t in tokens if _SWEDISH.search(t.group(0))]
    seen = {}
    for word in own:
        seen[word.lower()] = seen.get(word.lower(), 0) + 1
    lexicon = Lexicon(
        [*AGREEMENT_WORDS, *own, *(w for name in names for w in _TOKEN.findall(name))]
    )
    for index, token in enumerate(tokens):
        if index in taken:
            continue
        word = _correct_word(token.group(0), lexicon, seen)
        if word:
            replacements.append((token.start(), token.end(), token.group(0), word))
    replacements.sort()
    out, corrections, position = [], [], 0
    for start, end, _read, corrected in replacements:
        out += [text[position:start], corrected]
        position = end
    out.append(text[position:])
    corrected_text = "".join(out)
    # Where each correction stands in the corrected text: the words around it, for the review.
    shift = 0
    for start, end, read, corrected in replacements:
        at = start + shift
        shift += len(corrected) - (end - start)
        before = corrected_text[max(0, at - 40) : at].split("\n")[-1]
        after = corrected_text[at + len(corrected) : at + len(corrected) + 40].split("\n")[0]
        corrections.append(
            {
                "read": read,
                "corrected": corrected,
                "passage": squash(f"{before}{corrected}{after}"),
                "near": squash(f"{before[-12:]}{corrected}{after[:12]}"),
            }
        )
    return corrected_text, corrections


def mark(proposals, corrections):
    """Note on every proposal (a dict with a passage, wherever it stands in `proposals`) the
    corrections made in its passage: ["Ridda Barnen → Rädda Barnen"]."""

    def visit(item):
        if isinstance(item, dict):
            passage = item.get("passage")
            if isinstance(passage, str) and passage:
                flat = squash(passage)
                found = []
                for correction in corrections:
                    note = f"{correction['read']} → {correction['corrected']}"
                    if correction["near"] in flat and note not in found:
                        found.append(note)
                if found:
                    item["corrected"] = found
            for value in item.values():
                visit(value)
        elif isinstance(item, list):
            for value in item:
                visit(value)

    visit(proposals)
    return proposals
