"""Every deadline the product knows, read from each app's source in this order: the agreement's
lifecycle (partnerships), the groups (governance), the reports (reporting). Kommande, the
calendar feed, the reminder e-mails and the portal home all read `deadlines_between`."""

from governance import deadlines as governance_deadlines
from partnerships import deadlines_lifecycle
from partnerships.deadlines import DeadlineScope
from reporting import deadlines as reporting_deadlines

# (source, {kind: label}) — the labels show in the Kommande list and its filter.
SOURCES = (
    # notice and extension last days, notice periods, agreement ends, payments
    (deadlines_lifecycle.lifecycle_deadlines, deadlines_lifecycle.KINDS),
    # meetings due by cadence, chair terms ending, remediation plans due
    (governance_deadlines.governance_deadlines, governance_deadlines.KINDS),
    # activity reports, financial statements, half-year reports, annual compilations
    (reporting_deadlines.deadlines, reporting_deadlines.KINDS),
)

KIND_LABELS = {kind: label for _source, kinds in SOURCES for kind, label in kinds.items()}


def kind_label(kind):
    return str(KIND_LABELS.get(kind, kind.replace("_", " ")))


def deadlines_between(start, end, *, partnerships=None, user=None, kinds=None):
    """All deadlines due from `start` to `end` inclusive, for the partnerships the user may see.

    `partnerships` is a queryset (narrowed to what `user` may see), or a `DeadlineScope` already
    made for `user` (see `DeadlineScope.for_user`), which the caller may go on using.
    """
    if isinstance(partnerships, DeadlineScope):
        scope = partnerships
        if getattr(scope.user, "pk", None) != getattr(user, "pk", None):
            raise ValueError("The scope was made for another user.")
    else:
        scope = DeadlineScope.for_user(user, partnerships)
    found = []
    for source, _kinds in SOURCES:
        for deadline in source(start, end, scope):
            if start <= deadline.due <= end and (kinds is None or deadline.kind in kinds):
                found.append(deadline)
    if not scope.all_parties:
        found = [d for d in found if d.concerns(scope.organisation_id)]
    return sorted(found, key=lambda d: (d.due, d.partnership_title, d.title))
