from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """The people who log in (User, AUTH_USER_MODEL), what staff did to their access
    (AccountEvent) and the e-mailed codes of the second factor's enrolment (EnrolmentCode).

    The models came from partnerships and kept their tables (partnerships_user and so on): the
    move was a change of Django's bookkeeping only, not of the data."""

    name = "iop.accounts"
    label = "accounts"
    verbose_name = _("Konton")
