"""gunicorn settings for IOP behind nginx (see deploy/README.md).

Started by deploy/systemd/iop.service as
    gunicorn --config /srv/iop/app/deploy/gunicorn.conf.py iop.wsgi
Everything is logged to stdout/stderr, which systemd hands to journald.
"""

import multiprocessing
import os

# nginx is the only client: listen on loopback only.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers; PDF rendering is CPU bound. 2 per core + 1 is gunicorn's rule of thumb.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# Agreement and annual-compilation PDFs take a second or two; anything past this is a bug.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never takes the service down.
max_requests = 1000
max_requests_jitter = 100
# Trust X-Forwarded-* only from nginx on this machine.
forwarded_allow_ips = "127.0.0.1"
# Request bodies larger than this never reach Django (nginx refuses them first anyway).
limit_request_line = 8190

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The real client address, from the header nginx sets, in the access log.
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
proc_name = "iop"
