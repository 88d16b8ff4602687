"""Utskick: staff see every e-mail the queue handled (iop/mail.py), those that finally failed
first, and send a failed one again."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from iop.mail import get_outgoing_mail_for_user, mail_retry
from iop.models import OutgoingMail
from iop.views_helpers import paginate
from partnerships.permissions import administration_required


@administration_required
def outbox_list(request):
    mails = OutgoingMail.objects.select_related("retried_by").order_by(
        Case(
            When(status=OutgoingMail.Status.FAILED, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        "-created_at",
        "-pk",
    )
    return render(
        request,
        "iop/outbox.html",
        {"page": paginate(request, mails, 50), "failed": OutgoingMail.objects.failed().count()},
    )


@administration_required
@require_POST
def outbox_retry(request, pk):
    mail = get_outgoing_mail_for_user(request, pk)
    try:
        mail_retry(mail=mail, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("”%(subject)s” är lagt i kön igen och skickas strax.") % {"subject": mail.subject},
        )
    return redirect("outbox:list")
