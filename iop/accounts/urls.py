"""Account pages. Staff's pages for representatives' accounts (namespace "accounts", under
/rapporter/konton/ where they have always been, so bookmarks hold: `staff_patterns`), and the
signed-in person's own pages under /konto/ (`urlpatterns`): the second factor (namespace "mfa")
and password reset (Django's views under their standard names, which they reverse without a
namespace)."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from iop import mfa
from iop.accounts import views
from iop.accounts.forms import QueuedPasswordResetForm

staff_patterns = (
    [
        path("", views.account_list, name="list"),
        path("bjud-in/", views.account_invite, name="invite"),
        path("<int:pk>/aktiv/", views.account_toggle, name="toggle"),
        path("<int:pk>/tvafaktor/", views.account_second_factor_reset, name="second_factor_reset"),
    ],
    "accounts",
)

mfa_patterns = (
    [
        path("", mfa.verify, name="verify"),
        path("konfigurera/", mfa.setup, name="setup"),
        path("bekrafta/", mfa.email_proof, name="email_proof"),
        path("reservkoder/", mfa.recovery_codes, name="recovery_codes"),
    ],
    "mfa",
)

urlpatterns = [
    path("", mfa.account, name="account"),
    path("tvafaktor/", include(mfa_patterns)),
    # Changing the password keeps this session (Django updates its hash) and ends the others.
    path(
        "losenord/byt/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "losenord/byt/klart/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # A reset sets a new password and nothing else: it does not log in (post_reset_login stays
    # False) and it leaves the second factor alone, so the next login still asks for a code.
    path(
        "losenord/aterstall/",
        auth_views.PasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
            form_class=QueuedPasswordResetForm,
        ),
        name="password_reset",
    ),
    path(
        "losenord/aterstall/skickat/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "losenord/aterstall/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(post_reset_login=False),
        name="password_reset_confirm",
    ),
    path(
        "losenord/aterstall/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
