"""The agreement as a PDF: the overarching agreement, each bilaga and a signature block per
party with the signatures recorded so far."""

from django.contrib.auth.decorators import login_required
from django.utils import timezone

from iop.pdf import pdf_response, render_pdf
from partnerships.models import Signature
from partnerships.permissions import (
    get_partnership_for_user,
    is_administration,
    visible_annexes,
)
from partnerships.views.register import _detail_queryset


def agreement_context(partnership, user=None):
    """The whole agreement for staff (and without a user); a representative gets the
    overarching agreement with only the bilagor their organisation may see, as in the portal."""
    partnership = _detail_queryset().get(pk=partnership.pk)
    signatures = {
        s.participation_id: s
        for s in Signature.objects.filter(
            partnership=partnership, document=Signature.Document.AGREEMENT
        )
    }
    annex_signatures = {}
    for s in Signature.objects.filter(
        partnership=partnership, document=Signature.Document.ANNEX
    ).select_related("participation__organisation"):
        annex_signatures.setdefault(s.annex_id, []).append(s)
    parties = list(partnership.participations.all())
    annexes = list(partnership.annexes.all())  # prefetched with commitments and compensation
    hidden = 0
    if user is not None and not is_administration(user):
        mine = set(visible_annexes(user, partnership.annexes.all()).values_list("pk", flat=True))
        hidden = sum(1 for annex in annexes if annex.pk not in mine)
        annexes = [annex for annex in annexes if annex.pk in mine]
    for annex in annexes:
        annex.signature_list = annex_signatures.get(annex.pk, [])
    return {
        "partnership": partnership,
        "signature_rows": [(party, signatures.get(party.pk)) for party in parties],
        "annexes": annexes,
        "hidden_annexes": hidden,
        "today": timezone.localdate(),
    }


def render_agreement(partnership, user=None):
    return render_pdf("partnerships/pdf/agreement.html", agreement_context(partnership, user))


@login_required
def agreement_pdf(request, pk):
    """Staff, and representatives of the partnership's parties."""
    partnership = get_partnership_for_user(request, pk)
    filename = f"iop-{partnership.registration_number}.pdf".replace(" ", "-").replace("/", "-")
    return pdf_response(render_agreement(partnership, request.user), filename)
