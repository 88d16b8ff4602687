from django.urls import path

from reporting.views import portal

app_name = "portal"

urlpatterns = [
    path("", portal.portal_home, name="home"),
    path("partnerskap/<int:pk>/", portal.portal_partnership, name="partnership"),
    path("aktivera/<uidb64>/<token>/", portal.ActivateView.as_view(), name="activate"),
]
