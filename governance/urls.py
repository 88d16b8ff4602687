from django.urls import path

from governance import views, views_meetings

app_name = "governance"

urlpatterns = [
    path("", views.group_list, name="group_list"),
    path("partnerskap/<int:pk>/grupper/ny/", views.group_create, name="group_create"),
    path("partnerskap/<int:pk>/beslut/", views.decision_register, name="decision_register"),
    path("grupper/<int:pk>/", views.group_detail, name="group_detail"),
    path("grupper/<int:pk>/andra/", views.group_edit, name="group_edit"),
    path("grupper/<int:pk>/ledamoter/ny/", views.member_create, name="member_create"),
    path("ledamoter/<int:pk>/andra/", views.member_edit, name="member_edit"),
    path("grupper/<int:pk>/ordforande/lotta/", views.chair_draw, name="chair_draw"),
    path("grupper/<int:pk>/ordforande/rotera/", views.chair_rotate, name="chair_rotate"),
    path("grupper/<int:pk>/ordforande/utse/", views.chair_appoint, name="chair_appoint"),
    path("grupper/<int:pk>/turordning/", views.rotation_edit, name="rotation_edit"),
    path("lottningar/<int:pk>/", views.draw_detail, name="draw_detail"),
    path("grupper/<int:pk>/fragor/ny/", views.escalation_create, name="escalation_create"),
    path(
        "grupper/<int:pk>/atgardsplaner/ny/", views.remediation_request, name="remediation_request"
    ),
    path("atgardsplaner/<int:pk>/", views.remediation_detail, name="remediation_detail"),
    path("atgardsplaner/<int:pk>/lamna-in/", views.remediation_submit, name="remediation_submit"),
    path("atgardsplaner/<int:pk>/bedom/", views.remediation_assess, name="remediation_assess"),
    path("grupper/<int:pk>/moten/nytt/", views_meetings.meeting_create, name="meeting_create"),
    path("moten/<int:pk>/", views_meetings.meeting_detail, name="meeting_detail"),
    path("moten/<int:pk>/andra/", views_meetings.meeting_edit, name="meeting_edit"),
    path("moten/<int:pk>/status/", views_meetings.meeting_status, name="meeting_status"),
    path("moten/<int:pk>/punkter/ny/", views_meetings.agenda_item_create, name="item_create"),
    path("moten/<int:pk>/narvaro/", views_meetings.attendance_edit, name="attendance_edit"),
    path("moten/<int:pk>/justerare/", views_meetings.minutes_adjuster, name="minutes_adjuster"),
    path("moten/<int:pk>/justera/", views_meetings.minutes_approve, name="minutes_approve"),
    path(
        "moten/<int:pk>/justera/<str:role>/registrera/",
        views_meetings.minutes_approve_on_behalf,
        name="minutes_approve_on_behalf",
    ),
    path("moten/<int:pk>/rattelse/", views_meetings.minutes_correct, name="minutes_correct"),
    path("moten/<int:pk>/kallelse/", views_meetings.notice_send, name="notice_send"),
    path("moten/<int:pk>/kallelse.ics", views_meetings.meeting_ics_download, name="meeting_ics"),
    path("moten/<int:pk>/protokoll.pdf", views_meetings.minutes_pdf, name="minutes_pdf"),
    path("punkter/<int:pk>/protokoll/", views_meetings.item_minutes_edit, name="item_minutes"),
    path("punkter/<int:pk>/beslut/ny/", views_meetings.decision_create, name="decision_create"),
    path("beslut/<int:pk>/", views_meetings.decision_detail, name="decision_detail"),
]
