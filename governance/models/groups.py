"""Groups, their rules as data, and their members; who chairs them is in chairs.py."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from partnerships.models import Organisation, Participation, Partnership


class GroupQuerySet(models.QuerySet):
    def visible_to(self, user, on=None):
        """Staff see every group; a representative the groups their organisation sits in now
        (`on`: today, or in a prepared query the placeholder of today's date)."""
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.is_administration:
            return self
        if not user.organisation_id:
            return self.none()
        today = on if on is not None else timezone.localdate()
        members = GroupMember.objects.current(today).filter(organisation_id=user.organisation_id)
        return self.filter(pk__in=members.values("group_id"))


class Group(models.Model):
    """A styrgrupp, samverkansgrupp or other group of a partnership, with its rules as data."""

    class Kind(models.TextChoices):
        STEERING = "steering", _("Styrgrupp")
        COOPERATION = "cooperation", _("Samverkansgrupp")
        OTHER = "other", _("Annan grupp")

    class ChairSelection(models.TextChoices):
        LOTTERY = "lottery", _("Lottning")
        ROTATION = "rotation", _("Rotation")
        APPOINTED = "appointed", _("Utses")

    class DecisionRule(models.TextChoices):
        MAJORITY = "majority", _("Enkel majoritet, en röst per representant")

    class TieRule(models.TextChoices):
        NO_DECISION = "no_decision", _("Inget beslut vid lika röstetal")
        CHAIR_CASTING_VOTE = "chair_casting_vote", _("Ordförandens röst avgör")
        LOT = "lot", _("Lotten avgör")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="groups", verbose_name=_("partnerskap")
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("namn"), max_length=200)
    established_on = models.DateField(
        _("inrättad"), help_text=_("Från detta datum räknas mötesintervallen.")
    )
    ngo_seats_per_party = models.PositiveSmallIntegerField(
        _("platser per idéburen part"), null=True, blank=True
    )
    city_seats_max = models.PositiveSmallIntegerField(
        _("högst antal platser för staden"), null=True, blank=True
    )
    cadence_initial_months = models.PositiveSmallIntegerField(
        _("mötesintervall i början (månader)"),
        null=True,
        blank=True,
        help_text=_("Gruppen ska mötas minst så här ofta i början. Tomt: inget krav."),
    )
    cadence_initial_period_months = models.PositiveSmallIntegerField(
        _("början varar (månader)"),
        null=True,
        blank=True,
        help_text=_("Tomt: intervallet i början gäller hela tiden."),
    )
    cadence_later_months = models.PositiveSmallIntegerField(
        _("mötesintervall därefter (månader)"), null=True, blank=True
    )
    chair_selection = models.CharField(
        _("val av ordförande"), max_length=20, choices=ChairSelection.choices
    )
    chair_term_months = models.PositiveSmallIntegerField(
        _("ordförandes mandattid (månader)"), null=True, blank=True
    )
    decision_rule = models.CharField(
        _("beslutsregel"), max_length=20, choices=DecisionRule.choices, default="majority"
    )
    tie_rule = models.CharField(
        _("vid lika röstetal"), max_length=20, choices=TieRule.choices, default="no_decision"
    )
    quorum = models.PositiveSmallIntegerField(
        _("beslutsförhet (antal närvarande röstberättigade)"), null=True, blank=True
    )
    reports_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reporting_groups",
        verbose_name=_("lyfter frågor till"),
    )
    notes = models.TextField(_("anteckningar om reglerna"), blank=True)

    history = HistoricalRecords()
    objects = GroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("grupp")
        verbose_name_plural = _("grupper")
        ordering = ["partnership", "kind", "name"]

    def __str__(self):
        # The name alone: history labels and admin lists name groups without a query each.
        return self.name

    def get_absolute_url(self):
        return reverse("governance:group_detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.cadence_initial_period_months and not self.cadence_later_months:
            raise ValidationError(
                {"cadence_later_months": _("Ange intervallet som gäller efter början.")}
            )
        if self.reports_to_id and self.reports_to_id == self.pk:
            raise ValidationError(
                {"reports_to": _("En grupp kan inte lyfta frågor till sig själv.")}
            )

    def cadence_months_at(self, day):
        """The longest allowed gap between meetings that applies on `day`, or None."""
        if self.cadence_initial_period_months and self.established_on:
            initial_end = self.established_on + relativedelta(
                months=self.cadence_initial_period_months
            )
            if day >= initial_end:
                return self.cadence_later_months
        return self.cadence_initial_months or self.cadence_later_months

    def cadence_sentence(self):
        def every(months):
            if months == 1:
                return str(_("minst en gång i månaden"))
            return ngettext("minst var %(n)d:e månad", "minst var %(n)d:e månad", months) % {
                "n": months
            }

        if not (self.cadence_initial_months or self.cadence_later_months):
            return str(_("Inget krav på mötesintervall."))
        if self.cadence_initial_period_months and self.cadence_later_months:
            return _(
                "Gruppen möts %(first)s under de första %(period)d månaderna, därefter %(later)s."
            ) % {
                "first": every(self.cadence_initial_months or self.cadence_later_months),
                "period": self.cadence_initial_period_months,
                "later": every(self.cadence_later_months),
            }
        return _("Gruppen möts %(every)s.") % {
            "every": every(self.cadence_initial_months or self.cadence_later_months)
        }

    def notice_sentence(self):
        """The steering group's notice period (the partnership's `termination_notice_months`),
        or "" for other groups: it may give a party or the partnership notice."""
        if self.kind != self.Kind.STEERING:
            return ""
        months = self.partnership.termination_notice_months
        return ngettext(
            "Styrgruppen kan säga upp en part eller partnerskapet med %(n)d månads uppsägningstid.",
            "Styrgruppen kan säga upp en part eller partnerskapet med %(n)d månaders "
            "uppsägningstid.",
            months,
        ) % {"n": months}

    def composition_sentence(self):
        parts = []
        if self.ngo_seats_per_party:
            parts.append(
                ngettext(
                    "%(n)d representant per idéburen part",
                    "%(n)d representanter per idéburen part",
                    self.ngo_seats_per_party,
                )
                % {"n": self.ngo_seats_per_party}
            )
        if self.city_seats_max:
            parts.append(
                ngettext("högst %(n)d från staden", "högst %(n)d från staden", self.city_seats_max)
                % {"n": self.city_seats_max}
            )
        if not parts:
            return str(_("Avtalet anger inte antalet ledamöter."))
        return ", ".join(parts).capitalize() + "."

    def chair_sentence(self):
        text = str(self.get_chair_selection_display())
        if self.chair_term_months:
            text += " " + ngettext(
                "för %(n)d månad i taget", "för %(n)d månader i taget", self.chair_term_months
            ) % {"n": self.chair_term_months}
        return text + "."

    def decision_sentence(self):
        text = f"{self.get_decision_rule_display()}. {self.get_tie_rule_display()}."
        if self.quorum:
            text += " " + str(
                _("Beslutsför med minst %(n)d närvarande röstberättigade.") % {"n": self.quorum}
            )
        return text


class GroupMemberQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(from_date__lte=on) & (Q(to_date__isnull=True) | Q(to_date__gte=on)))

    def voting(self):
        return self.exclude(role=GroupMember.Role.ADJUNCT)

    def with_party(self):
        """Annotate `party_of_partnership`: whether the member's organisation is (or was) a
        party to the group's partnership (`GroupMember.is_party`), in the same query."""
        return self.annotate(party_of_partnership=Exists(_parties_of_the_group()))


