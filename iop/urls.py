from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from iop.security import LogoutView
from partnerships import views as partnership_views

urlpatterns = [
    path("", partnership_views.home, name="home"),
    path("partnerskap/", include("partnerships.urls")),
    path("styrning/", include("governance.urls")),
    path("portal/", include("reporting.urls_portal")),
    path("rapporter/", include("reporting.urls")),
    path("kommande/", include("partnerships.urls_deadlines")),
    path("logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("logga-ut/", LogoutView.as_view(), name="logout"),
    path("konto/", include("iop.account_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# A database outage answers 503 "try again in a minute" instead of 500 (iop/reliability.py).
handler500 = "iop.reliability.server_error"

admin.site.site_header = "IOP – administration"
admin.site.site_title = "IOP"
