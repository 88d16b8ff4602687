from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from partnerships import views as partnership_views
from partnerships import views_portal

portal_patterns = (
    [path("", views_portal.portal_home, name="home")],
    "portal",
)

urlpatterns = [
    path("", partnership_views.home, name="home"),
    path("partnerskap/", include("partnerships.urls")),
    path("portal/", include(portal_patterns)),
    path("styrning/", include("governance.urls")),
    path("kommande/", include("partnerships.urls_deadlines")),
    path("logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "IOP – administration"
admin.site.site_title = "IOP"
