"""Meetings: the meeting page, scheduling, status, the agenda, the minutes text of each §,
attendance, the notice (e-mail and calendar file) and the minutes PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from governance.forms import (
    AdjusterForm,
    AgendaItemForm,
    AttendanceForm,
    ItemMinutesForm,
    MeetingForm,
    MeetingStatusForm,
)
from governance.models import Decision, Minutes, Vote
from governance.notices import meeting_ics
from governance.permissions import (
    approval_roles,
    can_add_agenda_item,
    can_manage,
    can_see_draft_minutes,
    can_send_notice,
    get_group_for_user,
    get_item_for_user,
    get_meeting_for_user,
)
from governance.services import groups as group_services
from governance.services import meetings as meeting_services
from governance.views.common import FORM, ROLE_LABELS, WithReason
from iop.pdf import pdf_response, render_pdf
from iop.views_helpers import form_data, form_page
from partnerships.permissions import administration_required


def _meeting_context(user, meeting):
    """Everything the meeting page and the minutes PDF show, in a fixed number of queries.
    `user` None: the approved minutes only (the e-archive's copy)."""
    items = list(
        meeting.items.select_related("escalation__from_group", "proposed_by").prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.prefetch_related(
                    Prefetch("votes", queryset=Vote.objects.select_related("member"))
                ).order_by("pk"),
            )
        )
    )
    versions = list(
        meeting.minutes_versions.select_related(
            "chair__user", "adjuster__user", "chair_recorded_by", "adjuster_recorded_by"
        ).order_by("-version")
    )
    minutes = versions[0] if versions else None
    approved = next((v for v in versions if v.status != Minutes.Status.DRAFT), None)
    chair = group_services.chair_on(meeting.group, meeting.date)
    show_minutes = (user is not None and can_see_draft_minutes(user, minutes, chair)) or (
        minutes is not None and minutes.status == Minutes.Status.APPROVED
    )
    members = list(
        meeting.group.members.current(meeting.date).select_related("organisation", "user")
    )
    attendance = {a.member_id: a.present for a in meeting.attendance.all()}
    for member in members:
        member.present = attendance.get(member.pk)
    return {
        "meeting": meeting,
        "group": meeting.group,
        "items": items,
        "minutes": minutes,
        "versions": versions,
        "approved_version": approved,
        "show_minutes": show_minutes,
        "members": members,
        "attendance_recorded": bool(attendance),
        "chair": chair,
    }


@login_required
def meeting_detail(request, pk):
    meeting = get_meeting_for_user(request, pk)
    context = _meeting_context(request.user, meeting)
    context.update(
        {
            "can_manage": can_manage(request.user),
            "can_add_item": can_add_agenda_item(request.user, meeting, context["minutes"]),
            "can_send_notice": can_send_notice(request.user, meeting, context["chair"]),
            "approvals": [
                {"role": role, "label": ROLE_LABELS[role], "person": person, "on_behalf": behalf}
                for role, person, behalf in approval_roles(request.user, context["minutes"])
            ],
            "adjuster_form": AdjusterForm(meeting=meeting)
            if can_manage(request.user)
            and not (context["minutes"] and context["minutes"].is_locked)
            else None,
        }
    )
    return render(request, "governance/meeting_detail.html", context)


