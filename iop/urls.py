from django.conf import settings
from django.contrib import admin
from django.http import FileResponse
from django.urls import include, path, re_path

from iop import oidc
from iop.accounts.urls import staff_patterns as account_staff_patterns
from iop.pages import accessibility as accessibility_page
from iop.pages import archive as archive_page
from iop.pages import catch_up as catch_up_page
from iop.pages import history as history_page
from iop.pages import imports as imports_page
from iop.pages import outbox as outbox_page
from iop.pages import partnership as partnership_page
from iop.pages import portal as portal_page
from iop.pages import portfolio as portfolio_page
from iop.pages import public as public_page
from iop.pages import state_aid as state_aid_page
from iop.pages import todo as todo_page
from iop.security import LogoutView
from partnerships import urls as partnership_urls
from partnerships.views import register as partnership_register
from reporting import urls_portal

# The partnership page's overview, panel tabs and history read several apps (iop/pages/); they
# share the partnerships namespace with partnerships' own views.
partnership_patterns = [
    path("<int:pk>/", partnership_page.partnership_detail, name="detail"),
    path("<int:pk>/historik/", history_page.partnership_history, name="history"),
    path("<int:pk>/lage-per-datum/", catch_up_page.partnership_catch_up, name="catch_up"),
    path(
        "organisationer/<int:pk>/statsstod/",
        state_aid_page.organisation_state_aid,
        name="organisation_state_aid",
    ),
    path(
        "organisationer/<int:pk>/de-minimis-intyg/",
        state_aid_page.de_minimis_statement,
        name="de_minimis_statement",
    ),
    path("<int:pk>/arkivpaket/", archive_page.archive_packages, name="archive_packages"),
    path(
        "<int:pk>/arkivpaket/skapa/",
        archive_page.archive_package_create,
        name="archive_package_create",
    ),
    path(
        "arkivpaket/<int:pk>/ladda-ned/",
        archive_page.archive_package_download,
        name="archive_package_download",
    ),
    # The import's review creates groups and reporting periods too (governance, reporting).
    path("importera/<int:pk>/", imports_page.import_review, name="import_review"),
    re_path(
        r"^(?P<pk>[0-9]+)/(?P<tab>livscykel|andringar|ekonomi)/$",
        partnership_page.partnership_section,
        name="section",
    ),
    *partnership_urls.urlpatterns,
]


# The public register and its open data, without login (iop/pages/public.py).
public_patterns = [
    path("offentligt-register/", public_page.register, name="register"),
    path("offentligt-register/<int:pk>/", public_page.partnership, name="partnership"),
    path("oppna-data/partnerskap.json", public_page.data_json, name="data_json"),
    # Any id, so that one that is not a number is answered in JSON too (the view's 404).
    path("oppna-data/partnerskap/<str:pk>.json", public_page.data_record, name="data_record"),
    path("oppna-data/partnerskap.csv", public_page.data_csv, name="data_csv"),
    path("oppna-data/openapi.json", public_page.openapi, name="openapi"),
]


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page's <link rel="icon"> says; answer with the
    same SVG the pages name instead of a 404 in every log."""
    response = FileResponse(
        (settings.BASE_DIR / "static" / "favicon.svg").open("rb"), content_type="image/svg+xml"
    )
    response["Cache-Control"] = "public, max-age=86400"
    return response


urlpatterns = [
    path("", partnership_register.home, name="home"),
    # Staff's start page, gathering every app's work waiting for them.
    path("att-gora/", todo_page.todo, name="todo"),
    # Every partnership in one view, for managers and the committee (reads all three apps).
    path("portfolj/", portfolio_page.portfolio, name="portfolio"),
    path("portfolj/pdf/", portfolio_page.portfolio_pdf, name="portfolio_pdf"),
    path("favicon.ico", favicon, name="favicon"),
    path("", include((public_patterns, "public"))),
    path("tillganglighet/", accessibility_page.accessibility_statement, name="accessibility"),
    path("partnerskap/", include((partnership_patterns, "partnerships"))),
    path("styrning/", include("governance.urls")),
    path(
        "portal/",
        include(
            ([path("", portal_page.portal_home, name="home"), *urls_portal.urlpatterns], "portal")
        ),
    ),
    # Staff's account pages kept the path they had under reporting.
    path("rapporter/konton/", include(account_staff_patterns)),
    path("rapporter/", include("reporting.urls")),
    path("kommande/", include("iop.deadline_urls")),
    # Staff's view of the mail queue: what failed, and sending it again (iop/mail.py).
    path(
        "utskick/",
        include(
            (
                [
                    path("", outbox_page.outbox_list, name="list"),
                    path("<int:pk>/skicka-igen/", outbox_page.outbox_retry, name="retry"),
                ],
                "outbox",
            )
        ),
    ),
    path("logga-in/", oidc.LoginView.as_view(), name="login"),
    path("logga-ut/", LogoutView.as_view(), name="logout"),
    path(
        "logga-in/oidc/",
        include(
            (
                [
                    path("<slug:provider>/", oidc.start, name="start"),
                    *[
                        path(f"{key}/svar/", view, name=f"callback_{key}")
                        for key, view in oidc.callbacks.items()
                    ],
                ],
                "oidc",
            )
        ),
    ),
    path("konto/", include("iop.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# A database outage answers 503 "try again in a minute" instead of 500 (iop/reliability.py).
handler500 = "iop.reliability.server_error"

admin.site.site_header = "IOP – administration"
admin.site.site_title = "IOP"
