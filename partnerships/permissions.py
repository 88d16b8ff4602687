"""Who may see and change what.

Views never fetch an object directly: they go through the `get_*_for_user` helpers, which answer
404 for anything the user may not see, so that a guessed URL reveals nothing. Förvaltning staff
see everything. An NGO representative sees what their organisation's django-guardian group
("org-<pk>", see `partnerships.grants`) holds object permissions on: the partnerships their
organisation is (or was) a party to and its own bilagor. The grants follow the data through
signals, so nothing here asks "which organisation" row by row: lists are filtered in one query.

Each model decides which of its rows a user sees, once, in its QuerySet's `visible_to(user)`:
what the partnership shares with all its parties (the partnership, the agreement's signatures)
by the partnership's grant, what belongs to one party (its bilaga and everything of that
bilaga: commitments, compensation, payments, the bilaga's signatures) by the bilaga's grant,
also when several organisations are parties to one partnership. The helpers here only add the
404.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from iop.prepared import Param, PreparedQuery, Viewer
from partnerships.grants import is_administration
from partnerships.models import (
    AccountingCode,
    AgreementImport,
    Annex,
    Commitment,
    Compensation,
    ImportAttachment,
    Organisation,
    Partnership,
    Payment,
    RepaymentClaim,
    Signature,
    SignedDocument,
    StateAidCeiling,
)


def administration_required(view):
    """Förvaltning staff only; anonymous visitors go to the login page, others get 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_administration(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def visible_partnerships(user, queryset):
    return queryset.visible_to(user)


def visible_annexes(user, queryset):
    return queryset.visible_to(user)


# The partnership of a page, compiled once (iop/prepared.py): building the queryset with the
# access rule cost more CPU than the query itself, on every tab of the partnership page.
_PARTNERSHIP = PreparedQuery(lambda: Partnership.objects.filter(pk=Param("pk")))
_VIEWERS_PARTNERSHIP = PreparedQuery(
    lambda: Partnership.objects.visible_to(Viewer()).filter(pk=Param("pk"))
)
_BIGINT = range(-(2**63), 2**63)


def get_partnership_for_user(request, pk, queryset=None):
    user = request.user
    if queryset is None and user.is_authenticated and user.is_active:
        try:
            pk = int(pk)  # a URL's regular expression gives it as text
        except (TypeError, ValueError):
            raise Http404 from None
        if pk not in _BIGINT:
            raise Http404  # no row has it (as the ORM answers a value out of the column's range)
        if is_administration(user):
            found = _PARTNERSHIP.list(pk=pk)
        else:
            found = _VIEWERS_PARTNERSHIP.list(pk=pk, **Viewer.values(user))
        if not found:
            raise Http404
        return found[0]
    queryset = queryset if queryset is not None else Partnership.objects.all()
    return get_object_or_404(queryset.visible_to(user), pk=pk)


def get_annex_for_user(request, pk):
    queryset = Annex.objects.select_related("partnership", "participation__organisation")
    return get_object_or_404(queryset.visible_to(request.user), pk=pk)


_OF_ANNEX = ("annex__partnership", "annex__participation__organisation")


def get_commitment_for_user(request, pk):
    queryset = Commitment.objects.select_related(*_OF_ANNEX)
    return get_object_or_404(queryset.visible_to(request.user), pk=pk)


def get_compensation_for_user(request, pk):
    queryset = Compensation.objects.select_related(*_OF_ANNEX)
    return get_object_or_404(queryset.visible_to(request.user), pk=pk)


def get_payment_for_user(request, pk):
    queryset = Payment.objects.select_related(*_OF_ANNEX)
    return get_object_or_404(queryset.visible_to(request.user), pk=pk)


def get_repayment_claim_for_user(request, pk):
    queryset = RepaymentClaim.objects.select_related(*_OF_ANNEX)
    return get_object_or_404(queryset.visible_to(request.user), pk=pk)


def get_signature_for_user(request, pk):
    """A signature of the agreement or an amendment for every party of the partnership; a
    bilaga's signature (and its scan) only for the bilaga's party."""
    queryset = Signature.objects.select_related(
        "partnership", "participation__organisation", "annex", "amendment"
    )
    return get_object_or_404(queryset.visible_to(request.user), pk=pk)


def get_agreement_import_for_user(request, pk):
    """An agreement brought in from its document: staff see every one. Once it has made a
    partnership its document is that agreement's original, seen by whoever sees the
    partnership (`get_partnership_for_user`); before that by staff alone."""
    if not (request.user.is_authenticated and request.user.is_active):
        raise Http404
    if int(pk) not in _BIGINT:
        raise Http404
    agreement_import = get_object_or_404(AgreementImport, pk=pk)
    if is_administration(request.user):
        return agreement_import
    if agreement_import.partnership_id is None:
        raise Http404
    get_partnership_for_user(request, agreement_import.partnership_id)
    return agreement_import


def get_accounting_code_for_user(request, pk):
    """A kontering is the förvaltning's own bookkeeping: staff only; for anyone else it does not
    exist."""
    if not is_administration(request.user):
        raise Http404
    return get_object_or_404(AccountingCode.objects.select_related("partnership"), pk=pk)


def get_organisation_for_user(request, pk):
    """The register of organisations is the förvaltning's: staff only."""
    if not is_administration(request.user):
        raise Http404
    return get_object_or_404(Organisation, pk=pk)


def get_ceiling_for_user(request, pk):
    if not is_administration(request.user):
        raise Http404
    return get_object_or_404(StateAidCeiling, pk=pk)


def get_signed_document_for_user(request, pk):
    """The agreement or an amendment as signed in the app: every party's, like the
    partnership (every party signs it)."""
    queryset = SignedDocument.objects.select_related("partnership", "amendment")
    return get_object_or_404(queryset.visible_to(request.user), pk=pk)


def get_import_attachment_for_user(request, pk):
    """A bilaga's file or the tjänsteutlåtande uploaded with an agreement: the förvaltning's
    documents, staff only. (A bilaga is one party's: the other parties of the same partnership
    may not see it, and the file is not tied to the bilaga's own grant.)"""
    if not is_administration(request.user):
        raise Http404
    if int(pk) not in _BIGINT:
        raise Http404
    attachment = get_object_or_404(ImportAttachment, pk=pk)
    get_agreement_import_for_user(request, attachment.agreement_import_id)
    return attachment
