"""Saving through django-simple-history with who, when and why, from services and commands alike.

Services call these instead of `obj.save()` so that every row they write carries a change reason
and its author even outside a request (management commands pass the system user).
"""

from django.conf import settings
from django.contrib.auth import get_user_model


def save_with_history(obj, *, actor, reason, history_date=None, validate=True):
    if validate:
        obj.full_clean()
    obj._change_reason = reason
    if actor is not None:
        obj._history_user = actor
    if history_date is not None:
        obj._history_date = history_date
    obj.save()
    return obj


def delete_with_history(obj, *, actor, reason):
    obj._change_reason = reason
    if actor is not None:
        obj._history_user = actor
    obj.delete()


def system_user():
    """The named account that management commands record as the author of their changes."""
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(
        username=settings.IOP_SYSTEM_USERNAME,
        defaults={"first_name": "IOP", "last_name": "systemet", "is_active": False},
    )
    return user
