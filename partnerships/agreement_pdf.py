"""The agreement as a PDF: the overarching agreement, each bilaga and a signature block per
party with the signatures recorded so far."""

from django.contrib.auth.decorators import login_required
from django.utils import timezone

from iop.pdf import pdf_response, render_pdf
from partnerships.models import Signature
from partnerships.permissions import get_partnership_for_user
from partnerships.views import _detail_queryset


def agreement_context(partnership):
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
    for annex in annexes:
        annex.signature_list = annex_signatures.get(annex.pk, [])
    return {
        "partnership": partnership,
        "signature_rows": [(party, signatures.get(party.pk)) for party in parties],
        "annexes": annexes,
        "today": timezone.localdate(),
    }


def render_agreement(partnership):
    return render_pdf("partnerships/pdf/agreement.html", agreement_context(partnership))


@login_required
def agreement_pdf(request, pk):
    """Staff, and representatives of the partnership's parties."""
    partnership = get_partnership_for_user(request, pk)
    filename = f"iop-{partnership.registration_number}.pdf".replace(" ", "-").replace("/", "-")
    return pdf_response(render_agreement(partnership), filename)
