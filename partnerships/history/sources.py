"""What a partnership timeline reads: a `Source` per tracked model, and this app's own sources
(`SOURCES`, `ANNEX_SOURCES`, `LIFECYCLE_SOURCES`, `MONEY_SOURCES`); governance and reporting add theirs."""

from dataclasses import dataclass
from functools import cache

from django.db import models

from partnerships.models import (
    Amendment,
    Annex,
    Clause,
    CoFinancing,
    Commitment,
    CommitteeCase,
    CommitteeDecision,
    Compensation,
    Correction,
    Delegation,
    Extension,
    Goal,
    LifecycleStep,
    Notice,
    Organisation,
    Participation,
    Partnership,
    Payment,
    PaymentPlan,
    RepaymentClaim,
    Signature,
)
from partnerships.models.partnerships import MISSING_IN_DOCUMENT


@dataclass(frozen=True)
class Source:
    """`model`'s history on partnership timelines; `lookup(pk)` selects its rows.

    `lookup` must only put `pk` into a Q (or a subquery): the timeline's SQL is compiled once,
    with a placeholder for the pk."""

    model: type  # the tracked model, e.g. Commitment
    lookup: object  # partnership_id -> Q on the historical model
    label: object = None  # (historical row, fk_labels) -> str; default: its title or name


@cache
def historical_model(model):
    """`model`'s historical model. (`model.history` builds a new manager class on every access,
    about a millisecond each; a timeline needs it some thirty times.)"""
    return model.history.model


def related_label(fk_name, related_model):
    """A labeller naming a row by one of its foreign keys (a party by its organisation)."""

    def label(row, fk_labels):
        return fk_labels.get((related_model, getattr(row, f"{fk_name}_id")), f"#{row.id}")

    return label


def annex_ids_ever(partnership_pk):
    """Bilagor that ever belonged to the partnership, including deleted ones (a subquery)."""
    return historical_model(Annex).objects.filter(partnership_id=partnership_pk).values("id")


def by_partnership(pk):
    return models.Q(partnership_id=pk)


def by_annex(pk):
    return models.Q(annex_id__in=annex_ids_ever(pk))


def _by_decision(pk):
    """Delegations of the partnership's committee decisions, deleted ones included."""
    decisions = historical_model(CommitteeDecision).objects.filter(partnership_id=pk)
    return models.Q(decision_id__in=decisions.values("id"))


# The agreement itself: its text, goals and parties.
SOURCES = (
    Source(Partnership, lambda pk: models.Q(id=pk)),
    Source(Goal, by_partnership),
    Source(Clause, by_partnership),
    Source(Participation, by_partnership, related_label("organisation", Organisation)),
    # A rättelse, beside the corrected row's own change (whose reason says "Rättelse: ...").
    Source(Correction, by_partnership, lambda row, fk: str(row.corrected)[:80]),
)

# Its bilagor: their commitments and compensation.
ANNEX_SOURCES = (
    Source(Annex, by_partnership),
    Source(Commitment, by_annex),
    Source(Compensation, by_annex, related_label("annex", Annex)),
)

# Its lifecycle: steps, committee cases and decisions, notices, extensions, amendments and
# signatures.
LIFECYCLE_SOURCES = (
    Source(LifecycleStep, by_partnership, lambda row, fk: str(row.reason)[:80]),
    Source(CommitteeCase, by_partnership),
    Source(CommitteeDecision, by_partnership, lambda row, fk: row.decided_on.isoformat()),
    Source(Delegation, _by_decision, lambda row, fk: row.to_whom),
    Source(Notice, by_partnership, lambda row, fk: row.given_on.isoformat()),
    Source(Extension, by_partnership, lambda row, fk: row.new_end_date.isoformat()),
    Source(Amendment, by_partnership),
    Source(
        Signature,
        by_partnership,
        lambda row, fk: row.signatory_name or str(MISSING_IN_DOCUMENT),
    ),
)

# Its money: payment plans, payments, repayment claims, co-financing.
MONEY_SOURCES = (
    Source(PaymentPlan, by_annex, related_label("annex", Annex)),
    Source(Payment, by_annex, lambda row, fk: row.due_on.isoformat()),
    Source(RepaymentClaim, by_annex, lambda row, fk: row.claimed_on.isoformat()),
    Source(CoFinancing, by_annex, lambda row, fk: str(row.year)),
)
