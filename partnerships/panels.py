"""The lifecycle's panels on the partnership page's tabs (listed in iop/pages/partnership.py).
Each runs a fixed number of queries whatever the size of the partnership."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships import period_rules
from partnerships.models import (
    Amendment,
    CoFinancing,
    CommitteeDecision,
    LifecycleStep,
    Notice,
    Signature,
)
from partnerships.permissions import is_administration
from partnerships.services.money import summary_by_party_and_year
from partnerships.states import ACTION_LABELS, allowed_transitions
from partnerships.tabs import Panel


def lifecycle_panel(request, partnership):
    if not is_administration(request.user):
        return None
    today = timezone.localdate()
    notices = list(
        Notice.objects.filter(partnership=partnership).select_related(
            "participation__organisation", "committee_decision"
        )
    )
    extensions = list(partnership.extensions.select_related("committee_decision"))
    steps = list(
        LifecycleStep.objects.filter(partnership=partnership).select_related(
            "actor", "committee_decision"
        )
    )
    return Panel(
        anchor="livscykel",
        title=_("Livscykel och period"),
        template="partnerships/panels/lifecycle.html",
        context={
            "steps": steps,
            "allowed": [(s, ACTION_LABELS[s]) for s in allowed_transitions(partnership)],
            "period": period_rules.summary(partnership, today, notices, extensions),
            "notices": notices,
            "extensions": extensions,
            "by_agreement": partnership.extension_kind == "by_agreement",
        },
    )


def committee_panel(request, partnership):
    if not is_administration(request.user):
        return None
    cases = list(
        partnership.committee_cases.prefetch_related(
            Prefetch(
                "decisions",
                queryset=CommitteeDecision.objects.prefetch_related("points", "delegations"),
            )
        )
    )
    return Panel(
        anchor="namndarenden",
        title=_("Nämndärenden"),
        template="partnerships/panels/committee.html",
        context={"cases": cases},
    )


def amendments_panel(request, partnership):
    if not is_administration(request.user):
        return None
    today = timezone.localdate()
    amendments = list(
        Amendment.objects.filter(partnership=partnership).select_related("commitment", "annex")
    )
    signatures = list(
        Signature.objects.filter(partnership=partnership).select_related(
            "participation__organisation", "annex"
        )
    )
    parties = [p for p in partnership.participations.all() if p.is_current(today)]
    signed_by_amendment = {}
    agreement_signed = {}
    annex_signed = {}
    for signature in signatures:
        if signature.document == Signature.Document.AMENDMENT:
            signed_by_amendment.setdefault(signature.amendment_id, set()).add(
                signature.participation_id
            )
        elif signature.document == Signature.Document.AGREEMENT:
            agreement_signed[signature.participation_id] = signature
        else:
            annex_signed.setdefault(signature.annex_id, []).append(signature)
    for amendment in amendments:
        signed = signed_by_amendment.get(amendment.pk, set())
        amendment.missing_parties = (
            [p for p in parties if p.pk not in signed]
            if amendment.status == Amendment.Status.AWAITING
            else []
        )
    agreement_rows = [(p, agreement_signed.get(p.pk)) for p in parties]
    annex_rows = [(a, annex_signed.get(a.pk, [])) for a in partnership.annexes.all()]
    return Panel(
        anchor="andringar",
        title=_("Ändringar och underskrifter"),
        template="partnerships/panels/amendments.html",
        context={
            "amendments": amendments,
            "agreement_rows": agreement_rows,
            "annex_rows": annex_rows,
        },
    )


def money_panel(request, partnership):
    if not is_administration(request.user):
        return None
    co_financing = list(
        CoFinancing.objects.filter(annex__partnership=partnership).select_related(
            "annex__participation__organisation"
        )
    )
    return Panel(
        anchor="ekonomi",
        title=_("Ekonomi"),
        template="partnerships/panels/money.html",
        context={
            "rows": summary_by_party_and_year(partnership),
            "co_financing": co_financing,
        },
    )
