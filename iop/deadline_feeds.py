"""Keeping the stored deadlines (iop/deadlines.py) in step with every write: `FEEDS` lists the
models a deadline is computed from, and a save or delete of one recomputes the deadlines of its
partnership, from the sources it feeds only, in the same transaction (`connect`, called from the
iop app's ready()). Inside `batched()` the partnerships are collected and refreshed once at the
end of the block."""

from collections import defaultdict

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save

from governance.models import ChairTerm, Group, GroupMember, Meeting, RemediationPlan
from iop import deadlines
from iop.batching import defer
from iop.deadlines import ALL, GOVERNANCE, LIFECYCLE, REPORTING
from partnerships.models import (
    Annex,
    Compensation,
    Extension,
    Notice,
    Organisation,
    Participation,
    Partnership,
    Payment,
)
from reporting.models import (
    ActivityReport,
    AnnualCompilation,
    FinancialStatement,
    HalfYearReport,
    ReportingPeriod,
)


def _own(instance):
    return [instance.pk]


def _partnership_field(instance):
    return [instance.partnership_id]


def _through(field, parent):
    """The partnership of the `parent` (a model with `partnership_id`) that `instance.<field>`
    names: from the related object when it is already loaded, otherwise one query."""

    def find(instance):
        descriptor = instance._meta.get_field(field)
        if descriptor.is_cached(instance):
            return [getattr(instance, field).partnership_id]
        parent_id = getattr(instance, descriptor.attname)
        return list(parent.objects.filter(pk=parent_id).values_list("partnership_id", flat=True))

    return find


def _organisation(instance):
    """Its name and kind are in the deadlines of every partnership it takes part in, sits in a
    group of or is asked for a remediation plan in."""
    found = set(
        Participation.objects.filter(organisation=instance).values_list("partnership_id", flat=True)
    )
    found.update(
        GroupMember.objects.filter(organisation=instance).values_list(
            "group__partnership_id", flat=True
        )
    )
    found.update(
        RemediationPlan.objects.filter(organisation=instance).values_list(
            "group__partnership_id", flat=True
        )
    )
    return sorted(found)


# Every model a deadline is computed from: (model, its partnerships, the sources it feeds).
FEEDS = (
    (Partnership, _own, ALL),  # its status and dates, and its title in every deadline
    (Organisation, _organisation, ALL),  # names in titles; which parties report
    (Participation, _partnership_field, (LIFECYCLE, REPORTING)),
    (Annex, _partnership_field, (LIFECYCLE, REPORTING)),
    (Notice, _partnership_field, (LIFECYCLE,)),
    (Extension, _partnership_field, (LIFECYCLE,)),
    (Payment, _through("annex", Annex), (LIFECYCLE,)),
    (Group, _partnership_field, (GOVERNANCE,)),
    (GroupMember, _through("group", Group), (GOVERNANCE,)),
    (ChairTerm, _through("group", Group), (GOVERNANCE,)),
    (Meeting, _through("group", Group), (GOVERNANCE,)),
    (RemediationPlan, _through("group", Group), (GOVERNANCE,)),
    (Compensation, _through("annex", Annex), (REPORTING,)),
    (ReportingPeriod, _partnership_field, (REPORTING,)),
    (ActivityReport, _through("period", ReportingPeriod), (REPORTING,)),
    (HalfYearReport, _through("period", ReportingPeriod), (REPORTING,)),
    (FinancialStatement, _through("annex", Annex), (REPORTING,)),
    (AnnualCompilation, _partnership_field, (REPORTING,)),
)


def _deleting_a_partnership(origin):
    """The rows of a partnership being deleted go with it (a cascade); recomputing it from its
    children's deletes would store rows for a partnership about to go."""
    if isinstance(origin, Partnership):
        return True
    return isinstance(origin, QuerySet) and origin.model is Partnership


def refresh_each(pairs, _key=None):
    """`refresh` for [(partnership id, source), ...]: each partnership once, from the sources
    its writes fed; one `refresh` per distinct set of sources. What `batched()` runs at the end
    of its block."""
    sources_of = defaultdict(set)
    for partnership_id, source in pairs:
        sources_of[partnership_id].add(source)
    groups = defaultdict(list)
    for partnership_id, sources in sources_of.items():
        groups[tuple(name for name in ALL if name in sources)].append(partnership_id)
    for sources, ids in groups.items():
        deadlines.refresh(ids, sources)


def _receiver(partnerships_of, sources):
    def on_save(sender, instance, raw=False, **kwargs):
        if raw:  # loaddata: rebuild afterwards
            return
        ids = [pk for pk in partnerships_of(instance) if pk is not None]
        if not ids:
            return
        if not defer(refresh_each, None, [(pk, name) for pk in ids for name in sources]):
            deadlines.refresh(ids, sources)

    def on_delete(sender, instance, origin=None, **kwargs):
        if sender is Partnership or _deleting_a_partnership(origin):
            return
        on_save(sender, instance)

    return on_save, on_delete


def connect():
    """Called from the iop app's ready(): a save or delete of any model in `FEEDS` resyncs the
    deadlines of its partnership in the same transaction."""
    for model, partnerships_of, sources in FEEDS:
        on_save, on_delete = _receiver(partnerships_of, sources)
        uid = f"iop.deadlines.{model._meta.label}"
        post_save.connect(on_save, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(on_delete, sender=model, weak=False, dispatch_uid=uid)
