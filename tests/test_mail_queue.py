"""Mail goes out through the task queue (iop/tasks.py, iop/mail.py): queued with the change,
sent by the task, retried with backoff, and shown to staff on Utskick when it finally failed."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from iop.accounts.services import representative_invite
from iop.mail import mail_queue
from iop.models import OutgoingMail
from iop.tasks import ATTEMPT

pytestmark = pytest.mark.django_db

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class DownMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def _invite(org, staff, email="ny@example.org"):
    return representative_invite(
        email=email, first_name="Nora", last_name="Ny", organisation=org, actor=staff
    )


def test_an_invitation_goes_out_through_the_queue_after_the_commit(
    staff, org_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _invite(org_a, staff)
        queued = OutgoingMail.objects.get()
        assert queued.status == OutgoingMail.Status.QUEUED and not mail.outbox
    for callback in callbacks:
        callback()  # the commit
    assert [m.to for m in mail.outbox] == [["ny@example.org"]]
    assert "Nora" in mail.outbox[0].body
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.SENT and queued.attempts == 1
    assert queued.message == {}  # the activation link is not kept once sent


def test_a_rolled_back_change_sends_nothing(staff, org_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            _invite(org_a, staff)
            raise RuntimeError("the change fails after the mail was queued")
    assert not mail.outbox and not OutgoingMail.objects.exists()


def test_in_the_database_queue_a_rolled_back_change_leaves_no_task(settings, staff, org_a):
    settings.TASKS = DB_QUEUE
    with pytest.raises(RuntimeError), transaction.atomic():
        _invite(org_a, staff)
        assert DBTaskResult.objects.count() == 1  # written in the change's transaction
        raise RuntimeError("rolled back")
    assert not DBTaskResult.objects.exists() and not OutgoingMail.objects.exists()
    _invite(org_a, staff)
    assert DBTaskResult.objects.get().task_path == "iop.mail.mail_send"
    assert not mail.outbox  # the worker sends it, not the request


def test_attachments_and_reply_to_survive_the_queue(django_capture_on_commit_callbacks):
    message = EmailMessage("Kallelse", "Dagordning", "iop@localhost", ["a@example.org"])
    message.reply_to = ["ordf@example.org"]
    message.attach("kallelse.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    message.attach("bilaga.pdf", b"%PDF-1.4 \x00\xff", "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        mail_queue(message, kind=OutgoingMail.Kind.NOTICE)
    sent = mail.outbox[0]
    assert sent.reply_to == ["ordf@example.org"]
    assert [(name, mimetype) for name, _content, mimetype in sent.attachments] == [
        ("kallelse.ics", "text/calendar"),
        ("bilaga.pdf", "application/pdf"),
    ]
    assert sent.attachments[1][1] == b"%PDF-1.4 \x00\xff"


def test_a_failed_send_is_retried_later_with_backoff_then_given_up(
    settings, staff, org_a, run_queue
):
    """The database queue: each failure queues the next try further off, and the last one
    marks the mail failed."""
    settings.TASKS = DB_QUEUE
    settings.EMAIL_BACKEND = "tests.test_mail_queue.DownMailServer"
    settings.IOP_TASK_RETRIES = 2
    _invite(org_a, staff)
    delays = []
    for _try in range(3):
        task = DBTaskResult.objects.filter(status="READY").get()
        if ATTEMPT in task.args_kwargs["kwargs"]:  # a retry, queued for later
            delays.append(task.run_after - timezone.now())
            task.run_after = timezone.now()  # the clock moves on
            task.save()
        run_queue()
    assert [round(d / timedelta(seconds=1) / 10) * 10 for d in delays] == [30, 120]
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2  # "retry later"
    final = DBTaskResult.objects.get(status="FAILED")
    assert final.args_kwargs["kwargs"] == {ATTEMPT: 3}
    failed = OutgoingMail.objects.get()
    assert failed.status == OutgoingMail.Status.FAILED and failed.attempts == 3
    assert "SMTPServerDisconnected" in failed.last_error
    assert not mail.outbox


def test_staff_see_a_failed_send_and_send_it_again(
    settings, staff, staff_client, org_a, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_mail_queue.DownMailServer"
    with django_capture_on_commit_callbacks(execute=True):
        _invite(org_a, staff)
    failed = OutgoingMail.objects.get()
    # The queue that runs tasks at once cannot wait: one failure is final.
    assert failed.status == OutgoingMail.Status.FAILED
    page = staff_client.get(reverse("outbox:list")).content.decode()
    assert "1 utskick har misslyckats" in page and "ny@example.org" in page
    assert "SMTPServerDisconnected" in page and "Skicka igen" in page

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("outbox:retry", args=[failed.pk]))
    assert response.status_code == 302 and response.url == reverse("outbox:list")
    assert [m.to for m in mail.outbox] == [["ny@example.org"]]
    failed.refresh_from_db()
    assert failed.status == OutgoingMail.Status.SENT and failed.retried_by == staff
    page = staff_client.get(reverse("outbox:list")).content.decode()
    assert "misslyckats" not in page and "Skickat" in page

    # A second click finds it sent, and sends nothing more.
    response = staff_client.post(reverse("outbox:retry", args=[failed.pk]), follow=True)
    assert "har inte misslyckats" in response.content.decode() and len(mail.outbox) == 1


def test_only_staff_reach_utskick(client, rep_a, staff, org_a):
    failed = OutgoingMail.objects.create(
        kind=OutgoingMail.Kind.INVITATION,
        subject="Inbjudan",
        to=["x@example.org"],
        status=OutgoingMail.Status.FAILED,
    )
    assert client.get(reverse("outbox:list")).url.startswith("/logga-in/")
    client.force_login(rep_a)
    assert client.get(reverse("outbox:list")).status_code == 403
    assert client.post(reverse("outbox:retry", args=[failed.pk])).status_code == 403
    failed.refresh_from_db()
    assert failed.status == OutgoingMail.Status.FAILED


def test_the_list_does_not_query_per_mail(staff_client, django_assert_num_queries):
    for number in range(30):
        OutgoingMail.objects.create(
            kind=OutgoingMail.Kind.REMINDER, subject=f"Påminnelse {number}", to=["a@example.org"]
        )
    staff_client.get(reverse("outbox:list"))  # warm the session
    with django_assert_num_queries(5) as queries:
        page = staff_client.get(reverse("outbox:list")).content.decode()
    assert "Påminnelse 29" in page, [q["sql"] for q in queries.captured_queries]
