"""Decisions and votes, escalations to the steering group, remediation plans."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models.groups import Group, GroupMember
from governance.models.meetings import AgendaItem
from partnerships.grants import is_administration
from partnerships.models import Organisation
from partnerships.transitions import HasLifecycle, Lifecycle, Transition


class DecisionQuerySet(models.QuerySet):
    def awaiting_joining(self, partnership):
        """Adopted new-party decisions in the partnership's groups whose joining is still to be
        completed in the join form."""
        return self.filter(
            item__group__partnership=partnership,
            type=Decision.Type.NEW_PARTY,
            outcome=Decision.Outcome.ADOPTED,
            follow_up=Decision.FollowUp.PENDING,
        ).select_related("item")


class Decision(HasLifecycle, models.Model):
    class Type(models.TextChoices):
        GENERAL = "general", _("Övrigt beslut")
        CHANGE_COMMITMENTS = "change_commitments", _("Ändrade åtaganden")
        NEW_PARTY = "new_party", _("Ny part")
        REMEDIATION_PLAN = "remediation_plan", _("Åtgärdsplan")
        TERMINATION = "termination", _("Uppsägning")
        REPORT_CONTENTS = "report_contents", _("Rapporternas innehåll")

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Bifall")
        REJECTED = "rejected", _("Avslag")
        TIE = "tie", _("Lika röstetal – inget beslut")

    class TieResolution(models.TextChoices):
        NONE = "", _("–")
        CHAIR_CASTING_VOTE = "chair_casting_vote", _("Ordförandens utslagsröst")
        LOT = "lot", _("Lottning")

    class FollowUp(models.TextChoices):
        NONE = "none", _("Ingen uppföljning behövs")
        PENDING = "pending", _("Väntar på åtgärd")
        DONE = "done", _("Genomfört")

    # The follow-up is set when the decision is recorded (pending for a decision that starts
    # work) and is done once that work is; governance.services.minutes.decision_follow_up.
    lifecycle = Lifecycle(
        Transition("follow_up_done", {FollowUp.PENDING}, FollowUp.DONE), field="follow_up"
    )

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("paragraf")
    )
    text = models.TextField(_("beslut"))
    type = models.CharField(_("typ"), max_length=30, choices=Type.choices, default="general")
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices)
    votes_counted = models.BooleanField(_("röstning"), default=False)
    votes_for = models.PositiveSmallIntegerField(_("för"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("emot"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("avstår"), default=0)
    tie = models.BooleanField(_("lika röstetal"), default=False)
    tie_resolution = models.CharField(
        _("avgjort genom"), max_length=30, choices=TieResolution.choices, blank=True
    )
    lot_seed = models.CharField(_("slumptal vid lottning"), max_length=128, blank=True)
    follow_up = models.CharField(
        _("uppföljning"), max_length=20, choices=FollowUp.choices, default="none"
    )
    follow_up_note = models.TextField(_("om uppföljningen"), blank=True)

    history = HistoricalRecords()

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["item__meeting__date", "item__number", "pk"]

    def __str__(self):
        return f"§ {self.item.number}: {self.text[:60]}"

    def get_absolute_url(self):
        return reverse("governance:decision_detail", args=[self.pk])


class Vote(models.Model):
    class Choice(models.TextChoices):
        FOR = "for", _("För")
        AGAINST = "against", _("Emot")
        ABSTAIN = "abstain", _("Avstår")

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="votes", verbose_name=_("beslut")
    )
    member = models.ForeignKey(
        GroupMember, on_delete=models.PROTECT, related_name="votes", verbose_name=_("ledamot")
    )
    choice = models.CharField(_("röst"), max_length=10, choices=Choice.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("röst")
        verbose_name_plural = _("röster")
        constraints = [
            models.UniqueConstraint(fields=["decision", "member"], name="one_vote_per_member"),
        ]

    def __str__(self):
        return f"{self.member.name}: {self.get_choice_display()}"


class Escalation(HasLifecycle, models.Model):
    """A question (or a proposed new party) the cooperation group raises to the steering group."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Fråga")
        NEW_PARTY = "new_party", _("Förslag om ny part")

    class Status(models.TextChoices):
        RAISED = "raised", _("Lyft")
        ON_AGENDA = "on_agenda", _("På dagordningen")
        DECIDED = "decided", _("Beslutad")
        WITHDRAWN = "withdrawn", _("Återtagen")

    lifecycle = Lifecycle(
        Transition("place", {Status.RAISED}, Status.ON_AGENDA),
        # The meeting it was placed on was cancelled: it waits for the next one.
        Transition("unplace", {Status.ON_AGENDA}, Status.RAISED),
        Transition("decide", {Status.ON_AGENDA}, Status.DECIDED),
        Transition("withdraw", {Status.RAISED}, Status.WITHDRAWN),
    )

    from_group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="escalations_raised", verbose_name=_("från")
    )
    to_group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="escalations_received", verbose_name=_("till")
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default="question")
    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    proposed_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("föreslagen part"),
    )
    raised_on = models.DateField(_("lyft"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RAISED
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="escalations",
        verbose_name=_("beslut"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fråga till styrgruppen")
        verbose_name_plural = _("frågor till styrgruppen")
        ordering = ["-raised_on", "-pk"]

    def __str__(self):
        return self.title


class RemediationPlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every plan; a representative only the plans asked of their own
        organisation, in a group it sits in now: a plan is that party's, even in a group where
        every party of the partnership sits."""
        organisation_id = getattr(user, "organisation_id", None)
        if is_administration(user):
            return self
        if not organisation_id:
            return self.none()
        return self.filter(
            organisation_id=organisation_id, group__in=Group.objects.visible_to(user)
        )


class RemediationPlan(HasLifecycle, models.Model):
    """A plan the steering group asks a party for, which the party submits and the group assesses."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Begärd")
        SUBMITTED = "submitted", _("Inlämnad")
        ACCEPTED = "accepted", _("Godkänd")
        REJECTED = "rejected", _("Underkänd")

    lifecycle = Lifecycle(
        Transition(
            "submit", {Status.REQUESTED, Status.REJECTED}, Status.SUBMITTED, stamp="submitted_at"
        ),
        Transition("accept", {Status.SUBMITTED}, Status.ACCEPTED, stamp="assessed_at"),
        Transition("reject", {Status.SUBMITTED}, Status.REJECTED, stamp="assessed_at"),
    )

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="remediation_plans", verbose_name=_("grupp")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("part")
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="remediation_plans",
        verbose_name=_("beslut"),
    )
    deficiency = models.TextField(_("brister"))
    due_on = models.DateField(_("ska lämnas senast"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    plan_text = models.TextField(_("åtgärdsplan"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inlämnad av"),
    )
    submitted_at = models.DateTimeField(_("inlämnad"), null=True, blank=True)
    assessment = models.TextField(_("bedömning"), blank=True)
    assessed_at = models.DateTimeField(_("bedömd"), null=True, blank=True)

    history = HistoricalRecords()
    objects = RemediationPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("åtgärdsplan")
        verbose_name_plural = _("åtgärdsplaner")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return _("Åtgärdsplan från %(org)s") % {"org": self.organisation.name}

    def get_absolute_url(self):
        return reverse("governance:remediation_detail", args=[self.pk])
