"""Weerbaar settings: every value comes from an environment variable (see .env.example).

Read top to bottom; defaults give the embedded SQLite demo. Production sets
DJANGO_SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS and DEBUG=false.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.getenv("WEERBAAR_VAR_DIR", BASE_DIR.parent / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.getenv(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


# The demo key is only for the embedded demo; production must set DJANGO_SECRET_KEY.
SECRET_KEY = os.getenv("DJANGO_SECRET_KEY", "weerbaar-demo-key-not-for-production-use-0123456789")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "import_export",
    "simple_history",
    "weerbaar.core",
    "weerbaar.accounts",
    "weerbaar.places",
    "weerbaar.network",
    "weerbaar.supportpoints",
    "weerbaar.vital",
    "weerbaar.programme",
    "weerbaar.monitor",
    "weerbaar.planning",
    "weerbaar.scenarios",
    "weerbaar.demo",
    "weerbaar.workspace",
    "weerbaar.portal",
    "weerbaar.reports",
    "weerbaar.audit",
    "weerbaar.privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that queries the database: a lost database gives a friendly 503.
    "weerbaar.core.dbdown.DatabaseDownMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "weerbaar.urls"
WSGI_APPLICATION = "weerbaar.wsgi.application"

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
            ],
        },
    },
]

# SQLite is the embedded default; production is PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{VAR_DIR / 'weerbaar.sqlite3'}"),
        conn_max_age=int(os.getenv("DATABASE_CONN_MAX_AGE", "0")),
        # A kept connection is checked before a request uses it, so a restarted database costs
        # one reconnect, not an error page.
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = os.getenv("LANGUAGE_CODE", "nl")
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.getenv("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# The demo and tests serve static files without a collectstatic step.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)
WHITENOISE_AUTOREFRESH = DEBUG

# Security: secure by default where production asks for it (check --deploy).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.getenv("SESSION_COOKIE_AGE", str(8 * 3600)))
SECURE_HSTS_SECONDS = int(os.getenv("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Imports: files larger than this are refused before parsing.
IMPORT_MAX_BYTES = int(os.getenv("IMPORT_MAX_BYTES", str(10 * 1024 * 1024)))
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# Public portal pages (same for everyone) are cached this many seconds; 0 turns it off.
PORTAL_CACHE_SECONDS = int(os.getenv("PORTAL_CACHE_SECONDS", "60"))

# Where the web server serves the static export and the printed booklets from disk; the
# 503 page (database unreachable) links to them. See docs/deploy/nginx.conf.example.
OFFLINE_SITE_URL = os.getenv("OFFLINE_SITE_URL", "/offline/")
OFFLINE_EDITIONS_URL = os.getenv("OFFLINE_EDITIONS_URL", "/edities/")

# Privacy (AVG): a key figure's personal data is erased this many days after their role ends
# (weerbaar apply-retention, run daily).
KEYFIGURE_RETENTION_DAYS = int(os.getenv("KEYFIGURE_RETENTION_DAYS", "365"))

# Register indicators: a record older than this many months counts as out of date.
WEERBAAR_CURRENCY_MONTHS = int(os.getenv("WEERBAAR_CURRENCY_MONTHS", "12"))

# "Find my noodsteunpunt": offline (PC4 -> kern centre, no network) or pdok (Locatieserver).
GEOCODER = os.getenv("GEOCODER", "offline")
PDOK_LOCATIESERVER_URL = os.getenv(
    "PDOK_LOCATIESERVER_URL", "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
    # Who saw whose personal data is always logged, whatever the general level.
    "loggers": {
        "weerbaar.privacy": {"handlers": ["console"], "level": os.getenv("PRIVACY_LOG_LEVEL", "INFO"),
                             "propagate": False},
    },
}

# ---------------------------------------------------------------------------------------
# Staff login and security (issue 7; weerbaar.accounts). Additive: it extends the lists above.
# ---------------------------------------------------------------------------------------
from datetime import timedelta  # noqa: E402

from csp.constants import NONE, SELF  # noqa: E402

DEMO_SECRET_KEY = "weerbaar-demo-key-not-for-production-use-0123456789"
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "axes", "weerbaar.backups"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "csp.middleware.CSPMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("csp.middleware.CSPMiddleware") + 1,
                  "weerbaar.accounts.middleware.PermissionsPolicyMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                  "django_otp.middleware.OTPMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
                  "weerbaar.accounts.middleware.TwoFactorRequiredMiddleware")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as django-axes asks

# OIDC (mozilla-django-oidc): on only when the client and the provider's endpoints are set.
OIDC_RP_CLIENT_ID = os.getenv("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.getenv("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.getenv("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.getenv("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.getenv("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.getenv("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.getenv("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.getenv("OIDC_RP_SCOPES", "openid email profile groups")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
# The claim that carries the user's groups, and "group=role" pairs (first match wins); a
# partner needs an organisation id (partner:12), a key figure a kern slug (keyfigure:heesch).
OIDC_ROLE_CLAIM = os.getenv("OIDC_ROLE_CLAIM", "groups")
OIDC_ROLE_MAP = env_list("OIDC_ROLE_MAP", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID and OIDC_OP_AUTHORIZATION_ENDPOINT and OIDC_OP_TOKEN_ENDPOINT
                    and OIDC_OP_USER_ENDPOINT and OIDC_OP_JWKS_ENDPOINT)
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
LOGIN_REDIRECT_URL_FAILURE = "/login/?oidc=mislukt"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out user before any other backend
    *(["weerbaar.accounts.oidc.StaffOIDCBackend"] if OIDC_ENABLED else []),
    "django.contrib.auth.backends.ModelBackend",
]

# Two-factor (TOTP) for local password logins. Default: on whenever a real secret key is set
# (every production), off in the demo and the tests, which run on the demo key.
WEERBAAR_REQUIRE_2FA = env_bool("WEERBAAR_REQUIRE_2FA", SECRET_KEY != DEMO_SECRET_KEY)
OTP_TOTP_ISSUER = os.getenv("OTP_TOTP_ISSUER", "Weerbaar")

# Lockout (django-axes): this many failed logins lock for LOGIN_LOCKOUT_MINUTES. Parameters:
# comma-separated alternatives, "+" combines: "username,ip_address" locks an account after 5
# failures and an address after 5 failures (set LOGIN_TRUSTED_PROXY_COUNT behind a proxy).
AXES_FAILURE_LIMIT = int(os.getenv("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.getenv("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [item.split("+") for item in env_list("AXES_LOCKOUT_PARAMETERS",
                                                                      "username,ip_address")]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_LOCKOUT_CALLABLE = "weerbaar.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "weerbaar.accounts.lockout.client_ip"
AXES_USERNAME_CALLABLE = "weerbaar.accounts.lockout.username_of"
AXES_VERBOSE = False
# Number of reverse proxies in front of the application whose X-Forwarded-For is trusted.
LOGIN_TRUSTED_PROXY_COUNT = int(os.getenv("LOGIN_TRUSTED_PROXY_COUNT", "0"))

# Sessions: HttpOnly, SameSite=Lax, gone when the browser closes.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)



def csp_hash(source: str) -> str:
    import base64
    import hashlib

    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


# Inline bits in third-party admin templates (django-import-export's export form, the
# simple-history list), allowed one exact string at a time ('unsafe-hashes'), never in general.
CSP_ADMIN_INLINE_HANDLERS = ["onSelectToggleChange(event)"]
CSP_ADMIN_INLINE_STYLES = ["padding: 0;", "font-weight: bold;", "border-top: 0"]

# Content Security Policy (django-csp 4): only our own origin, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "script-src-attr": ["'unsafe-hashes'", *map(csp_hash, CSP_ADMIN_INLINE_HANDLERS)],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-hashes'", *map(csp_hash, CSP_ADMIN_INLINE_STYLES)],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                      "microphone=(), payment=(), usb=(), interest-cohort=()")
# ---------------------------------------------------------------------------------------
# End of staff login and security.
# ---------------------------------------------------------------------------------------
