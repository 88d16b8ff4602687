from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from governance.models import Decision, Escalation, Group, GroupMember, Meeting, Vote
from iop.accounts.models import User
from iop.concurrency import VersionFormMixin
from iop.form_fields import RowsChoiceField
from partnerships.forms import DateInput, ReasonFormMixin
from partnerships.models import Organisation, Participation


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class GroupForm(ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = Group
        fields = [
            "kind",
            "name",
            "established_on",
            "ngo_seats_per_party",
            "city_seats_max",
            "cadence_initial_months",
            "cadence_initial_period_months",
            "cadence_later_months",
            "chair_selection",
            "chair_term_months",
            "decision_rule",
            "tie_rule",
            "quorum",
            "reports_to",
            "notes",
        ]
        widgets = {"established_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        others = Group.objects.filter(partnership=partnership)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["reports_to"].queryset = others


class MemberForm(ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = GroupMember
        fields = ["name", "email", "user", "organisation", "unit", "role", "from_date", "to_date"]
        widgets = {"from_date": DateInput(), "to_date": DateInput()}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        # The parties first, then every other organisation, marked "ej part": a group may have
        # members from organisations that are not parties (the cooperation group's "andra
        # organisationer från idéburen sektor").
        organisations = Organisation.objects.annotate(
            is_party=Exists(
                Participation.objects.filter(
                    partnership=partnership, organisation_id=OuterRef("pk")
                )
            )
        ).order_by("-is_party", "name")
        field = self.fields["organisation"]
        field.queryset = organisations
        field.label_from_instance = _organisation_label
        field.help_text = _(
            "Parterna står först. En organisation som inte är part kan också ha ledamöter; "
            "finns den inte i listan, registrera den först under Organisationer."
        )
        self._limit_accounts()

    def _limit_accounts(self):
        """A member's account choice offers only the member's organisation's accounts
        (`GroupMember.accounts_of`). A new member's organisation is chosen in the same form:
        its choice lists the accounts under their organisations. A submitted account of
        another organisation is refused by the model's check, naming the organisation, not as
        an unknown choice."""
        field = self.fields["user"]
        field.required = False
        field.label_from_instance = lambda user: f"{user.get_full_name() or user} ({user.username})"
        if self.instance.pk and not self.is_bound:
            linked = Q(pk=self.instance.user_id) if self.instance.user_id else Q(pk__in=[])
            own = GroupMember.accounts_of(self.instance.organisation).filter(is_active=True)
            field.queryset = User.objects.filter(Q(pk__in=own) | linked).order_by("username")
            return
        field.queryset = (
            User.objects.filter(is_active=True)
            .select_related("organisation")
            .order_by("organisation__name", "username")
        )
        by_organisation = {}
        for user in field.queryset:
            owner = user.organisation.name if user.organisation_id else _("Förvaltningen")
            by_organisation.setdefault(str(owner), []).append(
                (user.pk, field.label_from_instance(user))
            )
        field.choices = [("", "---------"), *by_organisation.items()]


def _organisation_label(organisation):
    if organisation.is_party:
        return organisation.name
    return _("%(name)s (ej part)") % {"name": organisation.name}


class TermStartForm(ReasonFormMixin):
    term_start = forms.DateField(label=_("Mandatperiodens första dag"), widget=DateInput())


class ChairAppointForm(ReasonFormMixin):
    member = forms.ModelChoiceField(label=_("Ordförande"), queryset=GroupMember.objects.none())
    start = forms.DateField(label=_("Från"), widget=DateInput())
    end = forms.DateField(
        label=_("Till"),
        widget=DateInput(),
        required=False,
        help_text=_("Tomt: gruppens mandattid räknas från startdagen."),
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = group.members.voting()


class RotationForm(ReasonFormMixin):
    """One position field per voting member; members left blank are not in the rotation."""

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(group.members.current().voting())
        positions = {r.member_id: r.position for r in group.rotation.all()}
        for member in self.members:
            self.fields[f"member_{member.pk}"] = forms.IntegerField(
                label=_("Plats för %(name)s") % {"name": member.name},
                min_value=1,
                required=False,
                initial=positions.get(member.pk),
            )
        self.order_fields([f"member_{m.pk}" for m in self.members] + ["reason"])

    def clean(self):
        data = super().clean()
        chosen = [(data.get(f"member_{m.pk}"), m) for m in self.members]
        chosen = [(p, m) for p, m in chosen if p]
        positions = [p for p, _m in chosen]
        if len(set(positions)) != len(positions):
            raise ValidationError(_("Två ledamöter kan inte ha samma plats."))
        if not chosen:
            raise ValidationError(_("Ange en plats för minst en ledamot."))
        data["members"] = [m for _p, m in sorted(chosen, key=lambda pair: pair[0])]
        for member in self.members:
            data.pop(f"member_{member.pk}", None)
        return data


class MeetingForm(ReasonFormMixin, forms.ModelForm):
    link = forms.URLField(label=_("Länk till digitalt möte"), required=False, assume_scheme="https")

    class Meta:
        model = Meeting
        fields = ["date", "start_time", "end_time", "place"]
        widgets = {"date": DateInput(), "start_time": TimeInput(), "end_time": TimeInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("link", self.instance.link)
        self.order_fields(["date", "start_time", "end_time", "place", "link", "reason"])

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("link"):
            self.add_error("place", _("Ange plats eller länk till mötet."))
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("Sluttiden måste vara efter starttiden."))
        return data


class MeetingStatusForm(ReasonFormMixin):
    status = forms.ChoiceField(
        label=_("Ny status"),
        choices=[(step.to, step.label) for step in Meeting.lifecycle.transitions],
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ItemMinutesForm(VersionFormMixin, forms.Form):
    """The minutes text of one §, with the version of the § it was opened at."""

    def __init__(self, *args, item, **kwargs):
        self.instance = item
        super().__init__(*args, **kwargs)

    minutes_text = forms.CharField(
        label=_("Protokollstext"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class AttendanceForm(forms.Form):
    present = RowsChoiceField(
        label=_("Närvarande"),
        queryset=GroupMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = meeting.group.members.current(
            meeting.date
        ).select_related("organisation")
        self.fields["present"].label_from_instance = lambda m: (
            f"{m.name} ({m.organisation.name}, {m.get_role_display().lower()})"
        )


VOTE_CHOICES = [("", _("Röstar inte"))] + list(Vote.Choice.choices)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Beslut"), widget=forms.Textarea(attrs={"rows": 4}))
    type = forms.ChoiceField(label=_("Typ av beslut"), choices=Decision.Type.choices)
    outcome = forms.ChoiceField(
        label=_("Utfall utan röstning"),
        choices=[
            (Decision.Outcome.ADOPTED, _("Bifall")),
            (Decision.Outcome.REJECTED, _("Avslag")),
        ],
        help_text=_("Gäller när ingen röstning registreras nedan."),
    )

    def __init__(self, *args, voters, **kwargs):
        super().__init__(*args, **kwargs)
        self.voters = list(voters)
        for member in self.voters:
            self.fields[f"vote_{member.pk}"] = forms.ChoiceField(
                label=_("Röst: %(name)s") % {"name": member.name},
                choices=VOTE_CHOICES,
                required=False,
            )

    def clean(self):
        data = super().clean()
        votes = {}
        for member in self.voters:
            choice = data.pop(f"vote_{member.pk}", "")
            if choice:
                votes[member] = choice
        data["votes"] = votes or None
        return data


class AdjusterForm(forms.Form):
    adjuster = forms.ModelChoiceField(label=_("Justerare"), queryset=GroupMember.objects.none())

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adjuster"].queryset = meeting.group.members.current(meeting.date).voting()


class OnBehalfApprovalForm(ReasonFormMixin):
    """Staff record the approval of a member who has no account; the reason is shown with it."""

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        reason = self.fields["reason"]
        reason.label = _("Varför registrerar du justeringen åt %(name)s?") % {"name": person.name}
        reason.help_text = _(
            "T.ex. ”Justerat på papper 2026-11-20”. Visas vid justeringen tillsammans med "
            "ditt namn."
        )
        reason.error_messages["required"] = _(
            "Skriv varför du registrerar justeringen åt någon annan."
        )


class EscalationForm(ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = Escalation
        fields = ["kind", "title", "description", "proposed_organisation", "raised_on"]
        widgets = {"raised_on": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        if data.get("kind") == Escalation.Kind.NEW_PARTY and not data.get("proposed_organisation"):
            self.add_error("proposed_organisation", _("Ange vilken organisation som föreslås."))
        return data


class RemediationRequestForm(ReasonFormMixin):
    organisation = forms.ModelChoiceField(label=_("Part"), queryset=Organisation.objects.none())
    deficiency = forms.CharField(label=_("Brister"), widget=forms.Textarea(attrs={"rows": 4}))
    due_on = forms.DateField(label=_("Ska lämnas senast"), widget=DateInput())
    decision = forms.ModelChoiceField(
        label=_("Beslut"), queryset=Decision.objects.none(), required=False
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.NGO, participations__partnership=group.partnership_id
        ).distinct()
        self.fields["decision"].queryset = Decision.objects.filter(
            item__group=group, type=Decision.Type.REMEDIATION_PLAN
        ).select_related("item")


class RemediationSubmitForm(forms.Form):
    plan_text = forms.CharField(label=_("Åtgärdsplan"), widget=forms.Textarea(attrs={"rows": 8}))


class RemediationAssessForm(ReasonFormMixin):
    accepted = forms.TypedChoiceField(
        label=_("Bedömning"),
        choices=[("1", _("Godkänd")), ("0", _("Underkänd"))],
        coerce=lambda value: value == "1",
    )
    assessment = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 4}))


class DecisionSearchForm(forms.Form):
    q = forms.CharField(label=_("Sök i besluten"), required=False, max_length=200)
    type = forms.ChoiceField(
        label=_("Typ"),
        choices=[("", _("Alla typer"))] + list(Decision.Type.choices),
        required=False,
    )

    def filter(self, queryset):
        """The decisions that match the fields that were valid (call is_valid() first): a
        refused value is named next to its field and left out, the other filters still apply."""
        data = self.cleaned_data
        if query := data.get("q"):
            queryset = queryset.filter(
                Q(text__icontains=query)
                | Q(item__title__icontains=query)
                | Q(item__minutes_text__icontains=query)
            )
        if kind := data.get("type"):
            queryset = queryset.filter(type=kind)
        return queryset
