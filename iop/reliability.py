"""When the database is away (a PostgreSQL restart, a failover), say so instead of a 500.

Workers need no restart: CONN_HEALTH_CHECKS makes the next request open a fresh connection.
A person who was saving sees that nothing was saved (each service is one transaction) and can
send the form again.

Installed as the project's handler500 (iop/urls.py): Django calls it inside the `except` block
of any uncaught exception, from a view or a middleware alike, so sys.exc_info() tells which.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 10


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    exception = sys.exc_info()[1]
    if isinstance(exception, OperationalError | InterfaceError):
        # Rendered without the request: context processors would ask the database for the user.
        body = loader.get_template("503.html").render({})
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request, template_name)
