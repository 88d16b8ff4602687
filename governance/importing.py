"""Groups brought in from an agreement's document: the steering and cooperation groups the
handläggare accepted on the import's review, created through governance's own service with
the import's history reason. Called from the one step that creates the partnership
(iop/pages/imports.py), inside its transaction: a group refused refuses everything."""

from governance.models import Group
from governance.services.groups import group_create


def groups_create(*, partnership, rows, actor, reason):
    """Create each accepted group (dicts of `ImportGroupForm.group_fields`), established on the
    partnership's first day; a group that reports to the steering group points at the one
    created here. Returns the groups in the order given."""
    rows = [dict(row) for row in rows]
    # The steering group first, so that the others can report to it.
    order = sorted(range(len(rows)), key=lambda i: rows[i]["kind"] != Group.Kind.STEERING)
    created = {}
    for index in order:
        row = rows[index]
        to_steering = row.pop("reports_to_steering", False)
        steering = next((g for g in created.values() if g.kind == Group.Kind.STEERING), None)
        if to_steering and steering is not None and row["kind"] != Group.Kind.STEERING:
            row["reports_to"] = steering
        created[index] = group_create(
            partnership=partnership,
            actor=actor,
            reason=reason,
            established_on=partnership.start_date,
            **row,
        )
    return [created[i] for i in range(len(rows))]
