"""A partnership as it stood at a moment, rebuilt from the historical tables.

`partnership_as_of(partnership, when)` reads each tracked model's history once (simple-history's
`as_of`: the latest version of each row on or before `when`, deleted rows dropped) and assembles
parties, bilagor, commitments, compensation, goals and clauses in Python: a fixed number of
queries whatever the size of the agreement.

The status and the end are those the dates gave on that day (`Partnership.status_on`,
`end_as_of`), as every other page shows them: a partnership whose end had passed was ended
then, whether or not the daily command had yet written it.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from partnerships.models import (
    Annex,
    Clause,
    Commitment,
    Compensation,
    Goal,
    Organisation,
    Participation,
    Partnership,
)


@dataclass
class AnnexSnapshot:
    annex: object
    organisation: object
    commitments: list = field(default_factory=list)
    compensations: list = field(default_factory=list)


@dataclass
class PartySnapshot:
    participation: object
    organisation: object


@dataclass
class Snapshot:
    when: object
    partnership: object  # the Partnership as it stood, or None if it did not exist yet
    status: object = None  # Partnership.Status the dates gave on that day
    end: object = None  # the end date as it stood on that day
    parties: list = field(default_factory=list)
    annexes: list = field(default_factory=list)
    goals: list = field(default_factory=list)
    clauses: list = field(default_factory=list)


def partnership_as_of(partnership, when):
    try:
        then = partnership.history.as_of(when)
    except Partnership.DoesNotExist:
        return Snapshot(when=when, partnership=None)
    participations = list(Participation.history.as_of(when).filter(partnership_id=partnership.pk))
    annexes = list(Annex.history.as_of(when).filter(partnership_id=partnership.pk))
    annex_ids = [a.pk for a in annexes]
    commitments = list(Commitment.history.as_of(when).filter(annex_id__in=annex_ids))
    compensations = list(Compensation.history.as_of(when).filter(annex_id__in=annex_ids))
    organisation_ids = {p.organisation_id for p in participations}
    organisations = {
        o.pk: o for o in Organisation.history.as_of(when).filter(id__in=organisation_ids)
    }
    # An organisation whose first history row is younger than the date (imported, or registered
    # after it joined on paper) still was that party then: show it as it is now rather than as a
    # party with no name. One more query, and only when some are missing.
    missing = organisation_ids - organisations.keys()
    if missing:
        organisations.update(Organisation.objects.in_bulk(missing))
    goals = sorted(
        Goal.history.as_of(when).filter(partnership_id=partnership.pk),
        key=lambda g: (g.order, g.pk),
    )
    clauses = sorted(
        Clause.history.as_of(when).filter(partnership_id=partnership.pk),
        key=lambda c: (c.order, c.pk),
    )
    commitments_by_annex = defaultdict(list)
    for commitment in sorted(commitments, key=lambda c: (c.order, c.pk)):
        commitments_by_annex[commitment.annex_id].append(commitment)
    compensations_by_annex = defaultdict(list)
    for compensation in sorted(compensations, key=lambda c: c.period_start):
        compensations_by_annex[compensation.annex_id].append(compensation)
    org_by_participation = {p.pk: organisations.get(p.organisation_id) for p in participations}
    parties = [
        PartySnapshot(participation=p, organisation=org_by_participation[p.pk])
        for p in sorted(
            participations,
            key=lambda p: (
                getattr(org_by_participation[p.pk], "kind", "") != Organisation.Kind.PUBLIC,
                getattr(org_by_participation[p.pk], "name", ""),
            ),
        )
    ]
    annex_snapshots = [
        AnnexSnapshot(
            annex=a,
            organisation=org_by_participation.get(a.participation_id),
            commitments=commitments_by_annex[a.pk],
            compensations=compensations_by_annex[a.pk],
        )
        for a in sorted(annexes, key=lambda a: (a.number, a.pk))
    ]
    day = timezone.localdate(when)
    return Snapshot(
        when=when,
        partnership=then,
        status=then.status_on(day),
        end=then.end_as_of(day),
        parties=parties,
        annexes=annex_snapshots,
        goals=goals,
        clauses=clauses,
    )
