"""The agreement as a PDF, read like the signed document: its sections in the agreement's own
order and numbering (`agreement_outline`), the groups' rules and the period's conditions from
the data, a signature block per party with the signatures recorded so far, each bilaga on a new
page, and on every page the diarienummer, the text's date and "sida X av Y"."""

from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone

from iop.pdf import pdf_response, render_pdf
from iop.uploads import serve_file
from partnerships.agreement_outline import agreement_sections
from partnerships.models import (
    Annex,
    Clause,
    Commitment,
    Compensation,
    Goal,
    Partnership,
    Signature,
)
from partnerships.permissions import (
    get_partnership_for_user,
    is_administration,
    visible_annexes,
)
from partnerships.views.amendments import _change_rows as amendment_change_rows
from partnerships.views.register import parties_prefetch


def _last_change(model):
    """When the partnership's rows of `model` last changed (their history's latest date)."""
    return Subquery(
        model.history.filter(partnership_id=OuterRef("pk"))
        .order_by("-history_date")
        .values("history_date")[:1]
    )


def _agreement_queryset():
    """The whole agreement: text, goals, groups, parties, bilagor with commitments and
    compensation, and when its sections and goals last changed."""
    return Partnership.objects.annotate(
        clauses_changed_at=_last_change(Clause), goals_changed_at=_last_change(Goal)
    ).prefetch_related(
        Prefetch("goals", queryset=Goal.objects.order_by("order", "pk")),
        Prefetch("clauses", queryset=Clause.objects.order_by("order", "pk")),
        # The groups are governance's (reverse relation, no import): their rules as data.
        "groups__reports_to",
        parties_prefetch(),
        Prefetch(
            "annexes",
            queryset=Annex.objects.select_related("participation__organisation").prefetch_related(
                Prefetch("commitments", queryset=Commitment.objects.order_by("order", "pk")),
                Prefetch("compensations", queryset=Compensation.objects.order_by("period_start")),
            ),
        ),
    )


def text_changed_on(partnership):
    """The day the agreement text (the partnership, its sections or its goals) last changed:
    the version the printout shows. `partnership` comes from `_agreement_queryset()`."""
    latest = [partnership.updated_at, partnership.clauses_changed_at, partnership.goals_changed_at]
    return timezone.localdate(max(when for when in latest if when))


def agreement_changed_at(partnership):
    """When the agreement's text (the partnership, its sections or its goals) last changed."""
    row = (
        Partnership.objects.annotate(
            clauses_changed_at=_last_change(Clause), goals_changed_at=_last_change(Goal)
        )
        .only("updated_at")
        .get(pk=partnership.pk)
    )
    return max(
        when for when in (row.updated_at, row.clauses_changed_at, row.goals_changed_at) if when
    )


def agreement_context(partnership, user=None):
    """The whole agreement for staff (and without a user); a representative gets the
    overarching agreement with only the bilagor their organisation may see, as in the portal."""
    partnership = _agreement_queryset().get(pk=partnership.pk)
    signatures, annex_signatures = {}, {}
    for s in Signature.objects.filter(
        partnership=partnership,
        document__in=[Signature.Document.AGREEMENT, Signature.Document.ANNEX],
    ).select_related("participation__organisation"):
        if s.document == Signature.Document.AGREEMENT:
            signatures[s.participation_id] = s
        else:
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
        "sections": agreement_sections(partnership),
        "signature_rows": [(party, signatures.get(party.pk)) for party in parties],
        "annexes": annexes,
        "hidden_annexes": hidden,
        "text_changed_on": text_changed_on(partnership),
        "today": timezone.localdate(),
    }


def render_agreement(partnership, user=None):
    return render_pdf("partnerships/pdf/agreement.html", agreement_context(partnership, user))


@login_required
def agreement_pdf(request, pk):
    """Staff, and representatives of the partnership's parties. Once every party has signed it
    in the app, the sealed file."""
    partnership = get_partnership_for_user(request, pk)
    sealed = partnership.signed_documents.filter(amendment=None).exclude(sealed_pdf="").first()
    if sealed is not None:
        # Signed by every party in the app: every later download is the sealed file.
        return serve_file(sealed.sealed_pdf, filename=sealed.download_name)
    number = partnership.registration_number or partnership.pk  # a document may give none
    filename = f"iop-{number}.pdf".replace(" ", "-").replace("/", "-")
    return pdf_response(render_agreement(partnership, request.user), filename)


def render_amendment(amendment):
    """An amendment as PDF/A: what it changes (the new wording) and who signed it."""
    signatures = amendment.signatures.select_related("participation__organisation").order_by(
        "signed_on", "pk"
    )
    return render_pdf(
        "partnerships/pdf/amendment.html",
        {
            "amendment": amendment,
            "partnership": amendment.partnership,
            # The amendment page's own rows: the printout says what the page says.
            "change_rows": amendment_change_rows(amendment),
            "signatures": signatures,
        },
    )
