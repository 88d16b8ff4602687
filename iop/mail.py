"""Every e-mail goes out through the task queue (iop/tasks.py), never inside the request: a
kallelse to twenty people or an invitation no longer hangs or fails with the mail server.

`mail_queue(message, kind=...)` keeps the built message as an OutgoingMail row and queues its
sending in the caller's transaction; the worker sends it, retrying with backoff; a mail that
finally failed is listed for staff on Utskick (iop/pages/outbox.py), where `mail_retry` queues
it again."""

import base64

from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from iop.models import OutgoingMail
from iop.tasks import background, enqueue
from partnerships.transitions import transition


def _content(content):
    if isinstance(content, str):
        return {"text": content}
    return {"base64": base64.b64encode(content).decode("ascii")}


def _bytes_or_text(stored):
    return stored["text"] if "text" in stored else base64.b64decode(stored["base64"])


def _stored(message):
    """The parts of an EmailMessage needed to build it again in the worker, as JSON."""
    return {
        "body": message.body,
        "from_email": message.from_email,
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [_content(content), mimetype]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [
            [filename, _content(content), mimetype]
            for filename, content, mimetype in message.attachments
        ],
    }


def _built(mail):
    stored = mail.message
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=stored["body"],
        from_email=stored["from_email"],
        to=mail.to,
        cc=stored["cc"],
        bcc=stored["bcc"],
        reply_to=stored["reply_to"],
        headers=stored["headers"],
    )
    for content, mimetype in stored["alternatives"]:
        message.attach_alternative(_bytes_or_text(content), mimetype)
    for filename, content, mimetype in stored["attachments"]:
        message.attach(filename, _bytes_or_text(content), mimetype)
    return message


def mail_queue(message, *, kind):
    """Queue `message` (an EmailMessage, attachments included) to be sent by the worker; call
    it inside the transaction of the change that sends it, so a rollback sends nothing."""
    with transaction.atomic():
        mail = OutgoingMail.objects.create(
            kind=kind,
            subject=message.subject[:255],
            to=list(message.to),
            message=_stored(message),
        )
        enqueue(mail_send, mail.pk)
    return mail


def _give_up(mail_id, *, error):
    mail = OutgoingMail.objects.get(pk=mail_id)
    if "give_up" in mail.allowed_actions:
        transition(mail, "give_up", actor=None, reason=_("Sista försöket misslyckades."))


@background(on_give_up=_give_up)
def mail_send(mail_id):
    """Hand one queued mail to the mail server (the task the worker runs)."""
    failure = None
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().get(pk=mail_id)
        if "send" not in mail.allowed_actions:
            # Sent already (staff's retry racing the worker's: sent once), or given up: a
            # retry from Utskick queues it again first.
            return
        attempt = {"attempts": mail.attempts + 1, "last_attempt_at": timezone.now()}
        try:
            _built(mail).send()
        except Exception as error:  # whatever the backend raises, the try is recorded
            failure = error
            attempt["last_error"] = f"{type(error).__name__}: {error}"[:2000]
            transition(
                mail, "try_failed", actor=None, reason=_("Försöket misslyckades."), fields=attempt
            )
        else:
            # Sent: the content (a code, a link) is no one's to read afterwards.
            attempt.update(last_error="", message={})
            transition(
                mail,
                "send",
                actor=None,
                reason=_("Skickat."),
                history_date=attempt["last_attempt_at"],
                fields=attempt,
            )
    if failure is not None:
        raise failure  # iop.tasks retries it, or gives up and marks it failed


def get_outgoing_mail_for_user(request, pk):
    """A mail on Utskick, for staff; others get a 404 as for anything they may not see."""
    if not getattr(request.user, "is_administration", False):
        raise Http404
    return get_object_or_404(OutgoingMail, pk=pk)


def mail_retry(*, mail, actor):
    """Queue a failed mail again, recording who asked; tries start from the beginning."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().get(pk=mail.pk)
        if mail.status != OutgoingMail.Status.FAILED:
            raise ValidationError(_("Utskicket har inte misslyckats och kan inte skickas om."))
        transition(
            mail,
            "retry",
            actor=actor,
            reason=_("Skickas igen."),
            fields={"retried_by": actor, "retried_at": timezone.now()},
        )
        enqueue(mail_send, mail.pk)
    return mail
