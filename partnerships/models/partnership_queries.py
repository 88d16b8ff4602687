"""Which partnerships a user sees and finds, and their status as the pages show it, in SQL."""

from django.db.models import Case, CharField, F, Q, Value, When
from django.utils import timezone

from partnerships.grants import GrantedQuerySet


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
