"""Synpunkter och klagomål, as aggregated counts per organisation and period."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.grants import GrantedQuerySet
from reporting.models.periods import ReportingPeriod


class FeedbackEntryQuerySet(GrantedQuerySet):
    """`visible_to(user)`: an organisation's counts are its own (granted to it when
    registered); staff compile them."""


class FeedbackEntry(models.Model):
    """Synpunkter och klagomål, aggregated: how many of a kind in a period and how handled."""

    class Category(models.TextChoices):
        COMPLAINT = "complaint", _("Klagomål")
        OPINION = "opinion", _("Synpunkt")
        SUGGESTION = "suggestion", _("Förslag")
        PRAISE = "praise", _("Beröm")

    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        related_name="feedback_entries",
        verbose_name=_("period"),
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="feedback_entries",
        verbose_name=_("organisation"),
    )
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    count = models.PositiveIntegerField(_("antal"))
    handling = models.TextField(
        _("hur de hanterades"),
        help_text=_("Skriv inga namn eller personuppgifter."),
    )

    history = HistoricalRecords()
    objects = FeedbackEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("synpunkter och klagomål")
        verbose_name_plural = _("synpunkter och klagomål")
        ordering = ["period__start", "organisation__name", "category"]

    def __str__(self):
        return f"{self.get_category_display()}: {self.count}"
