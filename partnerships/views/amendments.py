"""Amendments to the agreement and the signatures that put them in force."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from iop.uploads import serve_file
from iop.views_helpers import form_data, form_page
from partnerships.forms import DeleteForm
from partnerships.forms_amendments import AmendmentForm
from partnerships.forms_lifecycle import SignatureCorrectionForm, SignatureForm
from partnerships.models import Amendment, Commitment, Compensation, Signature
from partnerships.permissions import (
    administration_required,
    get_partnership_for_user,
    get_signature_for_user,
)
from partnerships.services import amendments
from partnerships.views import FORM, back_to

# --- Amendments and signatures -----------------------------------------------------------


@administration_required
@require_http_methods(["GET", "POST"])
def amendment_create(request, pk):
    partnership = get_partnership_for_user(request, pk)
    # Opened from a locked edit page or a commitment: what the amendment changes is chosen.
    initial = {}
    if request.GET.get("atagande"):
        initial = {"target": Amendment.Target.COMMITMENT, "commitment": request.GET["atagande"]}
    elif request.GET.get("bilaga"):
        initial = {"target": Amendment.Target.ANNEX, "annex": request.GET["bilaga"]}
    elif "overenskommelsen" in request.GET:
        initial = {"target": Amendment.Target.PARTNERSHIP}
    return form_page(
        request,
        AmendmentForm(form_data(request), partnership=partnership, initial=initial),
        service=lambda **kw: amendments.amendment_create(partnership=partnership, **kw),
        template=FORM,
        context={"title": _("Ny ändring eller tillägg"), "partnership": partnership},
        success=lambda obj: obj.get_absolute_url(),
        cancel=back_to(partnership, "#andringar"),
        message=_("Ändringen är sparad som utkast."),
    )


def _get_amendment(request, pk):
    amendment = get_object_or_404(
        Amendment.objects.select_related("commitment", "annex", "committee_decision"), pk=pk
    )
    partnership = get_partnership_for_user(request, amendment.partnership_id)
    amendment.partnership = partnership
    return amendment, partnership


def _shown(field, value):
    """A proposed or current value as the agreement reads it (a month by name, yes/no, "–")."""
    if value in (None, ""):
        return "–"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    return value


def _change_rows(amendment):
    """(label, value now, proposed value) for each change the amendment makes."""
    target = amendment.target_object
    rows = []
    for name, value in amendment.proposed_values().items():
        field = target._meta.get_field(name)
        label = str(field.verbose_name).capitalize()
        rows.append((label, _shown(field, getattr(target, name, "")), _shown(field, value)))
    added, changed, removed = amendment.goal_changes()
    goals = {g.pk: g.text for g in _rows(amendment.partnership.goals, [*changed, *removed])}
    for pk, text in changed.items():
        rows.append((_("Mål"), goals.get(pk, "–"), text))
    for pk in removed:
        rows.append((_("Mål"), goals.get(pk, "–"), _("(tas bort)")))
    for text in added:
        rows.append((_("Nytt mål"), "–", text))
    added, changed, removed = amendment.clause_changes()
    clauses = {c.pk: c for c in _rows(amendment.partnership.clauses, [*changed, *removed])}
    for pk, values in changed.items():
        clause = clauses.get(pk)
        was = f"{clause}\n{clause.body}" if clause else "–"
        label = _("Avsnitt %(clause)s") % {"clause": clause} if clause else _("Avsnitt")
        rows.append((label, was, "\n".join(values.values())))
    for pk in removed:
        clause = clauses.get(pk)
        rows.append((_("Avsnitt"), str(clause) if clause else "–", _("(tas bort)")))
    for values in added:
        shown = " ".join(v for v in (values.get("number"), values.get("heading")) if v)
        rows.append((_("Nytt avsnitt"), "–", f"{shown}\n{values.get('body', '')}"))
    return rows + _annex_rows(amendment)


def _annex_rows(amendment):
    rows = []
    added, _changed, removed = amendment.commitment_changes()
    for commitment in _rows(Commitment.objects, removed):
        rows.append((_("Åtagande"), str(commitment), _("(tas bort)")))
    for values in added:
        rows.append(
            (_("Nytt åtagande"), "–", f"{values['title']}\n{values.get('description', '')}")
        )
    added, changed, _removed = amendment.compensation_changes()
    for row in _rows(Compensation.objects, changed):
        label = _("Ersättning %(start)s–%(end)s (kr)") % {
            "start": row.period_start.isoformat(),
            "end": row.period_end.isoformat(),
        }
        rows.append((label, row.amount, changed[row.pk].get("amount", "–")))
    for values in added:
        label = _("Ny ersättning %(start)s–%(end)s (kr)") % {
            "start": values["period_start"],
            "end": values["period_end"],
        }
        rows.append((label, "–", values["amount"]))
    return rows


def _rows(queryset, pks):
    return queryset.filter(pk__in=pks) if pks else []


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
        return back_to(partnership, "#underskrifter")

    # Opened from an amendment's page ("registrera" next to a missing party), or from the tab.
    amendment_pk = request.GET.get("andring", "")
    cancel = (
        reverse("partnerships:amendment_detail", args=[amendment_pk])
        if amendment_pk.isascii() and amendment_pk.isdigit()
        else back_to(partnership, "#underskrifter")
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
    return back_to(partnership, "#underskrifter")


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
