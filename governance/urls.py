from django.urls import path

from governance.views import escalations, groups, meetings, minutes

app_name = "governance"

urlpatterns = [
    path("", groups.group_list, name="group_list"),
    path("partnerskap/<int:pk>/grupper/ny/", groups.group_create, name="group_create"),
    path("partnerskap/<int:pk>/beslut/", minutes.decision_register, name="decision_register"),
    path("partnerskap/<int:pk>/parter/intrade/", minutes.party_join, name="party_join"),
    path("grupper/<int:pk>/", groups.group_detail, name="group_detail"),
    path("grupper/<int:pk>/andra/", groups.group_edit, name="group_edit"),
    path("grupper/<int:pk>/ledamoter/ny/", groups.member_create, name="member_create"),
    path("ledamoter/<int:pk>/andra/", groups.member_edit, name="member_edit"),
    path("grupper/<int:pk>/ordforande/lotta/", groups.chair_draw, name="chair_draw"),
    path("grupper/<int:pk>/ordforande/rotera/", groups.chair_rotate, name="chair_rotate"),
    path("grupper/<int:pk>/ordforande/utse/", groups.chair_appoint, name="chair_appoint"),
    path("grupper/<int:pk>/turordning/", groups.rotation_edit, name="rotation_edit"),
    path("lottningar/<int:pk>/", groups.draw_detail, name="draw_detail"),
    path("grupper/<int:pk>/fragor/ny/", escalations.escalation_create, name="escalation_create"),
    path(
        "grupper/<int:pk>/atgardsplaner/ny/",
        escalations.remediation_request,
        name="remediation_request",
    ),
    path("atgardsplaner/<int:pk>/", escalations.remediation_detail, name="remediation_detail"),
    path(
        "atgardsplaner/<int:pk>/lamna-in/",
        escalations.remediation_submit,
        name="remediation_submit",
    ),
    path(
        "atgardsplaner/<int:pk>/bedom/", escalations.remediation_assess, name="remediation_assess"
    ),
    path("grupper/<int:pk>/moten/nytt/", meetings.meeting_create, name="meeting_create"),
    path("moten/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("moten/<int:pk>/andra/", meetings.meeting_edit, name="meeting_edit"),
    path("moten/<int:pk>/status/", meetings.meeting_status, name="meeting_status"),
    path("moten/<int:pk>/punkter/ny/", meetings.agenda_item_create, name="item_create"),
    path("moten/<int:pk>/narvaro/", meetings.attendance_edit, name="attendance_edit"),
    path("moten/<int:pk>/justerare/", minutes.minutes_adjuster, name="minutes_adjuster"),
    path("moten/<int:pk>/justera/", minutes.minutes_approve, name="minutes_approve"),
    path(
        "moten/<int:pk>/justera/<str:role>/registrera/",
        minutes.minutes_approve_on_behalf,
        name="minutes_approve_on_behalf",
    ),
    path("moten/<int:pk>/rattelse/", minutes.minutes_correct, name="minutes_correct"),
    path("moten/<int:pk>/kallelse/", meetings.notice_send, name="notice_send"),
    path("moten/<int:pk>/kallelse.ics", meetings.meeting_ics_download, name="meeting_ics"),
    path("moten/<int:pk>/protokoll.pdf", meetings.minutes_pdf, name="minutes_pdf"),
    path("punkter/<int:pk>/protokoll/", meetings.item_minutes_edit, name="item_minutes"),
    path("punkter/<int:pk>/beslut/ny/", minutes.decision_create, name="decision_create"),
    path("beslut/<int:pk>/", minutes.decision_detail, name="decision_detail"),
]
