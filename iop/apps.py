from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class IopConfig(AppConfig):
    default = True
    """The project package as an app: it has no models, only the cross-cutting signal handlers
    (iop.security, iop.history, and iop.deadline_feeds that keeps the stored deadlines in step with
    every write) that must be connected before the first request. Its migrations removed the
    sequence of a page cache that is gone."""

    name = "iop"
    verbose_name = "IOP"

    def ready(self):
        from iop import (
            deadline_feeds,
            security,  # noqa: F401  (connects the signal receivers)
        )
        from iop.history import connect_cascade_reasons

        connect_cascade_reasons()
        deadline_feeds.connect()


class IopAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our AdminSite (second factor required when IOP_REQUIRE_MFA)."""

    default = False
    default_site = "iop.security.AdminSite"
