from django.urls import path

from iop.pages import deadlines as views

app_name = "deadlines"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("kalender/", views.calendar_settings, name="calendar"),
    path("kalender/ny-adress/", views.calendar_reset, name="calendar_reset"),
    path("kalender/<str:token>.ics", views.feed, name="feed"),
]
