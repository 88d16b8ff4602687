"""Who may see and change what.

Views never fetch an object directly: they go through the `get_*_for_user` helpers, which answer
404 for anything the user may not see, so that a guessed URL reveals nothing. Förvaltning staff
see everything; an NGO representative sees the partnerships their organisation is (or was) a party
to. The reporting issue moves the NGO side onto django-guardian object permissions; this module is
the one place that will change.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404


def is_administration(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_administration)


def administration_required(view):
    """Förvaltning staff only; anonymous visitors go to the login page, others get 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_administration(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def visible_partnerships(user, queryset):
    if is_administration(user):
        return queryset
    if not (user and user.is_authenticated and user.organisation_id):
        return queryset.none()
    return queryset.filter(participations__organisation_id=user.organisation_id).distinct()


def can_edit_partnership(user, partnership) -> bool:
    return is_administration(user)


def get_partnership_for_user(request, pk, queryset=None):
    from partnerships.models import Partnership

    queryset = queryset if queryset is not None else Partnership.objects.all()
    return get_object_or_404(visible_partnerships(request.user, queryset), pk=pk)


def get_annex_for_user(request, pk):
    from partnerships.models import Annex

    queryset = Annex.objects.select_related("partnership", "participation__organisation")
    if not is_administration(request.user):
        organisation_id = getattr(request.user, "organisation_id", None)
        queryset = queryset.filter(participation__organisation_id=organisation_id)
    return get_object_or_404(queryset, pk=pk)
