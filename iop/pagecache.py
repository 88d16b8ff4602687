"""The main pages are read far more often than anything in them changes: a page a person has
seen is served again from memory until anything in the database changes, the day turns or
IOP_PAGE_CACHE_SECONDS pass.

What "anything changes" means is the data version: a number drawn from a PostgreSQL sequence
whenever a row of any model is saved or deleted (every change to agreement data is a save or a
delete, never ``QuerySet.update()``; see STYLE). It is drawn at each write, so the writing
connection (a test, the rest of a request) sees a new number at once, and once more after the
transaction commits, so another connection that read a number drawn before the commit and
rendered the old rows under it cannot keep serving them. Sessions, login attempts,
second-factor devices, the admin's log and a login's timestamp do not count: no cached page
shows them. With IOP_PAGE_CACHE_SECONDS=0 nothing is kept and nothing is drawn.

A cached page belongs to one person in one session (the key holds the user and the CSRF secret
that the page's forms carry), in one language, for one full path (filters, page number) and
one day. A page rendered while a message was waiting (or with one) is not kept, and a waiting
message always gets a fresh render. On SQLite (``make run``, one process) a counter in the
process stands in for the sequence, so a change made by another process (``manage.py shell``, a
daily command) shows on a kept page only after IOP_PAGE_CACHE_SECONDS.
"""

import hashlib
import threading
from functools import partial, wraps

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import connections
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_migrate,
)
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

SEQUENCE = "iop_data_version"
# Written on every request or login, shown on no cached page.
UNWATCHED_APPS = {"sessions", "axes", "otp_totp", "otp_static", "admin"}

# While `migrate` runs the sequence may not exist yet; a deployment restarts the workers, whose
# caches go with them.
_migrating = False
_local_value = 0
_local_lock = threading.Lock()


def current_version(using="default"):
    """The data version as every connection sees it now (one query on PostgreSQL)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT last_value FROM {SEQUENCE}")
            return cursor.fetchone()[0]
    return _local_value


def enabled():
    return bool(settings.IOP_PAGE_CACHE_SECONDS)


def bump(using="default"):
    """Draw a new data version: every page cached before is stale from now on."""
    global _local_value
    if not enabled():
        return
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT nextval('{SEQUENCE}')")
        return
    with _local_lock:
        _local_value += 1


def _changed(sender, using=None, **kwargs):
    if _migrating:
        return
    if kwargs.get("update_fields") == frozenset({"last_login"}):
        return  # a login: no kept page shows it, and it would empty everyone's cache
    if not kwargs.get("action", "post_").startswith("post_"):
        return  # m2m_changed: only once the rows are written
    using = using or "default"
    connection = connections[using]
    if not connection.in_atomic_block:
        bump(using)  # autocommit: the row is already committed
        return
    # Drawn at every write, so a page this connection reads before its commit (a test, which
    # runs in one transaction) is never one kept from before that write.
    bump(using)
    waiting = any(
        getattr(entry[1], "iop_data_version", None) == using for entry in connection.run_on_commit
    )
    if not waiting:
        callback = partial(bump, using)
        callback.iop_data_version = using
        # Robust: a failing callback registered before it must not cost the draw.
        connection.on_commit(callback, robust=True)


def _migration_starts(**kwargs):
    global _migrating
    _migrating = True


def _migration_ends(using="default", **kwargs):
    """A data migration may have changed rows without a draw: draw once when `migrate` is done
    (if the sequence is there: `migrate iop zero` drops it)."""
    global _migrating
    if _migrating and enabled() and connections[using].vendor == "postgresql":
        with connections[using].cursor() as cursor:
            cursor.execute(f"SELECT nextval(to_regclass('{SEQUENCE}'))")
    _migrating = False


def connect():
    """Listen on each watched model by name: a receiver for every sender would turn off Django's
    fast delete for all models (sessions, login attempts) as well. A history row counts when it
    is deleted (a clean-up of old history); when it is written, the row it records counts."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in UNWATCHED_APPS:
            continue
        label = model._meta.label
        if not hasattr(model, "instance_type"):
            post_save.connect(_changed, sender=model, dispatch_uid=f"iop.pagecache.save.{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"iop.pagecache.delete.{label}")
    m2m_changed.connect(_changed, dispatch_uid="iop.pagecache.m2m")
    pre_migrate.connect(_migration_starts, dispatch_uid="iop.pagecache.pre_migrate")
    post_migrate.connect(_migration_ends, dispatch_uid="iop.pagecache.post_migrate")


def _version(request):
    """The data version as of the start of the request: read with the session (iop.sessions), so
    before anything the view reads, or else now."""
    read_with_session = getattr(request.session, "data_version", None)
    if read_with_session is not None and read_with_session[0] == "default":
        return read_with_session[1]
    return current_version()


def _key(request, view):
    csrf_secret = request.META.get("CSRF_COOKIE")
    if not csrf_secret or not request.user.is_authenticated:
        return None  # the page's forms would carry a token the next request cannot use
    parts = (
        f"{view.__module__}.{view.__qualname__}",
        request.user.pk,
        csrf_secret,
        get_language(),
        timezone.localdate().isoformat(),
        _version(request),
        request.get_full_path(),
    )
    return "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _messages_waiting(request):
    return len(get_messages(request)) > 0


def cached_page(view):
    """Serve a GET of `view` from the page cache when nothing has changed since it was rendered
    for this person. Put it below the access checks: a hit skips only the view itself."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or not enabled():
            return view(request, *args, **kwargs)
        key = _key(request, view)
        if key is None or _messages_waiting(request):
            return view(request, *args, **kwargs)
        cache = caches["pages"]
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and getattr(response, "is_rendered", True)
            and response.get("Content-Type", "").startswith("text/html")
            and not response.has_header("Content-Disposition")
            and not response.cookies
            and not _messages_waiting(request)
        ):
            cache.set(key, (response.content, response["Content-Type"]))
        return response

    return wrapper
