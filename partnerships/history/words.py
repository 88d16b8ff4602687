"""A long text's change shown word by word: the words taken out marked in the old value, the
words put in marked in the new one, and long unchanged stretches shortened to the words around
each change. (Cutting both values at a fixed length hid a change made near the end.)"""

import difflib
from html import escape  # Django's escape without its check for lazy strings: a page calls it often

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

CONTEXT = 8  # unchanged words kept on each side of a change
LONG_TEXT = 200  # characters: from here a changed text is shown word by word (about three
# lines of its column; a shorter one is read at a glance, and marking it cost a page of fifty
# short changes a fifth of its time)


def _unchanged(words, *, first, last):
    """An unchanged stretch: whole if short, else its CONTEXT words next to each change."""
    head = 0 if first else CONTEXT
    tail = 0 if last else CONTEXT
    if len(words) > head + tail + 1:
        words = [*words[:head], "…", *words[len(words) - tail :]]
    return escape(" ".join(words), quote=False)


def _opcodes(before, after):
    """difflib's opcodes, with the words both texts begin and end with matched first: an edit
    touches a few words of a long text, and the matcher then compares only those."""
    most = min(len(before), len(after))
    start = 0
    while start < most and before[start] == after[start]:
        start += 1
    end = 0
    while end < most - start and before[-1 - end] == after[-1 - end]:
        end += 1
    middle = difflib.SequenceMatcher(
        None, before[start : len(before) - end], after[start : len(after) - end], autojunk=False
    ).get_opcodes()
    opcodes = [("equal", 0, start, 0, start)] if start else []
    opcodes += [
        (tag, i1 + start, i2 + start, j1 + start, j2 + start)
        for tag, i1, i2, j1, j2 in middle
        if i2 > i1 or j2 > j1
    ]
    if end:
        opcodes.append(("equal", len(before) - end, len(before), len(after) - end, len(after)))
    return opcodes


def word_diff(old, new):
    """(old, new) as safe HTML with `<del>`/`<ins>` around the words taken out and put in, each
    announced in words to a screen reader; every word escaped. None when no word differs (a
    difference in spaces alone), so that the caller shows the values as they are."""
    before, after = old.split(), new.split()
    if before == after:
        return None
    opcodes = _opcodes(before, after)
    removed = f'<del><span class="visually-hidden">{escape(_("borttaget:"))} </span>'
    added = f'<ins><span class="visually-hidden">{escape(_("tillagt:"))} </span>'
    old_parts, new_parts = [], []
    last = len(opcodes) - 1
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            text = _unchanged(before[i1:i2], first=index == 0, last=index == last)
            old_parts.append(text)
            new_parts.append(text)
            continue
        if i2 > i1:
            old_parts.append(f"{removed}{escape(' '.join(before[i1:i2]), quote=False)}</del>")
        if j2 > j1:
            new_parts.append(f"{added}{escape(' '.join(after[j1:j2]), quote=False)}</ins>")
    return (
        mark_safe(f'<span class="word-diff">{" ".join(old_parts)}</span>'),
        mark_safe(f'<span class="word-diff">{" ".join(new_parts)}</span>'),
    )
