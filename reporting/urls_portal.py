from django.urls import path

from reporting.views import portal

app_name = "portal"

urlpatterns = [
    path("", portal.portal_home, name="home"),
    path("partnerskap/<int:pk>/", portal.portal_partnership, name="partnership"),
    path("aktivera/<uidb64>/<token>/", portal.ActivateView.as_view(), name="activate"),
    path("losenord/", portal.password_reset, name="password_reset"),
    path("losenord/skickat/", portal.password_reset_done, name="password_reset_done"),
    path(
        "losenord/nytt/<uidb64>/<token>/",
        portal.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("losenord/klart/", portal.password_reset_complete, name="password_reset_complete"),
]
