"""Django's database sessions, with the page cache's data version (iop.pagecache) read in the
same query as the session: a page served from the cache then costs the queries of the floor
(the session and the user), and a page rendered anew one query less."""

import logging

from django.contrib.sessions.backends import db
from django.core.exceptions import SuspiciousOperation
from django.db import connections, router
from django.db.models.expressions import RawSQL
from django.utils import timezone

from iop import pagecache


class SessionStore(db.SessionStore):
    data_version = None  # as it was when the session was read; None: read it when needed

    def _get_session_from_db(self):
        using = router.db_for_read(self.model)
        if connections[using].vendor != "postgresql" or not pagecache.enabled():
            return super()._get_session_from_db()
        try:
            session = (
                self.model.objects.using(using)
                .annotate(data_version=RawSQL(f"SELECT last_value FROM {pagecache.SEQUENCE}", ()))
                .get(session_key=self.session_key, expire_date__gt=timezone.now())
            )
        except (self.model.DoesNotExist, SuspiciousOperation) as error:
            if isinstance(error, SuspiciousOperation):
                logger = logging.getLogger(f"django.security.{error.__class__.__name__}")
                logger.warning(str(error))
            self._session_key = None
            return None
        self.data_version = (using, session.data_version)
        return session
