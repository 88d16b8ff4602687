"""A long text's change shown word by word: the words taken out marked in the old value, the
words put in marked in the new one, and long unchanged stretches shortened to the words around
each change. (Cutting both values at a fixed length hid a change made near the end.)"""

import difflib

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

CONTEXT = 8  # unchanged words kept on each side of a change
LONG_TEXT = 80  # characters: from here a changed text is shown word by word


def _unchanged(words, *, first, last):
    """An unchanged stretch: whole if short, else its CONTEXT words next to each change."""
    head = 0 if first else CONTEXT
    tail = 0 if last else CONTEXT
    if len(words) <= head + tail + 1:
        return escape(" ".join(words))
    kept = [*words[:head], "…", *words[len(words) - tail :]]
    return escape(" ".join(kept))


def word_diff(old, new):
    """(old, new) as safe HTML with `<del>`/`<ins>` around the words taken out and put in, each
    announced in words to a screen reader; every word escaped. None when no word differs (a
    difference in spaces alone), so that the caller shows the values as they are."""
    before, after = old.split(), new.split()
    opcodes = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    if all(tag == "equal" for tag, *_rest in opcodes):
        return None
    removed = f'<span class="visually-hidden">{escape(_("borttaget:"))} </span>'
    added = f'<span class="visually-hidden">{escape(_("tillagt:"))} </span>'
    old_parts, new_parts = [], []
    last = len(opcodes) - 1
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            text = _unchanged(before[i1:i2], first=index == 0, last=index == last)
            old_parts.append(text)
            new_parts.append(text)
            continue
        if i2 > i1:
            old_parts.append(f"<del>{removed}{escape(' '.join(before[i1:i2]))}</del>")
        if j2 > j1:
            new_parts.append(f"<ins>{added}{escape(' '.join(after[j1:j2]))}</ins>")
    return (
        mark_safe(f'<span class="word-diff">{" ".join(old_parts)}</span>'),
        mark_safe(f'<span class="word-diff">{" ".join(new_parts)}</span>'),
    )
