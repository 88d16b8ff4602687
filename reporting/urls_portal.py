from django.urls import path

from reporting.views import portal

# Mounted by iop/urls.py under the namespace "portal", with the portal home (iop/pages/portal.py).

urlpatterns = [
    path("partnerskap/<int:pk>/", portal.portal_partnership, name="partnership"),
    path("aktivera/<uidb64>/<token>/", portal.ActivateView.as_view(), name="activate"),
]
