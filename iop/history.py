"""Saving through django-simple-history with who, when and why, from services and commands alike.

Services call these instead of `obj.save()` so that every row they write carries a change reason
and its author even outside a request (management commands pass the system user).
"""

import contextvars

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models.signals import pre_delete
from simple_history.models import registered_models

# Who deletes and why, while a delete_with_history runs: the rows deleted with the object
# (a bilaga's commitments, a compensation's payments) carry the same who and why.
_deleting = contextvars.ContextVar("iop_deleting", default=None)


def plain_line_endings(text):
    """`text` with a browser's line endings (a textarea sends "\\r\\n") made "\\n", and no newline
    at its end: so that text saved back untouched is equal to what was stored."""
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")


def normalise_text(obj):
    """Give `obj`'s text fields plain line endings (see `plain_line_endings`) before it is saved.

    Done here, where every change to a model with history is saved (services through
    `save_with_history`, the admin through HistoryAdmin), rather than in each of the apps'
    forms: a text a browser sent back unchanged then leaves no change in the history."""
    for model_field in obj._meta.concrete_fields:
        if isinstance(model_field, models.CharField | models.TextField):
            value = getattr(obj, model_field.attname)
            if isinstance(value, str) and ("\r" in value or value.endswith("\n")):
                setattr(obj, model_field.attname, plain_line_endings(value))


def save_with_history(obj, *, actor, reason, history_date=None, validate=True):
    normalise_text(obj)
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
    token = _deleting.set((actor, reason))
    try:
        obj.delete()
    finally:
        _deleting.reset(token)


def _deleted_along(sender, instance, **kwargs):
    """A row deleted by cascade gets the who and why of the deletion that took it along."""
    current = _deleting.get()
    if current is None:
        return
    actor, reason = current
    if not getattr(instance, "_change_reason", None):
        instance._change_reason = reason
    if actor is not None and getattr(instance, "_history_user", None) is None:
        instance._history_user = actor


def connect_cascade_reasons():
    """Listen on the models with history only: a receiver on every model would stop Django's
    fast delete of the others (sessions, login attempts)."""
    for model in list(registered_models.values()):  # the models that have a history
        pre_delete.connect(
            _deleted_along, sender=model, dispatch_uid=f"iop-cascade-{model._meta.label}"
        )


# How the system account is named wherever it is the author of a change ("IOP-systemet", one
# compound word as Swedish writes it, not "IOP systemet").
SYSTEM_USER_NAME = {"first_name": "IOP-systemet", "last_name": ""}


def system_user():
    """The named account that management commands record as the author of their changes."""
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(
        username=settings.IOP_SYSTEM_USERNAME,
        defaults={**SYSTEM_USER_NAME, "is_active": False},
    )
    if any(getattr(user, field) != value for field, value in SYSTEM_USER_NAME.items()):
        # Databases made before the name was spelt with its hyphen: the account has no history
        # table (iop.accounts.models.User), so the name is simply put right once.
        for field, value in SYSTEM_USER_NAME.items():
            setattr(user, field, value)
        user.save(update_fields=list(SYSTEM_USER_NAME))
    return user
