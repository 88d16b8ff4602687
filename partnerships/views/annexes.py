"""Bilagor, their commitments and compensation rows."""

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from iop.views_helpers import form_data, form_page
from partnerships.forms import (
    AnnexForm,
    CommitmentForm,
    CompensationForm,
    DeleteForm,
)
from partnerships.models import (
    Annex,
    Commitment,
    Compensation,
    Correction,
    Payment,
    PaymentPlan,
)
from partnerships.permissions import (
    administration_required,
    get_annex_for_user,
    get_commitment_for_user,
    get_compensation_for_user,
    get_partnership_for_user,
)
from partnerships.services import annexes
from partnerships.state_aid import ceiling_warning
from partnerships.tabs import section_url
from partnerships.views.corrections import terms_locked_page


@administration_required
def annex_detail(request, pk):
    annex = get_annex_for_user(request, pk)
    annex = (
        Annex.objects.select_related("partnership", "participation__organisation")
        .prefetch_related(
            Prefetch("commitments", queryset=Commitment.objects.order_by("order", "pk")),
            # With their payments, which decide whether a row may be deleted.
            Prefetch(
                "compensations",
                queryset=Compensation.objects.order_by("period_start").prefetch_related("payments"),
            ),
        )
        .get(pk=annex.pk)
    )
    payments = list(annex.payments.order_by("due_on", "pk"))
    return render(
        request,
        "partnerships/annex_detail.html",
        {
            "annex": annex,
            "plan": PaymentPlan.objects.filter(annex=annex).first(),
            "payments": payments,
            # What the party's leaving did to them (services.money.cancel_payments_after).
            "cancelled": [p for p in payments if p.status == Payment.Status.CANCELLED],
            "claims": annex.repayment_claims.select_related("committee_decision"),
            "co_financing": annex.co_financing.all(),
            "corrections": Correction.objects.of_annex(annex),
        },
    )


