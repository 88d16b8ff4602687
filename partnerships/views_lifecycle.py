"""Staff views for the agreement's lifecycle. Thin: forms in, services out."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from iop.uploads import serve_file
from iop.views_helpers import form_data, form_page
from partnerships.asof import partnership_as_of
from partnerships.forms import DeleteForm
from partnerships.forms_lifecycle import (
    AmendmentForm,
    AsOfForm,
    CoFinancingForm,
    CommitteeCaseForm,
    CommitteeDecisionForm,
    DelegationForm,
    ExtensionAgreementForm,
    NoticeForm,
    PartyJoinForm,
    PaymentPaidForm,
    PaymentPlanForm,
    PaymentStopForm,
    RepaymentClaimForm,
    SignatureCorrectionForm,
    SignatureForm,
    TransitionForm,
)
from partnerships.models import (
    Amendment,
    CommitteeCase,
    CommitteeDecision,
    Delegation,
    PaymentPlan,
    Signature,
)
from partnerships.permissions import (
    administration_required,
    get_annex_for_user,
    get_partnership_for_user,
    get_payment_for_user,
    get_signature_for_user,
)
from partnerships.services import amendments, committee, extensions, money, parties
from partnerships.states import transition
from partnerships.tabs import section_url

FORM = "partnerships/form.html"


def _back(partnership, anchor):
    """The tab (and section) of the partnership page that the form was opened from: where a
    save returns and where "Avbryt" leads."""
    return section_url(partnership.pk, anchor)


# --- Lifecycle steps ---------------------------------------------------------------------


@administration_required
@require_http_methods(["GET", "POST"])
def lifecycle_step(request, pk):
    partnership = get_partnership_for_user(request, pk)

    def service(*, actor, reason, to, on, decision, decision_reference):
        return transition(
            partnership,
            to,
            actor=actor,
            reason=reason,
            decision=decision,
            decision_reference=decision_reference,
            on=on,
        )

    return form_page(
        request,
        TransitionForm(form_data(request), partnership=partnership),
        service=service,
        template=FORM,
        context={"title": _("Nytt steg i avtalets livscykel"), "partnership": partnership},
        success=_back(partnership, "#livscykel"),
        message=_("Steget är registrerat."),
    )


# --- Committee cases ---------------------------------------------------------------------


@administration_required
@require_http_methods(["GET", "POST"])
def committee_case_create(request, pk):
    partnership = get_partnership_for_user(request, pk)
    return form_page(
        request,
        CommitteeCaseForm(form_data(request)),
        service=lambda **kw: committee.committee_case_create(partnership=partnership, **kw),
        template=FORM,
        context={"title": _("Nytt nämndärende"), "partnership": partnership},
        success=_back(partnership, "#namndarenden"),
        message=_("Ärendet är registrerat."),
    )


def _get_case(request, pk):
    case = get_object_or_404(CommitteeCase, pk=pk)
    return case, get_partnership_for_user(request, case.partnership_id)


@administration_required
@require_http_methods(["GET", "POST"])
def committee_case_edit(request, pk):
    case, partnership = _get_case(request, pk)
    return form_page(
        request,
        CommitteeCaseForm(form_data(request), instance=case),
        service=lambda **kw: committee.committee_case_update(case, **kw),
        template=FORM,
        context={"title": _("Ändra nämndärende"), "partnership": partnership},
        success=_back(partnership, "#namndarenden"),
        message=_("Ändringen är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def committee_decision_create(request, pk):
    case, partnership = _get_case(request, pk)
    return form_page(
        request,
        CommitteeDecisionForm(form_data(request), case=case),
        service=lambda **kw: committee.committee_decision_create(case=case, **kw),
        template=FORM,
        context={"title": _("Nämndens beslut"), "partnership": partnership},
        success=_back(partnership, "#namndarenden"),
        message=_("Beslutet är registrerat."),
    )


def _get_decision(request, pk):
    decision = get_object_or_404(CommitteeDecision.objects.select_related("case"), pk=pk)
    return decision, get_partnership_for_user(request, decision.partnership_id)


@administration_required
@require_http_methods(["GET", "POST"])
def committee_decision_edit(request, pk):
    decision, partnership = _get_decision(request, pk)
    return form_page(
        request,
        CommitteeDecisionForm(form_data(request), instance=decision, case=decision.case),
        service=lambda **kw: committee.committee_decision_update(decision, **kw),
        template=FORM,
        context={"title": _("Ändra nämndbeslut"), "partnership": partnership},
        success=_back(partnership, "#namndarenden"),
        message=_("Ändringen är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def delegation_create(request, pk):
    decision, partnership = _get_decision(request, pk)
    return form_page(
        request,
        DelegationForm(form_data(request), decision=decision),
        service=lambda **kw: committee.delegation_create(decision=decision, **kw),
        template=FORM,
        context={"title": _("Ny delegation"), "partnership": partnership},
        success=_back(partnership, "#namndarenden"),
        message=_("Delegationen är registrerad."),
    )


def _get_delegation(request, pk):
    delegation = get_object_or_404(Delegation.objects.select_related("decision__case"), pk=pk)
    return delegation, get_partnership_for_user(request, delegation.decision.partnership_id)


@administration_required
@require_http_methods(["GET", "POST"])
def delegation_edit(request, pk):
    delegation, partnership = _get_delegation(request, pk)
    return form_page(
        request,
        DelegationForm(form_data(request), instance=delegation, decision=delegation.decision),
        service=lambda **kw: committee.delegation_update(delegation, **kw),
        template=FORM,
        context={"title": _("Ändra delegation"), "partnership": partnership},
        success=_back(partnership, "#namndarenden"),
        message=_("Ändringen är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def delegation_delete(request, pk):
    delegation, partnership = _get_delegation(request, pk)
    return form_page(
        request,
        DeleteForm(form_data(request)),
        service=lambda **kw: committee.delegation_delete(delegation, **kw) or partnership,
        template="partnerships/confirm_delete.html",
        context={"object": delegation, "partnership": partnership},
        success=_back(partnership, "#namndarenden"),
        message=_("Delegationen är borttagen."),
    )


# --- Parties joining and leaving, extensions ---------------------------------------------


@administration_required
@require_http_methods(["GET", "POST"])
def party_join(request, pk):
    partnership = get_partnership_for_user(request, pk)
    # Prefilled from a steering-group decision's page ("Slutför inträdet").
    initial = {"steering_decision": request.GET.get("beslut")}
    if request.GET.get("organisation"):
        initial["organisation"] = request.GET["organisation"]
    return form_page(
        request,
        PartyJoinForm(form_data(request), partnership=partnership, initial=initial),
        service=lambda **kw: parties.party_join(partnership=partnership, **kw),
        template=FORM,
        context={"title": _("Ny part genom styrgruppens beslut"), "partnership": partnership},
        success=_back(partnership, "#parter"),
        message=_("Parten har inträtt i partnerskapet."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def notice_create(request, pk):
    partnership = get_partnership_for_user(request, pk)
    return form_page(
        request,
        NoticeForm(
            form_data(request),
            partnership=partnership,
            initial={
                "participation": request.GET.get("part"),
                "kind": "party" if request.GET.get("part") else "partnership",
                "given_on": timezone.localdate(),
            },
        ),
        service=lambda **kw: parties.notice_give(partnership=partnership, **kw),
        template=FORM,
        context={"title": _("Registrera uppsägning eller hävning"), "partnership": partnership},
        success=_back(partnership, "#livscykel"),
        message=_("Uppsägningen är registrerad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def extension_agree(request, pk):
    partnership = get_partnership_for_user(request, pk)
    return form_page(
        request,
        ExtensionAgreementForm(form_data(request), partnership=partnership),
        service=lambda **kw: extensions.extension_agree(partnership=partnership, **kw),
        template=FORM,
        context={
            "title": _("Skriftlig överenskommelse om förlängning"),
            "partnership": partnership,
        },
        success=_back(partnership, "#livscykel"),
        message=_("Förlängningen är registrerad."),
    )


# --- Amendments and signatures -----------------------------------------------------------


@administration_required
@require_http_methods(["GET", "POST"])
def amendment_create(request, pk):
    partnership = get_partnership_for_user(request, pk)
    initial = {}
    if request.GET.get("atagande"):
        initial = {"target": Amendment.Target.COMMITMENT, "commitment": request.GET["atagande"]}
    return form_page(
        request,
        AmendmentForm(form_data(request), partnership=partnership, initial=initial),
        service=lambda **kw: amendments.amendment_create(partnership=partnership, **kw),
        template=FORM,
        context={"title": _("Ny ändring eller tillägg"), "partnership": partnership},
        success=lambda obj: obj.get_absolute_url(),
        cancel=_back(partnership, "#andringar"),
        message=_("Ändringen är sparad som utkast."),
    )


def _get_amendment(request, pk):
    amendment = get_object_or_404(
        Amendment.objects.select_related("commitment", "annex", "committee_decision"), pk=pk
    )
    partnership = get_partnership_for_user(request, amendment.partnership_id)
    amendment.partnership = partnership
    return amendment, partnership


def _change_rows(amendment):
    """(label, value now, proposed value) for each field the amendment changes."""
    target = amendment.target_object
    rows = []
    for name, value in (amendment.changes or {}).items():
        label = str(target._meta.get_field(name).verbose_name).capitalize()
        rows.append((label, getattr(target, name, ""), value))
    return rows


@administration_required
def amendment_detail(request, pk):
    amendment, partnership = _get_amendment(request, pk)
    signatures = amendment.signatures.select_related("participation__organisation")
    before = None
    if amendment.in_force_at:
        before = (amendment.in_force_at - dt.timedelta(microseconds=1)).isoformat()
    return render(
        request,
        "partnerships/amendment_detail.html",
        {
            "amendment": amendment,
            "partnership": partnership,
            "signatures": signatures,
            "missing": amendment.unsigned_parties()
            if amendment.status == Amendment.Status.AWAITING
            else [],
            "before": before,
            "change_rows": _change_rows(amendment),
        },
    )


@administration_required
@require_http_methods(["GET", "POST"])
def amendment_edit(request, pk):
    amendment, partnership = _get_amendment(request, pk)
    return form_page(
        request,
        AmendmentForm(form_data(request), instance=amendment, partnership=partnership),
        service=lambda **kw: amendments.amendment_update(amendment, **kw),
        template=FORM,
        context={"title": _("Ändra utkast"), "partnership": partnership},
        success=amendment.get_absolute_url(),
        message=_("Ändringen är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def amendment_submit(request, pk):
    amendment, partnership = _get_amendment(request, pk)
    return form_page(
        request,
        DeleteForm(form_data(request)),
        service=lambda **kw: amendments.amendment_submit(amendment, **kw),
        template=FORM,
        context={
            "title": _("Skicka %(a)s för underskrift") % {"a": amendment},
            "partnership": partnership,
        },
        success=amendment.get_absolute_url(),
        message=_("Ändringen inväntar underskrifter."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def amendment_withdraw(request, pk):
    amendment, partnership = _get_amendment(request, pk)
    return form_page(
        request,
        DeleteForm(form_data(request)),
        service=lambda **kw: amendments.amendment_withdraw(amendment, **kw),
        template=FORM,
        context={"title": _("Återkalla %(a)s") % {"a": amendment}, "partnership": partnership},
        success=amendment.get_absolute_url(),
        message=_("Ändringen är återkallad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def signature_create(request, pk):
    partnership = get_partnership_for_user(request, pk)
    initial = {"signed_on": timezone.localdate(), "document": Signature.Document.AGREEMENT}
    for key, field in (("andring", "amendment"), ("bilaga", "annex")):
        if request.GET.get(key):
            initial[field] = request.GET[key]
            initial["document"] = field
    if request.GET.get("part"):
        initial["participation"] = request.GET["part"]
    form = SignatureForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        partnership=partnership,
        initial=initial,
    )

    def success(signature):
        if signature.amendment_id:
            return signature.amendment.get_absolute_url()
        return _back(partnership, "#underskrifter")

    # Opened from an amendment's page ("registrera" next to a missing party), or from the tab.
    amendment_pk = request.GET.get("andring", "")
    cancel = (
        reverse("partnerships:amendment_detail", args=[amendment_pk])
        if amendment_pk.isascii() and amendment_pk.isdigit()
        else _back(partnership, "#underskrifter")
    )

    return form_page(
        request,
        form,
        service=lambda **kw: amendments.signature_create(partnership=partnership, **kw),
        template=FORM,
        context={"title": _("Registrera underskrift"), "partnership": partnership},
        success=success,
        cancel=cancel,
        message=_("Underskriften är registrerad."),
    )


def _get_signature(request, pk):
    signature = get_signature_for_user(request, pk)
    return signature, signature.partnership


def _signature_back(signature, partnership):
    """Where the signature is listed: its amendment's page, or the tab with the agreement's and
    the bilagor's signatures."""
    if signature.amendment_id:
        return signature.amendment.get_absolute_url()
    return _back(partnership, "#underskrifter")


