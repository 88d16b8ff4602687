"""Third-party apps as the admin names them: the packages ship no Swedish catalogue, so their
app lists read "AXES", "OTP_STATIC". Each subclass keeps the package's own AppConfig (its
ready(), its label) and only gives it a Swedish name; INSTALLED_APPS names these instead."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticDefaultConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPDefaultConfig


class AxesConfig(AxesAppConfig):
    verbose_name = _("Inloggningsförsök")


class TOTPConfig(TOTPDefaultConfig):
    verbose_name = _("Autentiseringsappar")


class StaticConfig(StaticDefaultConfig):
    verbose_name = _("Reservkoder")