@administration_required
@require_http_methods(["GET", "POST"])
def annex_create(request, pk):
    partnership = get_partnership_for_user(request, pk)
    return form_page(
        request,
        AnnexForm(
            form_data(request),
            partnership=partnership,
            initial={
                "number": partnership.annexes.count() + 1,
                "start_date": partnership.start_date,
                "end_date": partnership.end_date,
            },
        ),
        service=lambda **kw: annexes.annex_create(partnership=partnership, **kw),
        template="partnerships/form.html",
        context={"title": _("Ny bilaga"), "partnership": partnership},
        success=lambda obj: obj.get_absolute_url(),
        cancel=section_url(partnership.pk, "bilagor"),
        message=_("Bilagan är skapad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def annex_edit(request, pk):
    annex = get_annex_for_user(request, pk)
    if request.method == "GET" and annex.terms_locked:
        return terms_locked_page(
            request, annex.partnership, annex=annex, title=_("Ändra %(annex)s") % {"annex": annex}
        )
    return form_page(
        request,
        AnnexForm(form_data(request), instance=annex, partnership=annex.partnership),
        service=lambda **kw: annexes.annex_update(annex, **kw),
        template="partnerships/form.html",
        context={
            "title": _("Ändra %(annex)s") % {"annex": annex},
            "partnership": annex.partnership,
        },
        success=annex.get_absolute_url(),
        message=_("Ändringen är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def commitment_create(request, pk):
    annex = get_annex_for_user(request, pk)
    if request.method == "GET" and annex.terms_locked:
        return terms_locked_page(request, annex.partnership, annex=annex, title=_("Nytt åtagande"))
    return form_page(
        request,
        CommitmentForm(
            form_data(request), annex=annex, initial={"order": annex.commitments.count() + 1}
        ),
        service=lambda **kw: annexes.commitment_create(annex=annex, **kw),
        template="partnerships/form.html",
        context={"title": _("Nytt åtagande"), "partnership": annex.partnership, "annex": annex},
        success=annex.get_absolute_url(),
        message=_("Åtagandet är tillagt."),
    )


def _get_commitment(request, pk):
    commitment = get_commitment_for_user(request, pk)
    return commitment, commitment.annex


@administration_required
@require_http_methods(["GET", "POST"])
def commitment_edit(request, pk):
    commitment, annex = _get_commitment(request, pk)
    if request.method == "GET" and annex.terms_locked:
        return terms_locked_page(request, annex.partnership, annex=annex, title=_("Ändra åtagande"))
    return form_page(
        request,
        CommitmentForm(form_data(request), instance=commitment, annex=annex),
        service=lambda **kw: annexes.commitment_update(commitment, **kw),
        template="partnerships/form.html",
        context={"title": _("Ändra åtagande"), "partnership": annex.partnership, "annex": annex},
        success=annex.get_absolute_url(),
        message=_("Ändringen är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def commitment_delete(request, pk):
    commitment, annex = _get_commitment(request, pk)
    if request.method == "GET" and annex.terms_locked:
        return terms_locked_page(
            request, annex.partnership, annex=annex, title=_("Ta bort åtagande")
        )
    return form_page(
        request,
        DeleteForm(form_data(request)),
        service=lambda **kw: annexes.commitment_delete(commitment, **kw) or annex,
        template="partnerships/confirm_delete.html",
        context={"object": commitment, "partnership": annex.partnership, "annex": annex},
        success=annex.get_absolute_url(),
        message=_("Åtagandet är borttaget."),
    )


def _compensation_warnings(compensation):
    """What staff should check after saving: a period past the bilaga's end, and aid that
    now passes a state-aid ceiling (partnerships.state_aid)."""
    found = [compensation.past_annex_end_remark, ceiling_warning(compensation)]
    return " ".join(text for text in found if text)


@administration_required
@require_http_methods(["GET", "POST"])
def compensation_create(request, pk):
    annex = get_annex_for_user(request, pk)
    if request.method == "GET" and annex.terms_locked:
        return terms_locked_page(request, annex.partnership, annex=annex, title=_("Ny ersättning"))
    return form_page(
        request,
        CompensationForm(
            form_data(request),
            annex=annex,
            initial={"period_start": annex.start_date, "period_end": annex.end_date},
        ),
        service=lambda **kw: annexes.compensation_create(annex=annex, **kw),
        template="partnerships/form.html",
        context={"title": _("Ny ersättning"), "partnership": annex.partnership, "annex": annex},
        success=annex.get_absolute_url(),
        message=_("Ersättningen är tillagd."),
        warning=_compensation_warnings,
    )


@administration_required
@require_http_methods(["GET", "POST"])
def compensation_edit(request, pk):
    compensation = get_compensation_for_user(request, pk)
    annex = compensation.annex
    if request.method == "GET" and annex.terms_locked:
        return terms_locked_page(
            request, annex.partnership, annex=annex, title=_("Ändra ersättning")
        )
    return form_page(
        request,
        CompensationForm(form_data(request), instance=compensation, annex=annex),
        service=lambda **kw: annexes.compensation_update(compensation, **kw),
        template="partnerships/form.html",
        context={"title": _("Ändra ersättning"), "partnership": annex.partnership, "annex": annex},
        success=annex.get_absolute_url(),
        message=_("Ändringen är sparad."),
        warning=_compensation_warnings,
    )


@administration_required
@require_http_methods(["GET", "POST"])
def compensation_delete(request, pk):
    compensation = get_compensation_for_user(request, pk)
    annex = compensation.annex
    if request.method == "GET" and annex.terms_locked:
        return terms_locked_page(
            request, annex.partnership, annex=annex, title=_("Ta bort ersättning")
        )
    return form_page(
        request,
        DeleteForm(form_data(request)),
        service=lambda **kw: annexes.compensation_delete(compensation, **kw) or annex,
        template="partnerships/confirm_delete.html",
        context={
            "object": compensation,
            "partnership": annex.partnership,
            "annex": annex,
            # Said before anyone writes a reason; a refused POST keeps the form with the error.
            "refusal": compensation.deletion_refusal() if request.method == "GET" else "",
            "cancel_url": annex.get_absolute_url(),
        },
        success=annex.get_absolute_url(),
        message=_("Ersättningen är borttagen."),
    )