@administration_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    group = get_group_for_user(request, pk)
    return form_page(
        request,
        MeetingForm(form_data(request)),
        service=lambda **kw: meeting_services.meeting_schedule(group=group, **kw),
        template=FORM,
        context={"title": _("Nytt möte för %(group)s") % {"group": group.name}, "group": group},
        success=lambda meeting: meeting.get_absolute_url(),
        cancel=group.get_absolute_url() + "#moten",
        message=_("Mötet är planerat."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = get_meeting_for_user(request, pk)
    return form_page(
        request,
        MeetingForm(form_data(request), instance=meeting),
        service=lambda **kw: meeting_services.meeting_update(meeting, **kw),
        template=FORM,
        context={"title": _("Ändra mötet"), "group": meeting.group, "meeting": meeting},
        success=meeting.get_absolute_url(),
        message=_("Ändringen är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def meeting_status(request, pk):
    meeting = get_meeting_for_user(request, pk)
    return form_page(
        request,
        MeetingStatusForm(form_data(request)),
        service=lambda **kw: meeting_services.meeting_set_status(meeting, **kw),
        template=FORM,
        context={"title": _("Ändra mötets status"), "group": meeting.group, "meeting": meeting},
        success=meeting.get_absolute_url(),
        message=_("Mötets status är ändrad."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_create(request, pk):
    meeting = get_meeting_for_user(request, pk)
    if not can_add_agenda_item(request.user, meeting, meeting_services.current_minutes(meeting)):
        raise PermissionDenied
    return form_page(
        request,
        WithReason(AgendaItemForm, _("Punkt anmäld till dagordningen"))(form_data(request)),
        service=lambda **kw: meeting_services.agenda_item_add(meeting=meeting, **kw),
        template=FORM,
        context={
            "title": _("Ny punkt på dagordningen"),
            "group": meeting.group,
            "meeting": meeting,
        },
        success=lambda item: meeting.get_absolute_url() + f"#p{item.number}",
        cancel=meeting.get_absolute_url() + "#dagordning",
        message=_("Punkten är tillagd på dagordningen."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def item_minutes_edit(request, pk):
    item = get_item_for_user(request, pk)
    meeting = item.meeting
    return form_page(
        request,
        WithReason(ItemMinutesForm, _("Protokollstext för § %(n)d") % {"n": item.number})(
            form_data(request), item=item, initial={"minutes_text": item.minutes_text}
        ),
        service=lambda **kw: meeting_services.item_minutes_update(item, **kw),
        template=FORM,
        context={
            "title": _("Protokoll § %(n)d %(title)s") % {"n": item.number, "title": item.title},
            "group": meeting.group,
            "meeting": meeting,
        },
        success=meeting.get_absolute_url() + f"#p{item.number}",
        message=_("Protokollstexten är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def attendance_edit(request, pk):
    meeting = get_meeting_for_user(request, pk)
    present = [a.member_id for a in meeting.attendance.all() if a.present]
    return form_page(
        request,
        WithReason(AttendanceForm, _("Närvaro registrerad"))(
            form_data(request), meeting=meeting, initial={"present": present}
        ),
        service=lambda **kw: meeting_services.attendance_record(meeting=meeting, **kw),
        template=FORM,
        context={"title": _("Närvaro"), "group": meeting.group, "meeting": meeting},
        success=meeting.get_absolute_url() + "#narvaro",
        message=_("Närvaron är sparad."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def notice_send(request, pk):
    """GET: who will get the notice and what it holds (e-mail cannot be taken back); POST:
    send it."""
    meeting = get_meeting_for_user(request, pk)
    if not can_send_notice(
        request.user, meeting, group_services.chair_on(meeting.group, meeting.date)
    ):
        raise PermissionDenied
    if request.method == "GET":
        members = list(
            meeting.group.members.current(meeting.date)
            .select_related("organisation")
            .order_by("name")
        )
        return render(
            request,
            "governance/notice_confirm.html",
            {
                "group": meeting.group,
                "meeting": meeting,
                "recipients": [m for m in members if m.email],
                "without_email": [m for m in members if not m.email],
                "items": list(meeting.items.order_by("number")),
            },
        )
    try:
        recipients = meeting_services.meeting_send_notice(
            meeting=meeting, actor=request.user, reason=_("Kallelse skickad")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Kallelsen är skickad till %(n)d ledamöter.") % {"n": len(recipients)}
        )
    return redirect(meeting.get_absolute_url())


@login_required
def meeting_ics_download(request, pk):
    meeting = get_meeting_for_user(request, pk)
    members = list(meeting.group.members.current(meeting.date))
    body = meeting_ics(
        meeting,
        list(meeting.items.order_by("number")),
        members,
        group_services.chair_on(meeting.group, meeting.date),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, f"mote-{meeting.date:%Y-%m-%d}.ics"
    )
    return response


def render_minutes(meeting, user=None):
    """The minutes as PDF/A bytes, or None when `user` (None: anyone, the e-archive) may not
    read them: a draft is shown only to those who approve it."""
    context = _meeting_context(user, meeting)
    if not context["show_minutes"]:
        return None
    context["generated_at"] = timezone.now()
    return render_pdf("governance/pdf/minutes.html", context)


@login_required
def minutes_pdf(request, pk):
    meeting = get_meeting_for_user(request, pk)
    pdf = render_minutes(meeting, request.user)
    if pdf is None:
        raise Http404
    return pdf_response(pdf, f"protokoll-{meeting.group.name.lower()}-{meeting.date:%Y-%m-%d}.pdf")
