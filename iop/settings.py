"""Settings for IOP.

Everything that differs between a developer's machine and production comes from the environment,
read through the helpers below, which refuse values they cannot parse instead of guessing. The
defaults are what `make run` needs: SQLite, DEBUG on, e-mail to the console.
"""

import ipaddress
import os
import warnings
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default=None):
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfigured(f"Environment variable {name} must be set")
        return default
    return value


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1/0, true/false)")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer") from exc


def env_list(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_networks(name, default):
    """Comma-separated IP addresses and networks (`127.0.0.1, 10.0.0.0/8, ::1`), as
    ip_network objects; an entry that is neither (or a network with host bits set) is refused."""
    networks = []
    for item in env_list(name, default):
        try:
            networks.append(ipaddress.ip_network(item))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not an IP address or network (e.g. 10.0.0.0/8)"
            ) from exc
    return networks


def database_from_url(url):
    """Turn `postgres://user:pass@host:port/name` or `sqlite:///path` into a DATABASES entry."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": parsed.path[1:] or ":memory:"}
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": env_int("DJANGO_CONN_MAX_AGE", 60),
            # A restarted PostgreSQL must not leave workers holding dead connections.
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(f"DATABASE_URL scheme {parsed.scheme!r} is not supported")


# Production is one switch: it turns on every safety the deployment checklist asks for and
# makes the secrets mandatory.
PRODUCTION = env_bool("IOP_PRODUCTION", False)
DEBUG = env_bool("DJANGO_DEBUG", not PRODUCTION)

if PRODUCTION:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set in production")
else:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-development-key-do-not-use-in-production")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "iop.apps.IopAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "iop",
    "simple_history",
    "guardian",
    # Named in Swedish in the admin (they have no Swedish catalogue): iop/third_party_apps.py.
    "iop.third_party_apps.AxesConfig",
    "django_otp",
    "iop.third_party_apps.TOTPConfig",
    "iop.third_party_apps.StaticConfig",
    "partnerships",
    "iop.accounts",
    "governance",
    "reporting",
    # The task queue (iop/tasks.py): the backport of Django 6's django.tasks, its queue kept
    # in our database.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First: X-Forwarded-* count only from a trusted proxy (IOP_TRUSTED_PROXIES).
    "iop.security.ForwardedHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that may answer: it sees the final response to a signed-in person.
    "iop.security.NoStoreForSignedInMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After auth and messages: ends idle/too-old sessions, then sends an unverified user to the
    # second factor before any view runs.
    "iop.security.SessionTimeoutMiddleware",
    "iop.security.MFARequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Below csp's: adds the OpenID providers' origins to form-action (logout goes there).
    "iop.oidc.ProviderFormActionMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout signalled by the backend into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "iop.urls"
WSGI_APPLICATION = "iop.wsgi.application"
ASGI_APPLICATION = "iop.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "iop.context_processors.site",
            ],
            "builtins": ["iop.templatetags.iop"],
        },
    }
]

# Widgets render through TEMPLATES, so templates/ may override a widget's template (the admin's
# date and time inputs need labels); "django.forms" in INSTALLED_APPS provides the built-in ones.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": database_from_url(
        # Production must name its database; SQLite is for a developer's machine.
        env_str("DATABASE_URL", None if PRODUCTION else f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username/address never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        # ASVS 2.1.1: at least 12 characters in production; the demo keeps its short password.
        "OPTIONS": {"min_length": env_int("IOP_PASSWORD_MIN_LENGTH", 12 if PRODUCTION else 8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# guardian: no anonymous user row; anonymous visitors never get object permissions.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["iop.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production whitenoise serves straight from the static folders (no collectstatic), so
# the test server and browser tests get the same CSS as `make run`.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

# Uploaded files (signature scans, report attachments) are private: MEDIA_URL is never routed;
# files leave only through permission-checked views.
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
MAX_UPLOAD_BYTES = env_int("IOP_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)

# Sealing what every party signed in the app (partnerships/sealing.py): the municipality's seal
# certificate and key (PEM), the root that verifying trusts, and an RFC 3161 timestamp authority
# (optional). Outside production they default to the demo CA that `make run` creates
# (`manage.py create_demo_seal`, under .demo/, never in git); with no certificate nothing is
# sealed and the signed PDF is served as signed.
DEMO_SEAL_DIR = BASE_DIR / ".demo" / "seal"
_SEAL_DEFAULT = "" if PRODUCTION else str(DEMO_SEAL_DIR)
SEAL_CERT = env_str("IOP_SEAL_CERT", _SEAL_DEFAULT and f"{_SEAL_DEFAULT}/seal-cert.pem") or ""
SEAL_KEY = env_str("IOP_SEAL_KEY", _SEAL_DEFAULT and f"{_SEAL_DEFAULT}/seal-key.pem") or ""
SEAL_TRUST_ROOT = (
    env_str("IOP_SEAL_TRUST_ROOT", _SEAL_DEFAULT and f"{_SEAL_DEFAULT}/root-cert.pem") or ""
)
TSA_URL = os.environ.get("IOP_TSA_URL", "")
# pyHanko imports cryptography's DSA classes (kept for old signatures); say nothing each start.
warnings.filterwarnings("ignore", message="DSA is deprecated", module="pyhanko")
FILE_UPLOAD_PERMISSIONS = 0o640
# Reading scanned agreements (partnerships/importing/ocr.py): the OCR command, run without a
# shell on the pages that have no text layer, and how long it may take for one upload (about
# 3-5 s a page on two idle cores). It runs in the request: keep it below gunicorn's timeout
# (60 s, deploy/gunicorn.conf.py) so that a slow scan gets its message, not a cut connection.
# The language is Tesseract's Swedish model.
IOP_OCR_COMMAND = env_str("IOP_OCR_COMMAND", "ocrmypdf").split()
IOP_OCR_TIMEOUT = env_int("IOP_OCR_TIMEOUT", 45)
IOP_OCR_LANGUAGE = env_str("IOP_OCR_LANGUAGE", "swe")
# The Swedish words that OCR's misreadings are corrected to (Debian's wswedish; `make ocr`).
IOP_WORD_LIST = env_str("IOP_WORD_LIST", "/usr/share/dict/swedish")

EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "iop@localhost")
# Mail and slow work leave the request through a task queue (iop/tasks.py, iop/mail.py). In
# production the queue is a table in our database, run by `manage.py db_worker`
# (deploy/systemd/iop-worker.service); on a developer's machine (`make run`) and in the tests a
# task runs as soon as the change that queued it commits, so nothing else needs to run.
IOP_TASKS_BACKEND = env_str(
    "IOP_TASKS_BACKEND",
    "django_tasks_db.DatabaseBackend"
    if PRODUCTION
    else "django_tasks.backends.immediate.ImmediateBackend",
)
TASKS = {"default": {"BACKEND": IOP_TASKS_BACKEND}}
# A failed task is tried again this many times, after IOP_TASK_RETRY_SECONDS × 4^n.
IOP_TASK_RETRIES = env_int("IOP_TASK_RETRIES", 5)
IOP_TASK_RETRY_SECONDS = env_int("IOP_TASK_RETRY_SECONDS", 30)
# For links in what management commands send; a page that sends mail links to its own site.
SITE_URL = env_str("IOP_SITE_URL", "http://127.0.0.1:8000")

# The account that management commands record as the author of the changes they make.
IOP_SYSTEM_USERNAME = "system"
# Cells below this count are shown as "<N" in anything published.
IOP_SMALL_COUNT_THRESHOLD = env_int("IOP_SMALL_COUNT_THRESHOLD", 5)

# The SIE 4 export of payments (partnerships/sie.py): who keeps the books, the verification
# series, and the accounts used where a partnership's own code (its kontering) names none.
IOP_SIE_COMPANY = env_str("IOP_SIE_COMPANY", "Stockholms stad")
IOP_SIE_ORGNR = env_str("IOP_SIE_ORGNR", "212000-0142")
IOP_SIE_SERIES = env_str("IOP_SIE_SERIES", "I")
IOP_SIE_EXPENSE_ACCOUNT = env_str("IOP_SIE_EXPENSE_ACCOUNT", "4590")
IOP_SIE_EXPENSE_ACCOUNT_NAME = env_str("IOP_SIE_EXPENSE_ACCOUNT_NAME", "Bidrag till organisationer")
IOP_SIE_BANK_ACCOUNT = env_str("IOP_SIE_BANK_ACCOUNT", "1930")
IOP_SIE_BANK_ACCOUNT_NAME = env_str("IOP_SIE_BANK_ACCOUNT_NAME", "Bank")
# Shown on the login page so nobody mistakes the demo for the real service.
# The public register and its open data: requests per minute one anonymous address may make
# (iop/ratelimit.py); 0 turns the limit off.
IOP_PUBLIC_RATE_PER_MINUTE = env_int("IOP_PUBLIC_RATE_PER_MINUTE", 120)
# The accessibility statement's "how it was assessed" reads the last test run's axe and reflow
# results from here (tests/browser/test_axe_every_page.py and test_reflow_every_page.py write
# them); the feedback address it names.
IOP_A11Y_RESULTS = Path(env_str("IOP_A11Y_RESULTS", str(BASE_DIR / "var" / "a11y")))
IOP_A11Y_FEEDBACK_EMAIL = env_str("IOP_A11Y_FEEDBACK_EMAIL", "tillganglighet@example.se")

IOP_DEMO = env_bool("IOP_DEMO", False)

# --- Security (OWASP ASVS level 2). The pieces of code live in iop/security.py and iop/mfa.py.

# Sessions: a server-side session per login (Django rotates the key on login), ended after
# IOP_SESSION_IDLE_MINUTES without a request and IOP_SESSION_MAX_HOURS after the login whatever
# happens (iop.security.SessionTimeoutMiddleware); deactivating an account deletes its sessions.
IOP_SESSION_IDLE_MINUTES = env_int("IOP_SESSION_IDLE_MINUTES", 30)
IOP_SESSION_MAX_HOURS = env_int("IOP_SESSION_MAX_HOURS", 10)
SESSION_COOKIE_AGE = IOP_SESSION_MAX_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A refused form token (a form left open past a login elsewhere) gets a Swedish page, not Django's.
CSRF_FAILURE_VIEW = "iop.security.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# A reverse proxy (nginx, see deploy/) in front in production: it sets X-Forwarded-Proto and
# X-Forwarded-For. The client's address is taken from X-Forwarded-For only on requests whose
# socket address is one of IOP_TRUSTED_PROXIES (by default nginx on the same machine); any
# other request is counted by its own address, whatever headers it sends (iop.security.client_ip).
IOP_BEHIND_PROXY = env_bool("IOP_BEHIND_PROXY", PRODUCTION)
IOP_TRUSTED_PROXIES = env_networks(
    "IOP_TRUSTED_PROXIES", ["127.0.0.1", "::1"] if IOP_BEHIND_PROXY else []
)
if IOP_TRUSTED_PROXIES and not IOP_BEHIND_PROXY:
    raise ImproperlyConfigured("IOP_TRUSTED_PROXIES is set but IOP_BEHIND_PROXY is off")

# Brute force (django-axes): after 5 failed passwords for one username from one address, that
# combination is locked for 30 minutes (ASVS 2.2.1); other people at the same address (a city
# office behind NAT) and the same person from elsewhere can still log in.
AXES_ENABLED = env_bool("IOP_AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("IOP_AXES_FAILURE_LIMIT", 5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=env_int("IOP_AXES_COOLOFF_MINUTES", 30))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "iop.security.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# The address axes counts: REMOTE_ADDR, or on a request from a trusted proxy the last entry of
# X-Forwarded-For (anything before it was written by the client and is not trusted).
AXES_CLIENT_IP_CALLABLE = "iop.security.client_ip"
# Documented for axes' own ipware path (not installed); the callable above is what counts.
AXES_IPWARE_PROXY_COUNT = 1 if IOP_BEHIND_PROXY else None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if IOP_BEHIND_PROXY else ["REMOTE_ADDR"]
)

# Second factor (django-otp): TOTP app plus one-time recovery codes, required for everybody who
# logs in when IOP_REQUIRE_MFA is on (the default in production). `make run` leaves it off and
# the login page says so.
IOP_REQUIRE_MFA = env_bool("IOP_REQUIRE_MFA", PRODUCTION)
OTP_TOTP_ISSUER = env_str("IOP_OTP_ISSUER", "IOP")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
IOP_RECOVERY_CODE_COUNT = 10
# Admins can delete a lost device but never read anyone's secret key or recovery codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Content-Security-Policy (django-csp 4): nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True
if IOP_BEHIND_PROXY:
    # Trust the proxy's X-Forwarded-Proto (nginx overwrites whatever the client sent; from any
    # other address iop.security.ForwardedHeadersMiddleware has dropped the header).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# Reasons are sentences ("Socialnämndens beslut 2023-12-12 § 5 ..."), not 100-character labels.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True

# --- Sign-in over OpenID Connect (iop/oidc.py; deploy/README.md says how to configure).
# Two providers, each switched on by its issuer: "staff", the city's (Entra ID, ADFS, Keycloak),
# and "eid", an eID broker for the NGOs' representatives (BankID, Freja eID+). With neither,
# everyone signs in with password and (when required) a one-time code, as before.


def oidc_provider(key, *, name, identity_claim, scopes):
    prefix = f"IOP_OIDC_{key.upper()}_"
    issuer = env_str(prefix + "ISSUER", "")
    if not issuer:
        return None
    provider = {
        "key": key,
        "name": env_str(prefix + "NAME", name),
        "issuer": issuer.rstrip("/"),
        # Empty endpoints are read from the issuer's /.well-known/openid-configuration.
        "authorization_endpoint": env_str(prefix + "AUTHORIZATION_ENDPOINT", ""),
        "token_endpoint": env_str(prefix + "TOKEN_ENDPOINT", ""),
        "userinfo_endpoint": env_str(prefix + "USERINFO_ENDPOINT", ""),
        "jwks_uri": env_str(prefix + "JWKS_URI", ""),
        "end_session_endpoint": env_str(prefix + "END_SESSION_ENDPOINT", ""),
        "client_id": env_str(prefix + "CLIENT_ID"),
        "client_secret": env_str(prefix + "CLIENT_SECRET"),
        # client_secret_basic (the default) or client_secret_post at the token endpoint.
        "token_auth": env_str(prefix + "TOKEN_AUTH", "basic"),
        "sign_algo": env_str(prefix + "SIGN_ALGO", "RS256"),
        "scopes": env_str(prefix + "SCOPES", scopes),
        # The claim that says who the person is (for eID the personal identity number); kept
        # only as a keyed hash.
        "identity_claim": env_str(prefix + "IDENTITY_CLAIM", identity_claim),
        # Staff: the claim holding the person's groups or roles, and the values that give the
        # förvaltning role; without them the account keeps the role it has in IOP.
        "role_claim": env_str(prefix + "ROLE_CLAIM", ""),
        "staff_values": env_list(prefix + "STAFF_VALUES", []),
        # Staff: the claim matched against an account's e-mail at the first sign-in.
        "match_claim": env_str(prefix + "MATCH_CLAIM", "email" if key == "staff" else ""),
        "accepted_acr": env_list(prefix + "ACCEPTED_ACR", []),
        "accepted_amr": env_list(prefix + "ACCEPTED_AMR", []),
    }
    if not provider["accepted_acr"] and not provider["accepted_amr"]:
        raise ImproperlyConfigured(
            f"{prefix}ACCEPTED_ACR or {prefix}ACCEPTED_AMR must say which sign-ins are strong"
        )
    if provider["token_auth"] not in {"basic", "post"}:
        raise ImproperlyConfigured(f"{prefix}TOKEN_AUTH must be basic or post")
    return provider


IOP_OIDC_PROVIDERS = [
    provider
    for provider in (
        oidc_provider(
            "staff", name="Stockholms stad", identity_claim="sub", scopes="openid email profile"
        ),
        oidc_provider(
            "eid",
            name="BankID",
            identity_claim="https://id.oidc.se/claim/personalIdentityNumber",
            scopes="openid profile https://id.oidc.se/scope/naturalPersonNumber",
        ),
    )
    if provider
]
# The key of the identity hashes (iop.accounts.SignInIdentity). Its own key, so that changing
# SECRET_KEY does not unbind everyone's eID; changing this one does.
IOP_IDENTITY_HASH_KEY = env_str(
    "IOP_IDENTITY_HASH_KEY", None if PRODUCTION and IOP_OIDC_PROVIDERS else SECRET_KEY
)
