"""Slow work out of the request: a task queue with retries (django-tasks, the backport of
Django 6's `django.tasks`).

A slow function becomes a task with `@background()` and is queued with `enqueue(...)` inside the
service's `transaction.atomic()`:

    from iop.tasks import background, enqueue

    @background()  # module level; arguments must be JSON (ids, not model instances)
    def archive_package_build(partnership_id: int) -> None: ...

    enqueue(archive_package_build, partnership_id=partnership.pk)

Where the task is queued in the database (django_tasks_db, production: IOP_TASKS_BACKEND), the
queued row is written in the caller's transaction, so a rolled-back change queues nothing; the
worker (`manage.py db_worker`, deploy/systemd/iop-worker.service) runs it. Where the backend
runs tasks at once (the demo and the tests), it runs after the commit, and only if there is one.

A task that raises is run again, IOP_TASK_RETRIES times, after IOP_TASK_RETRY_SECONDS × 4ⁿ
(30 s, 2 min, 8 min, 32 min, 2 h 8 min by default); after the last try its `on_give_up` is
called and the task's result is marked failed. A backend that cannot run a task later gives up
at the first failure.
"""

import functools
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db import DatabaseBackend

logger = logging.getLogger(__name__)

# The keyword that carries the attempt number from one try to the next; the task's own
# function never sees it.
ATTEMPT = "retry_attempt"


def retry_delay(attempt):
    """How long to wait before try `attempt + 1`: exponential, so a mail server that is down
    for an hour is not hammered, and one that hiccupped is retried within a minute."""
    return timedelta(seconds=settings.IOP_TASK_RETRY_SECONDS * 4 ** (attempt - 1))


def background(*, retries=None, on_give_up=None, priority=0):
    """Make a module-level function a task that is retried with backoff when it raises.

    `on_give_up(*args, error=..., **kwargs)` is called once when the last try failed (the mail
    queue marks the mail failed for staff to see); the error is then raised again so that the
    task's result is marked failed too."""

    def decorate(func):
        @functools.wraps(func)  # the same module path: the worker imports the task by it
        def run(*args, **kwargs):
            attempt = kwargs.pop(ATTEMPT, 1)
            try:
                return func(*args, **kwargs)
            except Exception as error:
                allowed = settings.IOP_TASK_RETRIES if retries is None else retries
                if attempt <= allowed and queued.get_backend().supports_defer:
                    delay = retry_delay(attempt)
                    logger.warning(
                        "Task %s failed (try %d), next try in %s: %r",
                        queued.module_path,
                        attempt,
                        delay,
                        error,
                    )
                    queued.using(run_after=timezone.now() + delay).enqueue(
                        *args, **kwargs, **{ATTEMPT: attempt + 1}
                    )
                    return {"retry": attempt + 1}
                logger.exception("Task %s gave up after %d tries", queued.module_path, attempt)
                if on_give_up is not None:
                    on_give_up(*args, error=error, **kwargs)
                raise

        queued = task(priority=priority)(run)
        return queued

    return decorate


def enqueue(queued, /, *args, **kwargs):
    """Queue `queued(*args, **kwargs)` as part of the current transaction (see the module's
    docstring): call it inside the service's `transaction.atomic()`."""
    if isinstance(queued.get_backend(), DatabaseBackend):
        queued.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: queued.enqueue(*args, **kwargs))
