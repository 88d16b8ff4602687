"""Which partnerships a user sees and finds, and their status as the pages show it, in SQL."""

from collections import defaultdict

from django.db.models import Case, CharField, Exists, F, OuterRef, Prefetch, Q, Value, When
from django.utils import timezone

from partnerships.grants import GrantedQuerySet


def _related(model, name):
    """The model at the other end of `model`'s relation `name` (defined after this module)."""
    return model._meta.get_field(name).related_model


def started_by(queryset, user):
    """The rows of `queryset` (of a model with `history = HistoricalRecords()`) whose first
    version `user` recorded: who made it, as the history says (no model stores an author)."""
    created = queryset.model.history.filter(
        id=OuterRef("pk"), history_type="+", history_user_id=user.pk
    )
    return queryset.filter(Exists(created))


def parties_not_signed(participations, documents, signed, on=None):
    """{document key: the parties on day `on` (today by default) of its partnership that have
    not signed it}: what the agreement and an amendment each wait for, every current party's
    signature (`ParticipationQuerySet.current`). `participations` is Participation's manager,
    `documents` {key: partnership id}, `signed` the (key, participation id) pairs of their
    signatures. One query, whatever the number of documents."""
    if not documents:
        return {}
    parties = defaultdict(list)
    current = participations.current(on).filter(partnership_id__in=set(documents.values()))
    for party in current.select_related("organisation"):
        parties[party.partnership_id].append(party)
    return {
        key: [party for party in parties[partnership_id] if (key, party.pk) not in signed]
        for key, partnership_id in documents.items()
    }


class PartnershipQuerySet(GrantedQuerySet):
    """`visible_to(user)`: a representative sees the partnerships their organisation is or was
    a party to (the `view_partnership` grant each participation gives), and in them what the
    partnership shares with every party."""

    def search(self, text):
        """Title, diarienummer or a party's name contains the text."""
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(title__icontains=text)
            | Q(registration_number__icontains=text)
            | Q(participations__organisation__name__icontains=text)
        ).distinct()

    def with_party(self, organisations):
        """Those with a party among `organisations` (a queryset or a list)."""
        return self.filter(participations__organisation__in=organisations).distinct()

    def started_by(self, user):
        return started_by(self, user)

    def awaiting_signatures(self):
        """Decided and not yet signed: "undertecknad" needs every current party's signature
        of the agreement (`Partnership.guard_signed`)."""
        return self.filter(status=self.model.Status.DECIDED)

    def missing_agreement_signatures(self, partnerships, on=None):
        """{pk: the current parties that have not signed the agreement} for `partnerships`
        (`Partnership.missing_agreement_signatures` for many): two queries."""
        ids = {partnership.pk: partnership.pk for partnership in partnerships}
        Signature = _related(self.model, "signatures")
        signed = set(
            Signature.objects.filter(
                partnership_id__in=list(ids), document=Signature.Document.AGREEMENT
            ).values_list("partnership_id", "participation_id")
        )
        return parties_not_signed(_related(self.model, "participations").objects, ids, signed, on)

    def public(self, with_text=False):
        """What the public register shows: the partnerships decided or further on
        (`Partnership.PUBLIC_STATUSES`) that are not wholly secret under OSL, each with its
        parties and their organisations, its signed bilagor (`AnnexQuerySet.signed`: a draft
        is not yet a public document) with their compensation, and
        with `with_text` `public_clauses`, the sections of its text not marked secret. The one
        rule of what is public, used by the register's pages and its open data alike (a text
        field's own mark: `Partnership.public_text`; a secret bilaga's text: `Annex.secret`).
        Five queries (six with the text) whatever the number of partnerships."""
        Clause = _related(self.model, "clauses")
        Annex = _related(self.model, "annexes")
        public = (
            self.filter(status__in=self.model.PUBLIC_STATUSES)
            .exclude(secrecy=self.model.Secrecy.WHOLE)
            .prefetch_related(
                "participations__organisation",
                Prefetch(
                    "annexes",
                    queryset=Annex.objects.signed()
                    .select_related("participation__organisation")
                    .prefetch_related("compensations")
                    .order_by("number", "pk"),
                ),
            )
        )
        if not with_text:
            return public
        return public.prefetch_related(
            Prefetch(
                "clauses",
                queryset=Clause.objects.filter(secret=False).order_by("order", "pk"),
                to_attr="public_clauses",
            )
        )

    def in_year(self, year):
        """Partnerships whose period (up to the current end) overlaps the calendar year."""
        return self.filter(start_date__year__lte=year, end_date__year__gte=year)

    def with_effective_status(self, on=None):
        """Annotate `effective_status`: the status as every page shows it on day `on` (today by
        default), the stored one except that a partnership that has run out
        (`Partnership.has_run_out`) is "ended" before the daily `apply_extensions` writes it.
        The same rule as `Partnership.status_on`, in SQL, so a list can filter and count by it.

        One query before the annotation: the live automatic partnerships whose stored end has
        passed while an extension may still be due (none once the daily command has run), whose
        end as it stands is worked out by `period_rules` as on the partnership page."""
        on = on or timezone.localdate()
        Status = self.model.Status
        ran_out = Q(status__in=self.model.ENDS_WITH_ITS_PERIOD, end_date__lt=on)
        still_running = self._extended_past_stored_end(on)
        if still_running:
            ran_out &= ~Q(pk__in=still_running)
        return self.annotate(
            effective_status=Case(
                When(ran_out, then=Value(Status.ENDED)),
                default=F("status"),
                output_field=CharField(),
            )
        )

    def in_status(self, status, on=None):
        """The partnerships whose status on day `on`, as the pages show it, is `status`."""
        return self.with_effective_status(on).filter(effective_status=status)

    def _extended_past_stored_end(self, on):
        candidates = self.model._default_manager.filter(
            status__in=self.model.ENDS_WITH_ITS_PERIOD,
            end_date__lt=on,
            extension_kind=self.model.ExtensionKind.AUTOMATIC,
            extension_last_date__gt=F("end_date"),
        ).prefetch_related("notices", "extensions")
        return [p.pk for p in candidates if p.end_as_of(on) >= on]
