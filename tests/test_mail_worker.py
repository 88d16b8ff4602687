"""The real thing: the database queue (django-tasks-db), the worker as its own process
(`manage.py db_worker`, as deploy/systemd/iop-worker.service runs it) and a real SMTP server
(aiosmtpd) that is down at first. A mail queued by one process is sent by the worker, which
retries after the failure; a mail queued in a rolled-back transaction never goes."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent

QUEUE_TWO_MAILS = """
import django
django.setup()
from django.core.mail import EmailMessage
from django.db import transaction
from iop.mail import mail_queue
from iop.models import OutgoingMail

with transaction.atomic():
    message = EmailMessage(
        "Kallelse till styrgruppen", "Dagordning", "iop@localhost", ["ledamot@example.org"]
    )
    message.attach("kallelse.ics", "BEGIN:VCALENDAR\\r\\nEND:VCALENDAR\\r\\n", "text/calendar")
    mail_queue(message, kind=OutgoingMail.Kind.NOTICE)
try:
    with transaction.atomic():
        mail_queue(
            EmailMessage("Aldrig skickad", "x", "iop@localhost", ["ingen@example.org"]),
            kind=OutgoingMail.Kind.NOTICE,
        )
        raise RuntimeError("the change is rolled back")
except RuntimeError:
    pass
"""


class Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _mails(db):
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT subject, status, attempts, last_error FROM iop_outgoingmail ORDER BY id"
        ).fetchall()


def _wait(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.2)
    raise AssertionError(f"waited {seconds} s for {what}")


def test_the_worker_process_retries_a_mail_until_the_server_answers(tmp_path):
    # Memory-backed where there is one: the migration's many small transactions are slow on
    # a busy disk, and only the two processes need to share the file.
    shm = Path("/dev/shm")
    db = (shm if shm.is_dir() else tmp_path) / f"iop-mail-worker-{os.getpid()}.sqlite3"
    port = _free_port()  # nothing listens there yet: the mail server is down
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "iop.settings",
        "DATABASE_URL": f"sqlite:///{db}",
        "IOP_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(port),
        "IOP_TASK_RETRY_SECONDS": "1",
        "IOP_TASK_RETRIES": "4",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    db.unlink(missing_ok=True)
    subprocess.run(
        [*manage, "migrate", "--noinput"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    subprocess.run([sys.executable, "-c", QUEUE_TWO_MAILS], cwd=ROOT, env=env, check=True)
    assert _mails(db) == [("Kallelse till styrgruppen", "queued", 0, "")]

    worker = subprocess.Popen(
        [*manage, "db_worker", "--interval", "0.2", "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    try:
        _subject, status, attempts, error = _wait(
            lambda: next((m for m in _mails(db) if m[2] >= 1), None), 120, "the first try"
        )
        assert status == "retrying" and "ConnectionRefusedError" in error
        server.start()  # the mail server is back
        _wait(lambda: _mails(db)[0][1] == "sent", 120, "the retry to send the mail")
        final = _mails(db)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=60)[0]
        if server._thread is not None:
            server.stop()
        db.unlink(missing_ok=True)
    assert worker.returncode == 0, output
    [(subject, status, attempts, error)] = final
    assert (subject, status, error) == ("Kallelse till styrgruppen", "sent", "")
    assert attempts >= 2
    assert "next try in" in output  # the worker's log says when it tries again
    [envelope] = inbox.envelopes
    assert envelope.rcpt_tos == ["ledamot@example.org"]
    content = envelope.content.decode()
    assert "Subject: Kallelse till styrgruppen" in content
    assert 'filename="kallelse.ics"' in content
    assert "Aldrig skickad" not in content
