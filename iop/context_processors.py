from django.conf import settings

from iop.navigation import nav_section


def site(request):
    user = getattr(request, "user", None)
    administration = bool(user and user.is_authenticated and user.is_administration)
    return {
        "IOP_DEMO": settings.IOP_DEMO,
        "IOP_REQUIRE_MFA": settings.IOP_REQUIRE_MFA,
        "is_administration": administration,
        "nav_section": nav_section(request, administration),
    }