def _parties_of_the_group():
    return Participation.objects.filter(
        partnership_id=OuterRef("group__partnership_id"),
        organisation_id=OuterRef("organisation_id"),
    )


class GroupMember(models.Model):
    """A person in a group, for an organisation: a party, a city unit without a vote, or an
    organisation that is not a party ("Ej part", `is_party`), invited as the agreement allows."""

    class Role(models.TextChoices):
        REPRESENTATIVE = "representative", _("Representant")
        CHAIR = "chair", _("Ordförande")
        SECRETARY = "secretary", _("Sekreterare")
        ADJUNCT = "adjunct", _("Adjungerad (utan rösträtt)")

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="members", verbose_name=_("grupp")
    )
    name = models.CharField(_("namn"), max_length=200)
    email = models.EmailField(_("e-post"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_memberships",
        verbose_name=_("användarkonto"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="group_memberships",
        verbose_name=_("organisation"),
    )
    unit = models.CharField(
        _("enhet"),
        max_length=200,
        blank=True,
        help_text=_("T.ex. en enhet inom staden som inte är part, som uppsökarteamet."),
    )
    role = models.CharField(
        _("roll"), max_length=20, choices=Role.choices, default="representative"
    )
    from_date = models.DateField(_("från"))
    to_date = models.DateField(_("till"), null=True, blank=True)

    history = HistoricalRecords()
    objects = GroupMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledamot")
        verbose_name_plural = _("ledamöter")
        ordering = ["group", "-organisation__kind", "organisation__name", "name"]

    def __str__(self):
        return f"{self.name} ({self.organisation.name})"

    @property
    def has_vote(self):
        return self.role != self.Role.ADJUNCT

    @property
    def can_log_in(self):
        """Whether the member has an active account of their own, to approve minutes with.
        Only for a member without one may staff record an approval on their behalf."""
        return self.user_id is not None and self.user.is_active

    @staticmethod
    def accounts_of(organisation):
        """The accounts a member for `organisation` may be linked to: that organisation's users;
        for the city side (a public organisation) also förvaltningen's staff, whose accounts name
        no organisation. Never another organisation's users. (The form offers the active ones.)"""
        User = get_user_model()
        same = Q(organisation=organisation)
        if organisation.is_public:
            staff = Q(is_superuser=True) | Q(role=User.Role.ADMINISTRATION)
            same |= staff & Q(organisation__isnull=True)
        return User.objects.filter(same)

    @property
    def is_party(self):
        """Whether the member's organisation is (or was) a party to the partnership. A member
        from an organisation that is not (e.g. another organisation from the idea-based sector
        in the cooperation group) sits in the group and sees what its members see (its
        meetings, approved minutes and decisions), and nothing of the partnership's own: see
        governance.permissions. From `with_party()` when the row was read with it."""
        if "party_of_partnership" in self.__dict__:
            return self.party_of_partnership
        return Participation.objects.filter(
            partnership_id=self.group.partnership_id, organisation_id=self.organisation_id
        ).exists()

    def is_current(self, on):
        return self.from_date <= on and (self.to_date is None or self.to_date >= on)

    def clean(self):
        super().clean()
        if self.from_date and self.to_date and self.to_date < self.from_date:
            raise ValidationError({"to_date": _("Slutdatum kan inte vara före startdatum.")})
        self._check_account()
        if not (self.group_id and self.organisation_id and self.from_date) or not self.has_vote:
            return
        if not self.is_party:
            return  # the seats the agreement gives are the parties'; others are invited
        group = self.group
        seats = None
        if self.organisation.kind == Organisation.Kind.NGO:
            seats = group.ngo_seats_per_party
        else:
            seats = group.city_seats_max
        if seats is None:
            return
        others = (
            GroupMember.objects.current(self.from_date)
            .voting()
            .filter(group=group, organisation=self.organisation)
            .exclude(pk=self.pk)
            .count()
        )
        if others >= seats:
            raise ValidationError(
                {
                    "organisation": _(
                        "%(org)s har redan %(n)d röstberättigade ledamöter i gruppen, "
                        "så många som reglerna tillåter."
                    )
                    % {"org": self.organisation.name, "n": others}
                }
            )

    def _check_account(self):
        """The account must be one of the member's organisation's (`accounts_of`)."""
        if not (self.user_id and self.organisation_id):
            return
        if GroupMember.accounts_of(self.organisation).filter(pk=self.user_id).exists():
            return
        user = self.user
        raise ValidationError(
            {
                "user": _(
                    "Kontot %(account)s hör inte till %(org)s. Välj ett konto som hör till "
                    "ledamotens organisation, eller lämna fältet tomt."
                )
                % {"account": user.get_username(), "org": self.organisation.name}
            }
        )
