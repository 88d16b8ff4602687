"""Work that a loop of writes would repeat, done once at the end of the loop.

A save of a row the deadlines are computed from refreshes its partnership's stored deadlines
(iop.deadlines). A service that saves many rows of one partnership (the payments of a bilaga,
a demo agreement) would refresh them once per row; inside `batched()` the refresh is deferred
and done once per partnership when the block ends, still inside the block's transaction, so
the table is never seen out of step after the block:

    with batched():
        for ...:
            save_with_history(Payment(...), ...)

`defer(work, key, items)` is what the signal receiver calls: inside a block it collects
`items` for `(work, key)` and returns True; outside one it returns False and the caller does
the work at once. At the end of the outermost block, `work(sorted(items), key)` runs once per
`(work, key)`. A nested block joins the outer one. An exception leaves the block without the
work, and its transaction rolls back what the block wrote.

Lives below partnerships, governance and reporting, so any of them may batch its loops.
"""

import contextvars
from collections import defaultdict
from contextlib import contextmanager

from django.db import transaction

_pending = contextvars.ContextVar("iop_batched", default=None)


@contextmanager
def batched():
    if _pending.get() is not None:  # the outer block does the work
        yield
        return
    pending = defaultdict(set)
    token = _pending.set(pending)
    try:
        with transaction.atomic():
            yield
            _pending.reset(token)
            token = None
            for (work, key), items in pending.items():
                work(sorted(items), key)
    finally:
        if token is not None:
            _pending.reset(token)


def defer(work, key, items):
    """Collect `items` for `work(items, key)` at the end of the current block; False (nothing
    collected) outside a block."""
    pending = _pending.get()
    if pending is None:
        return False
    pending[(work, key)].update(items)
    return True
