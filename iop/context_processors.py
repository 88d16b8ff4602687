from django.conf import settings


def site(request):
    user = getattr(request, "user", None)
    return {
        "IOP_DEMO": settings.IOP_DEMO,
        "IOP_REQUIRE_MFA": settings.IOP_REQUIRE_MFA,
        "is_administration": bool(user and user.is_authenticated and user.is_administration),
    }
