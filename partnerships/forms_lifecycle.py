"""Forms for the agreement's lifecycle: steps, committee cases, notices, extensions, amendments,
signatures and money."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iop.concurrency import VersionFormMixin
from iop.uploads import StoredFileInput, UploadField
from partnerships.forms import DateInput, ReasonFormMixin, date_widgets
from partnerships.models import (
    Amendment,
    CoFinancing,
    CommitteeCase,
    CommitteeDecision,
    Delegation,
    Notice,
    Organisation,
    Payment,
    PaymentPlan,
    RepaymentClaim,
    Signature,
)
from partnerships.states import ACTION_LABELS, allowed_transitions


class DecisionFieldsMixin(forms.Form):
    """The decision behind a step: one of the partnership's committee decisions and/or a
    free-text reference (a steering-group decision)."""

    decision = forms.ModelChoiceField(
        label=_("Nämndbeslut"), queryset=CommitteeDecision.objects.none(), required=False
    )
    decision_reference = forms.CharField(
        label=_("Annat beslut"),
        max_length=300,
        required=False,
        help_text=_("T.ex. styrgruppens beslut 2024-03-12 § 4."),
    )

    def limit_decisions(self, partnership):
        self.fields["decision"].queryset = CommitteeDecision.objects.filter(partnership=partnership)


class TransitionForm(DecisionFieldsMixin, ReasonFormMixin):
    to = forms.ChoiceField(label=_("Nytt steg"))
    on = forms.DateField(label=_("Datum"), widget=DateInput(), required=False)

    field_order = ["to", "on", "decision", "decision_reference", "reason"]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [
            (status, ACTION_LABELS[status]) for status in allowed_transitions(partnership)
        ]
        self.fields["on"].initial = timezone.localdate()
        self.limit_decisions(partnership)


class CommitteeCaseForm(ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = CommitteeCase
        fields = ["title", "proposal_date", "registration_number", "handler", "summary"]
        widgets = date_widgets("proposal_date")


class CommitteeDecisionForm(ReasonFormMixin, forms.ModelForm):
    points = forms.CharField(
        label=_("Beslutspunkter"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("En punkt per rad, i ordning."),
    )

    class Meta:
        model = CommitteeDecision
        fields = ["body", "decided_on", "registration_number", "paragraph"]
        widgets = date_widgets("decided_on")

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.case = case
        self.instance.partnership = case.partnership
        if self.instance.pk:
            self.fields["points"].initial = "\n".join(p.text for p in self.instance.points.all())


class DelegationForm(ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = Delegation
        fields = ["to_whom", "kind", "scope"]
        widgets = {"scope": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.decision = decision


class NoticeForm(DecisionFieldsMixin):
    kind = forms.ChoiceField(label=_("Slag"), choices=Notice.Kind.choices)
    participation = forms.ModelChoiceField(
        label=_("Part"), queryset=None, required=False, empty_label=_("Hela partnerskapet")
    )
    given_on = forms.DateField(label=_("Datum"), widget=DateInput())
    remedy_deadline = forms.DateField(
        label=_("Sista dag för rättelse eller åtgärdsplan"),
        widget=DateInput(),
        required=False,
        help_text=_("Krävs vid uppsägning av styrgruppen och vid hävning."),
    )
    reason = forms.CharField(
        label=_("Motivering"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv en motivering.")},
    )

    field_order = [
        "kind",
        "participation",
        "given_on",
        "remedy_deadline",
        "decision",
        "decision_reference",
        "reason",
    ]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "participation"
        ].queryset = partnership.participations.may_be_given_notice().select_related(
            "organisation", "partnership"
        )
        self.limit_decisions(partnership)


class PartyJoinForm(DecisionFieldsMixin, ReasonFormMixin):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all()
    )
    unit = forms.CharField(label=_("Enhet"), max_length=300, required=False)
    joined_on = forms.DateField(label=_("Inträder"), widget=DateInput())
    accepted_conditions_on = forms.DateField(
        label=_("Accepterade samtliga villkor"), widget=DateInput()
    )

    steering_decision = forms.ModelChoiceField(
        label=_("Styrgruppens beslut"),
        queryset=None,
        required=False,
        help_text=_("Styrgruppens beslut om ny part som väntar på inträdet."),
    )

    field_order = [
        "organisation",
        "unit",
        "joined_on",
        "accepted_conditions_on",
        "steering_decision",
        "decision",
        "decision_reference",
        "reason",
    ]

    def __init__(self, *args, partnership, steering_decisions, **kwargs):
        """`steering_decisions`: the steering group's decisions this joining may complete; the
        view (in governance, which owns them) chooses them."""
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(
            participations__partnership=partnership
        )
        self.fields["steering_decision"].queryset = steering_decisions
        self.limit_decisions(partnership)


class ExtensionAgreementForm(DecisionFieldsMixin, ReasonFormMixin):
    made_on = forms.DateField(label=_("Överenskommelsen träffades"), widget=DateInput())

    field_order = ["made_on", "decision", "decision_reference", "reason"]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_decisions(partnership)


class SignatureForm(ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = Signature
        fields = [
            "document",
            "annex",
            "amendment",
            "participation",
            "signatory_name",
            "signatory_title",
            "place",
            "signed_on",
            "scan",
        ]
        widgets = date_widgets("signed_on")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["participation"].queryset = partnership.participations.select_related(
            "organisation", "partnership"
        )
        self.fields["participation"].label_from_instance = lambda p: str(p.organisation)
        self.fields["annex"].queryset = partnership.annexes.all()
        self.fields["amendment"].queryset = partnership.amendments.filter(
            status=Amendment.Status.AWAITING
        )
        # The shared upload checks (iop/uploads.py): size, PDF by its content, .pdf name.
        self.fields["scan"] = UploadField(
            label=self.fields["scan"].label, required=False, allowed=("pdf",)
        )


class SignatureCorrectionForm(VersionFormMixin, ReasonFormMixin, forms.ModelForm):
    """How a recorded signature is written down. The document, the party and the date are not
    here: they decide whether the agreement or an amendment is in force."""

    class Meta:
        model = Signature
        fields = ["signatory_name", "signatory_title", "place", "scan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        signature = self.instance
        self.fields["scan"] = UploadField(
            label=self.fields["scan"].label,
            required=False,
            allowed=("pdf",),
            widget=StoredFileInput(
                url=reverse("partnerships:signature_scan", args=[signature.pk]),
                filename=signature.scan_download_name,
            ),
        )

    def clean_scan(self):
        scan = self.cleaned_data["scan"]
        return "" if scan is False else scan  # False: "remove the stored file" was ticked


class PaymentPlanForm(ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = PaymentPlan
        fields = ["rule", "dates"]


class PaymentPaidForm(ReasonFormMixin):
    paid_on = forms.DateField(label=_("Utbetald den"), widget=DateInput())
    paid_amount = forms.DecimalField(
        label=_("Utbetalt belopp (kr)"), max_digits=14, decimal_places=2, min_value=0
    )


class PaymentStopForm(DecisionFieldsMixin, ReasonFormMixin):
    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_decisions(partnership)


class RepaymentClaimForm(ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = RepaymentClaim
        # A claim starts as claimed; repaid or written off are its steps (partnerships.transitions).
        fields = ["claimed_on", "amount", "committee_decision", "decision_reference"]
        widgets = date_widgets("claimed_on")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee_decision"].queryset = CommitteeDecision.objects.filter(
            partnership=partnership
        )


class CoFinancingForm(ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = CoFinancing
        fields = ["year", "amount", "volunteer_hours", "note"]


class AsOfForm(forms.Form):
    datum = forms.DateField(label=_("Visa avtalet som det såg ut den"), widget=DateInput())


__all__ = ["Payment"]
