from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Styrning och samverkan")

    def ready(self):
        from governance import demo
        from partnerships.demo import register_demo_loader

        register_demo_loader(demo.load_governance_demo)
