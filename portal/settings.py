"""Settings for the portal, read from the environment (django-environ).

Development needs no environment at all: SQLite and Celery's filesystem broker under
``var/``, console e-mail. Production sets DEBUG=off, SECRET_KEY, ALLOWED_HOSTS,
DATABASE_URL and REDIS_URL; see README.md.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(env_file)
VAR_DIR = Path(env.str("PORTAL_VAR_DIR", default=str(BASE_DIR / "var")))

# Off unless asked for: `make run` and the test suite set DEBUG=on.
DEBUG = env.bool("DEBUG", default=False)

# A key for development only; production must bring its own.
_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "testserver", "[::1]", "::1"}
if (
    DEBUG
    and set(ALLOWED_HOSTS) - _LOCAL_HOSTS
    and not env.bool("ALLOW_DEBUG_PUBLIC", default=False)
):
    # Debug pages leak settings and source: never serve them to a public host.
    raise ImproperlyConfigured(
        "DEBUG is on while ALLOWED_HOSTS names a public host. Set DEBUG=off in production."
    )
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "django_tables2",
    "accounts",
    "providers",
    "library",
    "requests_app",
    "evaluations",
    "dialogue",
    "dashboards",
    "api",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.SessionIdleTimeoutMiddleware",
    "accounts.middleware.MfaRequiredMiddleware",
    "portal.middleware.NoStoreForAuthenticatedMiddleware",
    "portal.middleware.MethodNotAllowedPageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Persistent connections, checked before reuse so a restarted database costs one error, not
# a restart of the portal (opening a PostgreSQL connection per request cost most of the time).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # The portal's queries are short (issue 12), so its own connections plan them cheaply:
    # - JIT off: it spent ~380 ms compiling plans that run in a fraction of that;
    # - join_collapse_limit 4 (PostgreSQL's default is 8): the planner orders the joins of a
    #   list's row query (an invoice with its contract, request, workplace, region, parent,
    #   provider, frame and period: ten tables) in groups of four instead of searching all
    #   of them at once. Planning took 5-6 ms of such a query, running it under 1 ms; now
    #   about half. Measured at 100,000 requests on 25 pages and roles (the bench's pages and
    #   each role's lists) and on the dashboards' figures: no plan ran slower (a limit of 3 or
    #   lower did make some slower).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", "-c jit=off -c join_collapse_limit=4"
    )
# The dev server, Celery worker and beat share one SQLite file: wait rather than fail on a
# lock. IMMEDIATE: a request's transaction takes the write lock when it begins, so it waits
# there; a deferred one that reads and then writes fails at once ("database is locked") when
# another writer holds the lock, as two logins in the same second did.
SQLITE_OPTIONS = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: e-mail login, no open sign-up (see accounts.adapters), TOTP as second factor.
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# A reset for an unknown address sends nothing (allauth would invite to the closed sign-up).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# No "remember me": a login lasts the browser session, and ends after SESSION_IDLE_TIMEOUT.
ACCOUNT_SESSION_REMEMBER = False
# Failed logins, counted in the shared cache (Redis in production). The per-key count is per
# account *and* client address (accounts.adapters), so an attacker elsewhere slows only
# themself and never locks the owner out; the per-address count is the wider net across
# accounts (password spraying) and checked first.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("LOGIN_FAILED_RATE_LIMIT", default="20/15m/ip,5/15m/key"),
}
# The client address behind our own proxies (allauth reads these for its rate limits): the
# number of proxies that append to X-Forwarded-For, or a header the proxy sets. None by
# default: without a proxy a client could forge either.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("ALLAUTH_TRUSTED_CLIENT_IP_HEADER", default="") or None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Psykisk arbejdsmiljø"
# Superusers, staff, central parties, coordinators and provider staff must activate TOTP
# before they may use the portal (accounts.middleware). Only the test suite turns it off
# (tests/conftest.py), for tests that log such users in with force_login.
MFA_REQUIRED_FOR_PRIVILEGED = env.bool("MFA_REQUIRED_FOR_PRIVILEGED", default=True)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One Danish date style everywhere: "23. nov. 2026", "23.11.2026 kl. 00.17" (portal/formats).
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "portal.storage.StaticFilesStorage"
        )
    },
}

# E-mail: printed to the console unless EMAIL_URL names a server (smtp://user:pw@host:587).
if "EMAIL_URL" in env:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = env.str(
        "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
    )
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (the worker tests use it).
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="portal@psykiskarbejdsmiljo.dk")
# Where users write about their data and about accessibility (the privacy and accessibility pages).
PORTAL_CONTACT_EMAIL = env.str("PORTAL_CONTACT_EMAIL", default="kontakt@psykiskarbejdsmiljo.dk")

# Personal data (the privacy page): the free text of requests closed longer than this, and of
# evaluations of those deliveries, is anonymised by a nightly job.
FREE_TEXT_RETENTION_DAYS = env.int("FREE_TEXT_RETENTION_DAYS", default=5 * 365)
# The accessibility statement's date of the last review (web accessibility act).
ACCESSIBILITY_REVIEWED_ON = "2026-12-03"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's own address, for links in e-mails sent by Celery (no request at hand there).
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

REDIS_URL = env.str("REDIS_URL", default="")
# Django's cache (allauth's rate limits and the dashboards' figures live here): Redis when
# REDIS_URL is set, so every gunicorn worker and machine counts the same failed logins and
# shares the figures; files under var/ otherwise (make run), shared by the server and Celery.
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down: a miss, not an error (portal/cache.py); pages keep working.
            "BACKEND": "portal.cache.TolerantRedisCache",
            "LOCATION": env.str("REDIS_CACHE_URL", default=REDIS_URL),
            "KEY_PREFIX": "portal",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str((VAR_DIR / "cache").resolve()),
        }
    }
# Seconds the dashboards' figures are kept (dashboards.cache); 0 computes them on every page.
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=300)

# Celery: Redis when REDIS_URL is set, otherwise the filesystem broker under var/ (make run).
CELERY_BROKER_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {}
else:
    # A host name (unused by the transport) keeps kombu from warning "No hostname was
    # supplied" at every connection.
    CELERY_BROKER_URL = "filesystem://localhost/"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        # kombu writes its control exchange to ./control otherwise, into the checkout.
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
    # The filesystem transport expects its folders to exist before anyone reads or writes.
    for _folder in ("queue", "processed", "control"):
        (CELERY_BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
CELERY_RESULT_BACKEND = None
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
if REDIS_URL:
    # A task whose worker died (SIGKILL, lost machine) is handed to another worker after this
    # many seconds: minutes, not kombu's hour; longer than a task may run (CELERY_TASK_TIME_LIMIT)
    # so a slow task is never handed out twice while it still runs.
    CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = env.int(
        "CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT + 60
    )
    # kombu 5.7 sweeps for such tasks every 10 s but scans Redis only on every 10th sweep:
    # scan on each, so a task comes back within 10 s of its visibility timeout, not 100 s.
    CELERY_BROKER_TRANSPORT_OPTIONS["unacked_restore_throttle"] = 1
# Responses an evaluation round needs before its results are shown (evaluations).
EVALUATION_MIN_RESPONSES = env.int("EVALUATION_MIN_RESPONSES", default=3)
# Rows per page of every list (requests, inbox, invoices, notifications …).
PAGE_SIZE = env.int("PAGE_SIZE", default=50)
# Below this many DKK left in a provider's current frame, the catalogue and the wizard warn
# (issue 18, point 7; dialogue.capacity).
CAPACITY_WARNING_DKK = env.int("CAPACITY_WARNING_DKK", default=100_000)
# Tries of one e-mail before it is marked failed and shown to the central parties
# (accounts.mail; the waits between tries grow from 1 minute to 6 hours).
MAIL_MAX_ATTEMPTS = env.int("MAIL_MAX_ATTEMPTS", default=8)
# Minutes between deadline scans (the beat schedule is in portal/celery.py).
DEADLINE_SCAN_MINUTES = env.int("DEADLINE_SCAN_MINUTES", default=15)
# Seconds a scan stage waits inside its transaction: only the worker-crash test sets it.
DEADLINE_SCAN_PAUSE = env.float("DEADLINE_SCAN_PAUSE", default=0)

# Security headers; strict in production, harmless in development.
SESSION_COOKIE_HTTPONLY = True
# Seconds without a request after which a login ends (portal.middleware): shorter for the
# privileged roles that must use TOTP, longer for workplace members.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=2 * 60 * 60)
SESSION_IDLE_TIMEOUT_UNPRIVILEGED = env.int(
    "SESSION_IDLE_TIMEOUT_UNPRIVILEGED", default=8 * 60 * 60
)
# The stored session outlives no idle timeout (each request within it extends it).
SESSION_COOKIE_AGE = max(SESSION_IDLE_TIMEOUT, SESSION_IDLE_TIMEOUT_UNPRIVILEGED)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# The load balancer's health check speaks plain HTTP to the app.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"client_errors_short": {"()": "portal.logging.ClientErrorWithoutTraceback"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["client_errors_short"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's default config gives "django" a console handler of its own (with DEBUG
        # on) besides propagating to the root: every record, traceback included, printed
        # twice. The root's handler alone prints it once.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # A refused request (4xx) is one line; a 5xx keeps its traceback (portal.logging).
        "django.request": {"filters": ["client_errors_short"]},
        "django.security": {"filters": ["client_errors_short"]},
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
