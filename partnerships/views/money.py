"""Payments under a bilaga: the plan, paying, stopping, repayment claims and co-financing."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from iop.views_helpers import form_data, form_page
from partnerships.forms import ReasonFormMixin
from partnerships.forms_lifecycle import (
    CoFinancingForm,
    PaymentPaidForm,
    PaymentPlanForm,
    PaymentStopForm,
    RepaymentClaimForm,
)
from partnerships.models import PaymentPlan, RepaymentClaim
from partnerships.permissions import (
    administration_required,
    get_annex_for_user,
    get_payment_for_user,
    get_repayment_claim_for_user,
)
from partnerships.services import money
from partnerships.views import FORM

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
def repayment_claim_step(request, pk, action):
    """Repaid or written off: a step of `RepaymentClaim.lifecycle` the claim may take now (the
    bilaga's page links to those, see `allowed_actions`); the reason goes into the history."""
    claim = get_repayment_claim_for_user(request, pk)
    # Only the steps a person takes (those with a button label); a refused one (a claim already
    # repaid) is refused by the mechanism, with its message on the page.
    steps = {step.name: step for step in RepaymentClaim.lifecycle.transitions if step.label}
    if action not in steps:
        raise Http404
    step = steps[action]
    annex = claim.annex
    return form_page(
        request,
        ReasonFormMixin(form_data(request)),
        service=lambda **kw: money.repayment_claim_step(claim, action=action, **kw),
        template=FORM,
        context={
            "title": f"{_('Återbetalningskrav')} {claim}: {step.label}",
            "partnership": annex.partnership,
            "annex": annex,
        },
        success=annex.get_absolute_url() + "#utbetalningar",
        message=_("Ändringen är sparad."),
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
