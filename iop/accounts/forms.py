"""The forms of the account pages staff use: invite a representative, deactivate or reactivate an
account, reset its second factor; and the password reset that queues its e-mail."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from iop.accounts.models import User
from iop.mail import mail_queue
from iop.models import OutgoingMail
from partnerships.forms import ReasonFormMixin
from partnerships.models import Organisation

REASON_REQUIRED = _("Skriv en anledning. Den sparas med kontots händelser.")


class AccountStatusForm(ReasonFormMixin):
    """Confirm deactivating or reactivating an account, with the reason. `active` is the state
    the page showed, so that a second POST (or someone else's change in between) is refused
    instead of turning the account back."""

    active = forms.NullBooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, deactivate, **kwargs):
        super().__init__(*args, **kwargs)
        reason = self.fields["reason"]
        reason.label = (
            _("Varför inaktiveras kontot?") if deactivate else _("Varför aktiveras kontot igen?")
        )
        reason.help_text = _("Sparas med kontots händelser och visas i listan över konton.")
        reason.error_messages["required"] = REASON_REQUIRED


class SecondFactorResetForm(ReasonFormMixin):
    """Confirm resetting someone's second factor, with the reason."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reason = self.fields["reason"]
        reason.label = _("Varför nollställs tvåfaktorsinloggningen?")
        reason.help_text = _(
            "Till exempel borttappad telefon, och hur du har kontrollerat att det är personen "
            "själv som ber om det. Sparas med kontots händelser."
        )
        reason.error_messages["required"] = REASON_REQUIRED


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-post"))
    first_name = forms.CharField(label=_("Förnamn"), max_length=150)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.ngos()
    )

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if (
            User.objects.filter(username=email).exists()
            or User.objects.filter(email__iexact=email).exists()
        ):
            raise forms.ValidationError(_("Det finns redan ett konto med den e-postadressen."))
        return email


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, its e-mail sent by the worker like every other (iop/mail.py)."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        message = EmailMultiAlternatives(
            subject, render_to_string(email_template_name, context), from_email, [to_email]
        )
        if html_email_template_name is not None:
            message.attach_alternative(
                render_to_string(html_email_template_name, context), "text/html"
            )
        mail_queue(message, kind=OutgoingMail.Kind.PASSWORD_RESET)
