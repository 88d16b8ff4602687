"""How strongly the person behind a request signed in: the one answer that signing an agreement,
the MFA requirement and the audit trail ask.

A sign-in counts as strong when it passed a second factor in this session (password + TOTP or a
recovery code) or came from an OpenID Connect provider whose `acr`/`amr` the installation
accepts (the city's staff provider, an eID broker). Whoever completes such a sign-in calls
`record`; everyone else asks `of`.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

SESSION_KEY = "iop_assurance"

METHOD_TOTP = "totp"
METHOD_OIDC = "oidc"


@dataclass(frozen=True)
class Assurance:
    method: str  # METHOD_TOTP or METHOD_OIDC
    provider: str  # the identity provider as people know it ("Stockholms stad", "BankID")
    asserted_at: datetime  # when the provider (or the second factor) vouched for the person
    acr: str = ""  # the provider's authentication context class, when it gave one


def record(request, *, method, provider, acr="", asserted_at=None):
    """Remember in the session that this person has just signed in strongly."""
    at = asserted_at or timezone.now()
    request.session[SESSION_KEY] = {
        "method": method,
        "provider": provider,
        "acr": acr,
        "asserted_at": at.isoformat(),
    }


def of(request):
    """The session's strong sign-in, or None when the person signed in with a password alone."""
    data = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    user = getattr(request, "user", None)
    if data and user is not None and user.is_authenticated:
        return Assurance(
            method=data["method"],
            provider=data["provider"],
            acr=data.get("acr", ""),
            asserted_at=datetime.fromisoformat(data["asserted_at"]),
        )
    return None


def is_strong(request):
    return of(request) is not None
