"""The groups' rules as pure functions: vote counting, rotation, the meeting cadence.

Nothing here touches the database, so the rules can be tested on their own and reused by the
services, the pages and the deadlines source alike.
"""

import secrets
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings

from governance.models import ChairDraw, Decision, Group, Vote
from partnerships.models.deadlines import is_late
from partnerships.permissions import is_administration


@dataclass(frozen=True)
class VoteResult:
    votes_for: int
    votes_against: int
    votes_abstain: int
    outcome: str
    tie: bool
    tie_resolution: str = ""
    lot_seed: str = ""


LOT_CANDIDATES = [Decision.Outcome.ADOPTED.value, Decision.Outcome.REJECTED.value]


def lot_outcome(seed):
    """A tie settled by lot, recomputable from the seed with the chair draw's method."""
    return LOT_CANDIDATES[ChairDraw.compute_index(seed, LOT_CANDIDATES)]


def count_votes(choices, *, tie_rule, chair_choice=None, seed_factory=secrets.token_hex):
    """Majority of those voting for or against; abstentions count for neither side.

    A tie is always recorded as a tie; the group's tie rule then says whether the chair's own
    vote decides (only if the chair voted for or against), a lot decides, or nothing is decided.
    """
    choices = list(choices)
    votes_for = choices.count(Vote.Choice.FOR)
    votes_against = choices.count(Vote.Choice.AGAINST)
    votes_abstain = choices.count(Vote.Choice.ABSTAIN)
    counts = {
        "votes_for": votes_for,
        "votes_against": votes_against,
        "votes_abstain": votes_abstain,
    }
    if votes_for > votes_against:
        return VoteResult(**counts, outcome=Decision.Outcome.ADOPTED, tie=False)
    if votes_against > votes_for:
        return VoteResult(**counts, outcome=Decision.Outcome.REJECTED, tie=False)
    if tie_rule == Group.TieRule.CHAIR_CASTING_VOTE and chair_choice in (
        Vote.Choice.FOR,
        Vote.Choice.AGAINST,
    ):
        outcome = (
            Decision.Outcome.ADOPTED
            if chair_choice == Vote.Choice.FOR
            else Decision.Outcome.REJECTED
        )
        return VoteResult(
            **counts,
            outcome=outcome,
            tie=True,
            tie_resolution=Decision.TieResolution.CHAIR_CASTING_VOTE,
        )
    if tie_rule == Group.TieRule.LOT:
        seed = seed_factory(16)
        return VoteResult(
            **counts,
            outcome=lot_outcome(seed),
            tie=True,
            tie_resolution=Decision.TieResolution.LOT,
            lot_seed=seed,
        )
    return VoteResult(**counts, outcome=Decision.Outcome.TIE, tie=True)


def next_in_rotation(order, last_chair_id):
    """The member after `last_chair_id` in the recorded order (wrapping); the first if none."""
    if not order:
        return None
    if last_chair_id in order:
        return order[(order.index(last_chair_id) + 1) % len(order)]
    return order[0]


@dataclass(frozen=True)
class CadenceStatus:
    months: int | None  # the interval that applies, None when the group has no cadence rule
    last_meeting: date | None
    due: date | None  # the next meeting must be held on or before this day
    next_scheduled: date | None
    # The partnership is over: the group need not meet again, nothing is due or late.
    partnership_over: bool = False
    # The partnership ends (on this day) before the next meeting would be due: none is due.
    ends_first: date | None = None

    def is_overdue(self, today):
        """What the partnership page marks "(försenad)": Kommande's rule (`is_late`)."""
        return is_late(self.due, today)

    @property
    def planned_in_time(self):
        return bool(self.due and self.next_scheduled and self.next_scheduled <= self.due)


def cadence_status(
    group, *, last_meeting, next_scheduled=None, partnership_over=False, ends_on=None, today=None
):
    """When `group` must meet next, given its last meeting (held or planned, not cancelled, up to
    today) and its next planned one. Without any meeting the interval counts from the day the
    group was established.

    Nothing is due once the partnership is over (`partnership_over`: `Partnership.is_over`, or
    its SQL twin `with_effective_status`), nor when the partnership's end `ends_on` (its stored
    end date) comes before the day the meeting would be due. An end already passed while the
    partnership is not over is one an extension has moved, not yet written: it cuts nothing."""
    base = last_meeting or group.established_on
    months = group.cadence_months_at(base) if base else None
    due = base + relativedelta(months=months) if months else None
    ends_first = None
    if partnership_over:
        due = None
    elif due and ends_on and due > ends_on and (today is None or ends_on >= today):
        due, ends_first = None, ends_on
    return CadenceStatus(
        months=months,
        last_meeting=last_meeting,
        due=due,
        next_scheduled=next_scheduled,
        partnership_over=partnership_over,
        ends_first=ends_first,
    )


def partnership_cadence_limits(partnership, today):
    """What `cadence_status` needs of a partnership (a model instance) on `today`."""
    return {
        "partnership_over": partnership.is_over(today),
        "ends_on": partnership.end_date,
        "today": today,
    }


def approval_on_behalf(actor, member):
    """Who may record a member's approval of the minutes: False when the member approves
    themself; True when staff (or a management command) record it for a member who has no
    account to approve with; None when it is not this actor's to record (the minutes must
    never show an approval as the member's when someone else gave it)."""
    if member.user_id and member.user_id == actor.pk:
        return False
    may_record = is_administration(actor) or actor.username == settings.IOP_SYSTEM_USERNAME
    if may_record and not member.can_log_in:
        return True
    return None
