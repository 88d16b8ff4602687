"""Writes to governance groups: the groups, their members and their chairs (drawn, rotated or
appointed). Each function runs in one transaction and records who and why."""

import secrets

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import rules
from governance.models import ChairDraw, ChairTerm, Group, GroupMember, RotationOrder
from iop.history import delete_with_history, save_with_history


def apply_fields(obj, fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    return obj


# --- Groups and members ------------------------------------------------------------------


@transaction.atomic
def group_create(*, partnership, actor, reason, **fields) -> Group:
    return save_with_history(Group(partnership=partnership, **fields), actor=actor, reason=reason)


@transaction.atomic
def group_update(group, *, actor, reason, **fields) -> Group:
    return save_with_history(apply_fields(group, fields), actor=actor, reason=reason)


@transaction.atomic
def member_add(*, group, actor, reason, **fields) -> GroupMember:
    return save_with_history(GroupMember(group=group, **fields), actor=actor, reason=reason)


@transaction.atomic
def member_update(member, *, actor, reason, **fields) -> GroupMember:
    return save_with_history(apply_fields(member, fields), actor=actor, reason=reason)


# --- The chair ---------------------------------------------------------------------------


def chair_on(group, day):
    """The member who chairs `group` on `day`: the chair term covering it, else a member with
    the role chair."""
    for term in group.chair_terms.select_related("member"):
        if term.covers(day):
            return term.member
    return group.members.current(day).filter(role=GroupMember.Role.CHAIR).first()


def _term_end(group, start, field="term_start"):
    """The last day of a chair term starting on `start`. A start so far ahead that the term
    would end after year 9999 is refused next to `field` (it was a server error)."""
    if not group.chair_term_months:
        return None
    try:
        return start + relativedelta(months=group.chair_term_months) - relativedelta(days=1)
    except (ValueError, OverflowError):
        raise ValidationError(
            {field: _("Mandatperioden skulle sluta efter år 9999. Välj ett tidigare datum.")}
        ) from None


def chair_candidates(group, term_start):
    """Voting members current on the term's first day, in a fixed order (by id)."""
    return list(group.members.current(term_start).voting().order_by("pk"))


@transaction.atomic
def chair_draw(*, group, term_start, actor, reason, seed=None) -> ChairDraw:
    """Draw the chair by lot and record the draw (see ChairDraw for the method)."""
    candidates = chair_candidates(group, term_start)
    if not candidates:
        raise ValidationError(
            {"term_start": _("Det finns inga röstberättigade ledamöter att lotta mellan.")}
        )
    end = _term_end(group, term_start)
    seed = seed or secrets.token_hex(16)
    ids = [member.pk for member in candidates]
    index = ChairDraw.compute_index(seed, ids)
    draw = save_with_history(
        ChairDraw(
            group=group,
            term_start=term_start,
            candidates=[{"id": m.pk, "name": m.name} for m in candidates],
            seed=seed,
            method=ChairDraw.METHOD,
            result_index=index,
            result=candidates[index],
            run_by=actor,
            run_at=timezone.now(),
        ),
        actor=actor,
        reason=reason,
    )
    save_with_history(
        ChairTerm(
            group=group,
            member=candidates[index],
            start=term_start,
            end=end,
            how_chosen=ChairTerm.HowChosen.LOTTERY,
            draw=draw,
        ),
        actor=actor,
        reason=reason,
    )
    return draw


@transaction.atomic
def rotation_set(*, group, members, actor, reason):
    """Record the rotation order: `members` in the order they take the chair."""
    for existing in list(group.rotation.all()):
        delete_with_history(existing, actor=actor, reason=reason)
    for position, member in enumerate(members, start=1):
        if member.group_id != group.pk:
            raise ValidationError(_("Bara gruppens ledamöter kan ingå i turordningen."))
        save_with_history(
            RotationOrder(group=group, member=member, position=position), actor=actor, reason=reason
        )


def rotation_next(group):
    """The member whose turn it is after the latest chair term."""
    order = list(group.rotation.order_by("position").values_list("member_id", flat=True))
    last = group.chair_terms.order_by("-start").first()
    member_id = rules.next_in_rotation(order, last.member_id if last else None)
    return GroupMember.objects.get(pk=member_id) if member_id else None


@transaction.atomic
def chair_rotate(*, group, term_start, actor, reason) -> ChairTerm:
    member = rotation_next(group)
    if member is None:
        raise ValidationError({"term_start": _("Gruppen har ingen turordning registrerad.")})
    return save_with_history(
        ChairTerm(
            group=group,
            member=member,
            start=term_start,
            end=_term_end(group, term_start),
            how_chosen=ChairTerm.HowChosen.ROTATION,
        ),
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def chair_appoint(*, group, member, start, end=None, actor, reason) -> ChairTerm:
    return save_with_history(
        ChairTerm(
            group=group,
            member=member,
            start=start,
            end=end or _term_end(group, start, field="start"),
            how_chosen=ChairTerm.HowChosen.APPOINTED,
        ),
        actor=actor,
        reason=reason,
    )
