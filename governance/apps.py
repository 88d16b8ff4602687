from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Styrning och samverkan")

    def ready(self):
        from governance import demo
        from governance.portal import meetings_section, remediation_section
        from partnerships.demo import register_demo_loader
        from reporting.portal import register_portal_section

        register_portal_section(remediation_section)
        register_portal_section(meetings_section)
        register_demo_loader(demo.load_governance_demo)
