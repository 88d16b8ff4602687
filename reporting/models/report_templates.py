"""What an activity report asks, as the steering group decided: the report template (one row per
version) and the gender categories figures are counted by."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

GENDERS = [
    ("women", _("Kvinnor och flickor")),
    ("men", _("Män och pojkar")),
    ("other", _("Annan könsidentitet eller uppgift saknas")),
]
DEFAULT_AGE_BANDS = ["0–17", "18–25", "26–64", "65+"]


class ReportTemplate(models.Model):
    """What an activity report must contain, as decided by the steering group.

    One row per version: changing a template creates a new version, and every report points at
    the version it was written against. The partnership's goals are copied in at creation so a
    report keeps its questions even when a goal is reworded later.
    """

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="report_templates",
        verbose_name=_("partnerskap"),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    decision = models.CharField(
        _("beslut"),
        max_length=300,
        blank=True,
        help_text=_("T.ex. styrgruppens möte 2024-02-01 § 3."),
    )
    steering_decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_templates",
        verbose_name=_("styrgruppens beslut"),
    )
    require_gender = models.BooleanField(_("antal per kön krävs"), default=True)
    age_bands = models.JSONField(_("åldersgrupper"), default=list, blank=True)
    ask_country = models.BooleanField(_("antal per ursprungsland"), default=False)
    custom_counts = models.JSONField(_("egna antal"), default=list, blank=True)
    questions = models.JSONField(_("frågor"), default=list, blank=True)
    goals = models.JSONField(_("mål att besvara"), default=list, blank=True)
    ask_feedback = models.BooleanField(_("sammanfattning av synpunkter och klagomål"), default=True)
    ask_followup = models.BooleanField(_("uppföljning med deltagarna"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rapportmall")
        verbose_name_plural = _("rapportmallar")
        ordering = ["partnership", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "version"], name="unique_template_version"
            )
        ]

    def __str__(self):
        return _("Rapportmall version %(version)s") % {"version": self.version}

    def question_items(self):
        """(key, label, required) for every narrative question in order."""
        items = [(f"goal{goal['id']}", goal["text"], True) for goal in self.goals]
        items += [(f"q{index}", text, True) for index, text in enumerate(self.questions, 1)]
        if self.ask_feedback:
            items.append(("feedback", str(_("Sammanfattning av synpunkter och klagomål")), True))
        if self.ask_followup:
            items.append(("followup", str(_("Uppföljning med deltagarna")), True))
        return items
