"""A limit on how often one anonymous address may ask for the public register and its open
data: a fixed window per minute counted in Django's cache (with several server processes the
cache must be shared, e.g. Redis or the database cache, or each process counts on its own).
Signed-in users are not limited. Above the limit: 429 with Retry-After and a Swedish message, as
a page or as JSON."""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from iop.security import client_ip

WINDOW_SECONDS = 60


def _over_limit(request, scope):
    limit = settings.IOP_PUBLIC_RATE_PER_MINUTE
    if not limit or request.user.is_authenticated:
        return 0
    window = int(time.time() // WINDOW_SECONDS)
    # The visitor's address, not the proxy's (behind nginx every REMOTE_ADDR is 127.0.0.1).
    key = f"ratelimit:{scope}:{client_ip(request)}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=WINDOW_SECONDS * 2)
        count = 1
    if count <= limit:
        return 0
    return WINDOW_SECONDS - int(time.time()) % WINDOW_SECONDS


def rate_limited(*, json=False, scope="public"):
    """Limit the view for anonymous clients (IOP_PUBLIC_RATE_PER_MINUTE per address)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            retry_after = _over_limit(request, scope)
            if not retry_after:
                return view(request, *args, **kwargs)
            message = _(
                "För många frågor från din adress. Vänta %(seconds)s sekunder och försök igen."
            ) % {"seconds": retry_after}
            if json:
                response = JsonResponse({"fel": message}, status=429)
            else:
                response = render(request, "429.html", {"message": message}, status=429)
            response["Retry-After"] = str(retry_after)
            return response

        return wrapped

    return decorator
