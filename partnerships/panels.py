"""The lifecycle's panels on the partnership page's tabs (listed in iop/pages/partnership.py).
Each runs a fixed number of queries whatever the size of the partnership."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iop.prepared import Param, PreparedQuery
from partnerships import period_rules
from partnerships.models import (
    AidBasis,
    Amendment,
    Annex,
    CoFinancing,
    CommitteeDecision,
    Extension,
    LifecycleStep,
    Notice,
    Participation,
    Signature,
)
from partnerships.permissions import is_administration
from partnerships.services.money import summary_by_party_and_year
from partnerships.states import ACTION_LABELS, allowed_transitions
from partnerships.tabs import Panel

# The tabs' fixed queries, compiled once (iop/prepared.py); each orders explicitly, as the
# models' default orderings start with the partnership, which costs a join to sort equal rows.
# The partnership's parties with their organisations, the city's first.
PARTIES = PreparedQuery(
    lambda: (
        Participation.objects.filter(partnership_id=Param("partnership"))
        .select_related("organisation")
        .order_by("-organisation__kind", "organisation__name")
    )
)
ANNEXES = PreparedQuery(
    lambda: Annex.objects.filter(partnership_id=Param("partnership")).order_by("number", "pk")
)
_NOTICES = PreparedQuery(
    lambda: (
        Notice.objects.filter(partnership_id=Param("partnership"))
        .select_related("participation__organisation", "committee_decision")
        .order_by("given_on", "pk")
    )
)
_EXTENSIONS = PreparedQuery(
    lambda: (
        Extension.objects.filter(partnership_id=Param("partnership"))
        .select_related("committee_decision")
        .order_by("made_on", "pk")
    )
)
_STEPS = PreparedQuery(
    lambda: (
        LifecycleStep.objects.filter(partnership_id=Param("partnership"))
        .select_related("actor", "committee_decision")
        .order_by("occurred_on", "recorded_at", "pk")
    )
)
_AMENDMENTS = PreparedQuery(
    lambda: (
        Amendment.objects.filter(partnership_id=Param("partnership"))
        .select_related("commitment", "annex")
        .order_by("number", "pk")
    )
)
_SIGNATURES = PreparedQuery(
    lambda: (
        Signature.objects.filter(partnership_id=Param("partnership"))
        .select_related("participation__organisation", "annex")
        .order_by("signed_on", "pk")
    )
)
_CO_FINANCING = PreparedQuery(
    lambda: (
        CoFinancing.objects.filter(annex__partnership_id=Param("partnership"))
        .select_related("annex__participation__organisation")
        .order_by("annex__number", "annex__pk", "year")
    )
)


def parties_of(partnership):
    """The partnership's parties, each knowing its partnership (as a prefetch would)."""
    parties = PARTIES.list(partnership=partnership.pk)
    for participation in parties:
        participation.partnership = partnership
    return parties


def lifecycle_panel(request, partnership):
    if not is_administration(request.user):
        return None
    today = timezone.localdate()
    notices = _NOTICES.list(partnership=partnership.pk)
    extensions = _EXTENSIONS.list(partnership=partnership.pk)
    steps = _STEPS.list(partnership=partnership.pk)
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
    amendments = _AMENDMENTS.list(partnership=partnership.pk)
    signatures = _SIGNATURES.list(partnership=partnership.pk)
    parties = [p for p in parties_of(partnership) if p.is_current(today)]
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
    annexes = ANNEXES.list(partnership=partnership.pk)
    annex_rows = [(a, annex_signed.get(a.pk, [])) for a in annexes]
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
    co_financing = _CO_FINANCING.list(partnership=partnership.pk)
    return Panel(
        anchor="ekonomi",
        title=_("Ekonomi"),
        template="partnerships/panels/money.html",
        context={
            "rows": summary_by_party_and_year(partnership),
            "co_financing": co_financing,
            "catch_up_url": reverse("partnerships:catch_up", args=[partnership.pk]),
            "accounting_codes": list(partnership.accounting_codes.all()),
            "aid_basis": AidBasis.objects.filter(partnership=partnership).first(),
            "aid_basis_url": reverse("partnerships:aid_basis_edit", args=[partnership.pk]),
            "parties": [
                p.organisation for p in partnership.participations.select_related("organisation")
            ],
            "accounting_code_create_url": reverse(
                "partnerships:accounting_code_create", args=[partnership.pk]
            ),
        },
    )