@administration_required
@require_http_methods(["GET", "POST"])
def signature_correct(request, pk):
    signature, partnership = _get_signature(request, pk)
    form = SignatureCorrectionForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=signature,
    )
    return form_page(
        request,
        form,
        service=lambda **kw: amendments.signature_correct(signature, **kw),
        template="partnerships/signature_correct.html",
        context={
            "title": _("Rätta underskrift"),
            "partnership": partnership,
            "signature": signature,
        },
        success=_signature_back(signature, partnership),
        message=_("Rättelsen är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def signature_delete(request, pk):
    signature, partnership = _get_signature(request, pk)
    return form_page(
        request,
        DeleteForm(form_data(request)),
        service=lambda **kw: amendments.signature_delete(signature, **kw) or partnership,
        template="partnerships/signature_delete.html",
        context={
            "object": signature,
            "partnership": partnership,
            "signature": signature,
            "refusal": signature.deletion_refusal(),
        },
        success=_signature_back(signature, partnership),
        message=_("Underskriften är borttagen."),
    )


@login_required
def signature_scan(request, pk):
    """The scanned signature page, to those who may see the signature: every party for the
    agreement's and amendments', only the bilaga's party for a bilaga's."""
    signature = get_signature_for_user(request, pk)
    return serve_file(signature.scan, filename=signature.scan_download_name)


# --- As it stood -------------------------------------------------------------------------


@administration_required
def partnership_as_of_view(request, pk):
    partnership = get_partnership_for_user(request, pk)
    form = AsOfForm(request.GET if "datum" in request.GET else None)
    when = None
    moment_error = ""
    if request.GET.get("tidpunkt"):
        when = _moment(request.GET["tidpunkt"])
        if when is None:
            moment_error = _("Tidpunkten i länken går inte att läsa. Välj ett datum i stället.")
    elif form.is_valid():
        day = form.cleaned_data["datum"]
        when = timezone.make_aware(dt.datetime.combine(day, dt.time.max))
    snapshot = partnership_as_of(partnership, when) if when else None
    return render(
        request,
        "partnerships/partnership_as_of.html",
        {
            "partnership": partnership,
            "form": form,
            "snapshot": snapshot,
            "when": when,
            "moment_error": moment_error,
        },
    )


def _moment(text):
    """The moment an "as it stood" link names (ISO 8601, local time unless it says otherwise),
    or None when it names none: not a time, or one the database cannot store (the history is
    kept in UTC, and year 1 or 9999 may fall outside it once converted)."""
    try:
        when = dt.datetime.fromisoformat(text)
        if timezone.is_naive(when):
            when = timezone.make_aware(when)
        when.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        return None
    return when


# --- Money -------------------------------------------------------------------------------


@administration_required
@require_http_methods(["GET", "POST"])
def payment_plan_edit(request, pk):
    annex = get_annex_for_user(request, pk)
    plan = PaymentPlan.objects.filter(annex=annex).first()
    return form_page(
        request,
        PaymentPlanForm(form_data(request), instance=plan),
        service=lambda **kw: money.payment_plan_set(annex=annex, **kw),
        template=FORM,
        context={"title": _("Utbetalningsplan"), "partnership": annex.partnership, "annex": annex},
        success=annex.get_absolute_url() + "#utbetalningar",
        message=_("Utbetalningarna är planerade."),
    )


def _get_payment(request, pk):
    payment = get_payment_for_user(request, pk)
    return payment, payment.annex


@administration_required
@require_http_methods(["GET", "POST"])
def payment_paid(request, pk):
    payment, annex = _get_payment(request, pk)
    return form_page(
        request,
        PaymentPaidForm(
            form_data(request),
            initial={"paid_on": timezone.localdate(), "paid_amount": payment.amount},
        ),
        service=lambda **kw: money.payment_mark_paid(payment, **kw),
        template=FORM,
        context={
            "title": _("Markera som utbetald"),
            "partnership": annex.partnership,
            "annex": annex,
        },
        success=annex.get_absolute_url() + "#utbetalningar",
        message=_("Utbetalningen är registrerad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def payment_stop(request, pk):
    payment, annex = _get_payment(request, pk)
    return form_page(
        request,
        PaymentStopForm(form_data(request), partnership=annex.partnership),
        service=lambda **kw: money.payment_stop(payment, **kw),
        template=FORM,
        context={
            "title": _("Stoppa utbetalning"),
            "partnership": annex.partnership,
            "annex": annex,
        },
        success=annex.get_absolute_url() + "#utbetalningar",
        message=_("Utbetalningen är stoppad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def repayment_claim_create(request, pk):
    annex = get_annex_for_user(request, pk)
    return form_page(
        request,
        RepaymentClaimForm(form_data(request), partnership=annex.partnership),
        service=lambda **kw: money.repayment_claim_create(annex=annex, **kw),
        template=FORM,
        context={
            "title": _("Återbetalningskrav"),
            "partnership": annex.partnership,
            "annex": annex,
        },
        success=annex.get_absolute_url() + "#utbetalningar",
        message=_("Kravet är registrerat."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def co_financing_edit(request, pk):
    annex = get_annex_for_user(request, pk)
    return form_page(
        request,
        CoFinancingForm(form_data(request), initial={"year": timezone.localdate().year}),
        service=lambda **kw: money.co_financing_set(annex=annex, **kw),
        template=FORM,
        context={"title": _("Medfinansiering"), "partnership": annex.partnership, "annex": annex},
        success=annex.get_absolute_url() + "#utbetalningar",
        message=_("Medfinansieringen är sparad."),
    )
