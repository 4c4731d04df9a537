"""The register's settings: one module, driven by environment variables.

Defaults suit a developer machine (tasks run in-process, e-mail as files in .data/mail,
local-memory cache); production values come only from the environment. The database is always
PostgreSQL: without DATABASE_URL, `make run` and `make test` start an embedded one. See the
configuration table in README.md.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

from api.tasks import BEAT_SCHEDULE as API_BEAT_SCHEDULE
from compliance.tasks import BEAT_SCHEDULE as COMPLIANCE_BEAT_SCHEDULE
from config.env import Env
from oversight.tasks import BEAT_SCHEDULE as OVERSIGHT_BEAT_SCHEDULE
from portal.tasks import BEAT_SCHEDULE as PORTAL_BEAT_SCHEDULE
from register import languages
from register.tasks import BEAT_SCHEDULE as REGISTER_BEAT_SCHEDULE

BASE_DIR = Path(__file__).resolve().parent.parent
env = Env()

# --- Core -----------------------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)
DEMO_MODE = env.bool("DEMO_MODE", default=False)

SECRET_KEY = env.str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"  # noqa: S105

# The register's public address, for links in e-mails.
SITE_URL = env.url("SITE_URL", default="http://127.0.0.1:8000", schemes=("http", "https"))
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS")
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"CSRF_TRUSTED_ORIGINS entries must start with http:// or https://, got {_origin!r}."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "knox",
    "rules",
    "axes",
    "register",
    "compliance",
    "portal",
    "api",
    "oversight",
    "demo",
    # The project's own system checks (config/checks.py).
    "config.apps.ProjectConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that may answer: a refused or cached API response keeps its CORS headers.
    "corsheaders.middleware.CorsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.security.NoStoreWhenSignedIn",
    # Anonymous reads go to the replica when there is one (config/routers.py).
    "config.routers.replica_for_public_reads",
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "register.context_processors.site",
            ],
        },
    },
]
FORM_RENDERER = "register.forms_renderer.GovUKFormRenderer"

# --- Database -------------------------------------------------------------------------------

# PostgreSQL only: the audit trail and the immutability guards are database triggers. `make run`
# and `make test` set DATABASE_URL to an embedded server (config/devdb.py) when it is not set.
# Without it, what needs no database still runs (check, makemigrations --check, collectstatic)
# and anything that would connect stops with a message saying what to do (config/nodatabase).
DATABASE_URL = env.url("DATABASE_URL", schemes=("postgres", "postgresql", "pgsql"))
# Two roles: the register connects as DATABASE_URL's role, which owns nothing and may only read
# and append to the audit trail and the published versions; `migrate` (and the test suite's
# database setup) connects as DATABASE_OWNER_URL's role, which owns the tables, and then grants
# the application role what it needs (register/privileges.py). Without DATABASE_OWNER_URL one
# role does both, as a developer's single superuser would.
DATABASE_OWNER_URL = env.url("DATABASE_OWNER_URL", schemes=("postgres", "postgresql", "pgsql"))


# Milliseconds a statement of the web application may run (0: no limit). Set it on the web
# nodes (5000 is ample for every page at 100,000 systems); leave it at 0 for the workers and
# `migrate`, whose bulk statements (a sweep's batch, an index build) may run longer.
DATABASE_STATEMENT_TIMEOUT_MS = env.int("DATABASE_STATEMENT_TIMEOUT_MS", default=0, minimum=0)
# A PostgreSQL streaming replica for the public pages and the open-data API (config/routers.py):
# anonymous GET and HEAD requests read from it; everything else uses the primary.
DATABASE_REPLICA_URL = env.url("DATABASE_REPLICA_URL", schemes=("postgres", "postgresql", "pgsql"))


def _database(url: str, *, timeout: int = 0) -> dict:
    database = dj_database_url.parse(
        url,
        conn_max_age=env.int("DATABASE_CONN_MAX_AGE", default=60, minimum=0),
        # A connection the server dropped (a restart, pg_terminate_backend) is replaced at the
        # start of the next request instead of failing it.
        conn_health_checks=True,
    )
    # A Unix-socket URL names its directory in the query (`postgresql://user@/name?host=/dir`,
    # as the embedded server's does); Django and dbshell read it from HOST.
    options = database.setdefault("OPTIONS", {})
    if "host" in options and not database["HOST"]:
        database["HOST"] = str(options.pop("host"))
    if timeout:
        # A statement that runs longer is cancelled: the request fails (500) instead of
        # holding a connection and a worker while others queue behind it.
        options["options"] = f"-c statement_timeout={timeout}"
    return database


if DATABASE_URL:
    DATABASES = {"default": _database(DATABASE_URL, timeout=DATABASE_STATEMENT_TIMEOUT_MS)}
    if DATABASE_REPLICA_URL:
        DATABASES["replica"] = {
            **_database(DATABASE_REPLICA_URL, timeout=DATABASE_STATEMENT_TIMEOUT_MS),
            # The test suite reads the replica through the primary's connection settings.
            "TEST": {"MIRROR": "default"},
        }
        DATABASE_ROUTERS = ["config.routers.PublicReadsFromReplica"]
    DATABASE_OWNER = _database(DATABASE_OWNER_URL) if DATABASE_OWNER_URL else None
    if DATABASE_OWNER and DATABASE_OWNER["NAME"] != DATABASES["default"]["NAME"]:
        raise ImproperlyConfigured(
            "DATABASE_OWNER_URL must name the same database as DATABASE_URL, "
            f"got {DATABASE_OWNER['NAME']!r} and {DATABASES['default']['NAME']!r}."
        )
else:
    DATABASES = {"default": {"ENGINE": "config.nodatabase"}}
    DATABASE_ROUTERS = ["config.nodatabase.NothingMigrates"]
    DATABASE_OWNER = None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------

REDIS_URL = env.url("REDIS_URL", schemes=("redis", "rediss", "unix"))
# Public pages have a cache of their own ("pages"), so that a flood of distinct addresses can
# evict only cached pages, never the rate-limit counters and the projection's generation in
# "default". In production give it a Redis database or server with its own memory limit and an
# LRU policy (PAGE_CACHE_URL); without one it shares REDIS_URL under its own key prefix.
PAGE_CACHE_URL = env.url("PAGE_CACHE_URL", schemes=("redis", "rediss", "unix")) or REDIS_URL
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if PAGE_CACHE_URL:
    CACHES["pages"] = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": PAGE_CACHE_URL,
        "KEY_PREFIX": "pages",
    }
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }

# Public pages for visitors without a session are kept this long on the server (their key
# changes as soon as anything is published or withdrawn) and this long by browsers and proxies.
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=600, minimum=0)
PUBLIC_MAX_AGE = env.int("PUBLIC_MAX_AGE", default=60, minimum=0)

# --- Celery ---------------------------------------------------------------------------------

CELERY_BROKER_URL = env.url("CELERY_BROKER_URL", schemes=("redis", "rediss", "amqp", "memory"))
# Without a broker, tasks run in-process so the quick start needs nothing installed.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300, minimum=1)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360, minimum=1)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task a worker has taken but not acknowledged (acks late) goes back to the queue after this
# many seconds if the worker vanished (SIGKILL, a lost machine). It must be longer than the
# longest task, its time limit included, and than the longest retry countdown, or a task still
# running (or waiting for its retry) would be handed to a second worker.
CELERY_BROKER_VISIBILITY_TIMEOUT = env.int(
    "CELERY_BROKER_VISIBILITY_TIMEOUT", default=3600, minimum=1
)

# Audit reports of an organisation or of the whole register: built by the task
# ``oversight.build_report`` within these limits (seconds; megabytes held by the process), of at
# most REPORTS_MAX_SYSTEMS systems, and kept in the "reports" storage (STORAGES below) for
# REPORTS_RETENTION_DAYS after they were last asked for.
REPORTS_MAX_SYSTEMS = env.int("REPORTS_MAX_SYSTEMS", default=1000, minimum=1)
REPORTS_SOFT_TIME_LIMIT = env.int("REPORTS_SOFT_TIME_LIMIT", default=900, minimum=1)
REPORTS_TIME_LIMIT = env.int("REPORTS_TIME_LIMIT", default=REPORTS_SOFT_TIME_LIMIT + 60, minimum=1)
REPORTS_MEMORY_LIMIT_MB = env.int("REPORTS_MEMORY_LIMIT_MB", default=2048, minimum=64)
REPORTS_RETENTION_DAYS = env.int("REPORTS_RETENTION_DAYS", default=90, minimum=1)
# A publication queues the making of the record's audit report in each language (the "reports"
# queue), so that the first download is a stored one. On by default with a broker; without one
# it would make the approver wait for three reports, and the first download makes each instead.
REPORTS_PRERENDER = env.bool("REPORTS_PRERENDER", default=bool(CELERY_BROKER_URL))
if REPORTS_TIME_LIMIT <= REPORTS_SOFT_TIME_LIMIT:
    raise ImproperlyConfigured(
        "REPORTS_TIME_LIMIT must be longer than REPORTS_SOFT_TIME_LIMIT "
        f"({REPORTS_SOFT_TIME_LIMIT} s), got {REPORTS_TIME_LIMIT}."
    )
for _name, _limit in (
    ("CELERY_TASK_TIME_LIMIT", CELERY_TASK_TIME_LIMIT),
    ("REPORTS_TIME_LIMIT", REPORTS_TIME_LIMIT),
):
    if _limit >= CELERY_BROKER_VISIBILITY_TIMEOUT:
        raise ImproperlyConfigured(
            f"CELERY_BROKER_VISIBILITY_TIMEOUT must be longer than {_name} "
            f"({_limit} s), got {CELERY_BROKER_VISIBILITY_TIMEOUT}."
        )
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT}
CELERY_TIMEZONE = "UTC"
# A queue per kind of work, so that workers on several hosts can each take some (`celery -A
# config worker -Q reports` on a machine with memory for WeasyPrint) and a nightly sweep never
# delays a password-reset e-mail. A worker started without -Q consumes every queue below.
CELERY_TASK_QUEUES = tuple(
    Queue(name) for name in ("celery", "checks", "reports", "mail", "imports")
)
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {
    "compliance.check_system": {"queue": "checks"},
    "compliance.check_batch": {"queue": "checks"},
    "compliance.sweep": {"queue": "checks"},
    "oversight.*": {"queue": "reports"},
    "register.deliver_email": {"queue": "mail"},
    "api.deliver_webhook": {"queue": "mail"},
    "api.plan_import": {"queue": "imports"},
    "api.apply_import": {"queue": "imports"},
}
# Every periodic task, declared once: the nightly compliance sweep, the outbox sweep, the
# daily escalation of unanswered citizen feedback and the webhook sweep.
CELERY_BEAT_SCHEDULE = {
    **API_BEAT_SCHEDULE,
    **COMPLIANCE_BEAT_SCHEDULE,
    **REGISTER_BEAT_SCHEDULE,
    **PORTAL_BEAT_SCHEDULE,
    **OVERSIGHT_BEAT_SCHEDULE,
}

# Which sets of rules of the compliance catalogue apply on this installation.
COMPLIANCE_JURISDICTIONS = env.list("COMPLIANCE_JURISDICTIONS", default=["EU", "KZ"])
# Milestones of compliance/catalogue/timeline.yaml moved by this deployment:
# "ai_act.high_risk.annex_iii=2026-08-02,kz_ai_law=2026-01-18" (checked by compliance.E001).
COMPLIANCE_EFFECTIVE_DATES = dict(
    item.partition("=")[::2] for item in env.list("COMPLIANCE_EFFECTIVE_DATES")
)

# The plain-language assistant's link check (compliance.plain_language.links): how long one
# request may take (seconds), how long a result stands before the link is checked again
# (hours), and how many requests one host gets per minute. Links to private, loopback and
# link-local addresses are refused unless LINK_CHECK_ALLOW_PRIVATE is on (tests, intranets).
LINK_CHECK_TIMEOUT = env.int("LINK_CHECK_TIMEOUT", default=10, minimum=1)
LINK_CHECK_TTL_HOURS = env.int("LINK_CHECK_TTL_HOURS", default=24, minimum=1)
LINK_CHECK_PER_HOST_PER_MINUTE = env.int("LINK_CHECK_PER_HOST_PER_MINUTE", default=6, minimum=1)
LINK_CHECK_ALLOW_PRIVATE = env.bool("LINK_CHECK_ALLOW_PRIVATE", default=False)

# --- Client addresses ----------------------------------------------------------------------

# Reverse proxies in front of the app that each append the address they saw to X-Forwarded-For
# (the nginx of docker-compose.yml is one). The client's address is the PROXY_COUNT-th entry
# from the end; without a proxy the header is ignored, so a client cannot choose its address.
PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0, minimum=0)

# --- Citizen feedback ---------------------------------------------------------------------

# Days an organisation has to answer a report (its due date), and days without an answer after
# which it is escalated to the regulators.
FEEDBACK_ANSWER_DAYS = env.int("FEEDBACK_ANSWER_DAYS", default=30, minimum=1)
FEEDBACK_ESCALATE_AFTER_DAYS = env.int("FEEDBACK_ESCALATE_AFTER_DAYS", default=30, minimum=1)
# Reports one client address may send in a window of seconds (addresses read as PROXY_COUNT
# says), and confirmation e-mails one e-mail address may get in another window.
FEEDBACK_LIMIT_PER_CLIENT = env.int("FEEDBACK_LIMIT_PER_CLIENT", default=5, minimum=1)
FEEDBACK_LIMIT_WINDOW = env.int("FEEDBACK_LIMIT_WINDOW", default=3600, minimum=1)
FEEDBACK_CONFIRMATIONS_PER_EMAIL = env.int("FEEDBACK_CONFIRMATIONS_PER_EMAIL", default=3, minimum=1)
FEEDBACK_CONFIRMATION_WINDOW = env.int("FEEDBACK_CONFIRMATION_WINDOW", default=24 * 3600, minimum=1)
# Days a confirmation link stays valid.
FEEDBACK_CONFIRMATION_DAYS = env.int("FEEDBACK_CONFIRMATION_DAYS", default=7, minimum=1)

# --- API ---------------------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.BoundedJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="60/minute"),
        "token": env.str("API_THROTTLE_TOKEN", default="600/minute"),
    },
    # Clients are told apart by address; X-Forwarded-For is trusted only from known proxies.
    "NUM_PROXIES": PROXY_COUNT,
}
# The largest request body the API parses (a draft with its repeatable items); more is a 413.
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=256 * 1024, minimum=1024)

# -- Public read endpoints and the schema (api/views/public.py)
# CORS: any site may read the public endpoints; nothing else of the API is shared.
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_URLS_REGEX = r"^/api/v1/(?!drafts)"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS", "POST"]
SPECTACULAR_SETTINGS = {
    "TITLE": "AI register API",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # 3.1: the card is described by its JSON Schema (2020-12: const, if/then/else).
    "OAS_VERSION": "3.1.0",
    "DESCRIPTION": "The AI register of Kazakhstan's public bodies as open data: the public "
    "endpoints are read-only and anonymous; agencies write drafts with a personal API token. "
    "Texts and errors follow Accept-Language (kk, ru, en).",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.openapi.add_components",
    ],
}
# Anonymous requests are limited to the "anon" rate everywhere in the API; views for tokens
# add their own.
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = ["rest_framework.throttling.AnonRateThrottle"]

# -- Agencies' drafts with personal tokens (api/views/drafts.py, api/tokens/)
# Personal API tokens (django-rest-knox with the register's own model, api/tokens/):
# sent as "Authorization: Bearer kzai_…", stored as a SHA-512 digest, each with its own
# expiry, chosen at creation and at most API_TOKEN_MAX_DAYS away. Nothing authenticates by
# default: the draft endpoints name the token scheme, the public ones none.
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = []
KNOX_TOKEN_MODEL = "api.ApiToken"  # noqa: S105 — a model's name
REST_KNOX = {
    "AUTH_HEADER_PREFIX": "Bearer",
    "TOKEN_PREFIX": "kzai_",
    "TOKEN_TTL": None,  # every token's expiry is chosen by its owner (api/tokens/services.py)
    "AUTO_REFRESH": False,
}
# knox's own table is replaced by api.ApiToken: its migrations would create it all the same.
MIGRATION_MODULES = {"knox": None}
API_TOKEN_MAX_DAYS = env.int("API_TOKEN_MAX_DAYS", default=365, minimum=1)
API_TOKEN_DEFAULT_DAYS = min(
    env.int("API_TOKEN_DEFAULT_DAYS", default=90, minimum=1), API_TOKEN_MAX_DAYS
)
# At most this many live tokens per person, so that a leaked session cannot mint thousands.
API_TOKENS_PER_USER = env.int("API_TOKENS_PER_USER", default=10, minimum=1)
# The last use of a token is written at most once in this many seconds.
API_TOKEN_LAST_USE_INTERVAL = env.int("API_TOKEN_LAST_USE_INTERVAL", default=60, minimum=0)
# A risk's likelihood and severity share one scale: one name for it in the OpenAPI schema.
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {})["RiskLevelEnum"] = (
    "register.models.details.Risk.Level"
)
# Records of the drafts list per page (?page=N).
API_DRAFTS_PAGE_SIZE = env.int("API_DRAFTS_PAGE_SIZE", default=50, minimum=1)

# -- Webhooks (api/webhooks/)
# Seconds one delivery may take, how many attempts it gets (network errors and 5xx answers
# are retried, 4xx are not), and the first wait before a retry (doubled each time, at most half
# of CELERY_BROKER_VISIBILITY_TIMEOUT, so that a waiting retry is never handed out twice).
WEBHOOK_TIMEOUT = env.int("WEBHOOK_TIMEOUT", default=5, minimum=1)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=6, minimum=1)
WEBHOOK_RETRY_SECONDS = env.int("WEBHOOK_RETRY_SECONDS", default=30, minimum=1)

# -- Bulk downloads (api/bulk/)
# Seconds browsers and proxies may keep a download before asking again (with its ETag).
BULK_DOWNLOAD_MAX_AGE = env.int("BULK_DOWNLOAD_MAX_AGE", default=300, minimum=0)

# -- Imports (api/imports/)
# The largest spreadsheet or JSON file an import reads (also its uncompressed size), the most
# rows of records it takes, and the most errors its report lists (the rest are counted).
API_IMPORT_MAX_BYTES = env.int("API_IMPORT_MAX_BYTES", default=20 * 1024 * 1024, minimum=1024)
API_IMPORT_MAX_ROWS = env.int("API_IMPORT_MAX_ROWS", default=10_000, minimum=1)
API_IMPORT_MAX_ERRORS = env.int("API_IMPORT_MAX_ERRORS", default=1_000, minimum=1)
# Days an import's uploaded file is kept once the job is applied, failed or left unapplied
# (then the periodic sweep deletes it; the report stays).
API_IMPORT_RETENTION_DAYS = env.int("API_IMPORT_RETENTION_DAYS", default=30, minimum=1)

# --- Authentication and permissions ---------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "register:dashboard"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
# Password-reset requests per e-mail address and per client address in a window of seconds.
PASSWORD_RESET_LIMIT_PER_EMAIL = env.int("PASSWORD_RESET_LIMIT_PER_EMAIL", default=3, minimum=1)
PASSWORD_RESET_LIMIT_PER_CLIENT = env.int("PASSWORD_RESET_LIMIT_PER_CLIENT", default=10, minimum=1)
PASSWORD_RESET_LIMIT_WINDOW = env.int("PASSWORD_RESET_LIMIT_WINDOW", default=3600, minimum=1)

# Sign-in attempts, in two limits (config/auth.py): a username at one address is locked after
# SIGN_IN_FAILURES_PER_ACCOUNT failures, and an address after SIGN_IN_FAILURES_PER_ADDRESS
# failures whatever the usernames (one address spraying many accounts). The second is higher so
# that a shared office connection stays usable while one account is attacked. Addresses are
# read as PROXY_COUNT says (above).
SIGN_IN_FAILURES_PER_ACCOUNT = env.int("AXES_FAILURE_LIMIT", default=5, minimum=1)
SIGN_IN_FAILURES_PER_ADDRESS = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20, minimum=1)
AXES_FAILURE_LIMIT = "config.auth.failure_limit"
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=env.int("AXES_COOLOFF_MINUTES", default=15, minimum=1)
)
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# ipware counts the proxies after the first: the last entry is the one the nearest proxy added.
AXES_IPWARE_PROXY_COUNT = max(PROXY_COUNT - 1, 0)
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if PROXY_COUNT else ("REMOTE_ADDR",)
)

# Sessions end after a period without activity.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60, minimum=60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True

# --- Internationalisation -------------------------------------------------------------------

LANGUAGES = languages.LANGUAGES
LANGUAGE_CODE = env.choice(
    "DEFAULT_LANGUAGE", default=languages.CONTENT_LANGUAGES[0], choices=languages.CONTENT_LANGUAGES
)
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers as each interface language writes them (config/formats/<language>/).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Almaty")

# --- Static files ---------------------------------------------------------------------------

STATIC_URL = "static/"
# Where collectstatic puts the files the server hands out (the benchmark collects into its own).
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Audit reports of organisations and of the register: files under REPORTS_ROOT, or with
# REPORTS_STORAGE=s3 an S3-compatible bucket (django-storages), private, read back only through
# the register's own download view, which checks who asks.
REPORTS_STORAGE = env.choice("REPORTS_STORAGE", default="local", choices=("local", "s3"))
REPORTS_ROOT = env.str("REPORTS_ROOT", default=str(BASE_DIR / ".data" / "reports"))
if REPORTS_STORAGE == "s3":
    _reports_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("REPORTS_S3_BUCKET", required=True),
            "endpoint_url": env.str("REPORTS_S3_ENDPOINT_URL") or None,
            "region_name": env.str("REPORTS_S3_REGION") or None,
            "access_key": env.str("REPORTS_S3_ACCESS_KEY_ID") or None,
            "secret_key": env.str("REPORTS_S3_SECRET_ACCESS_KEY") or None,
            "location": env.str("REPORTS_S3_PREFIX", default="reports"),
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
else:
    _reports_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": REPORTS_ROOT, "base_url": None},
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "reports": _reports_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- E-mail ---------------------------------------------------------------------------------

# In debug mode e-mails are written as files, not to the console, where the demo's dozens of
# notifications would bury the server's own output; the outbox shows them in the admin too.
EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}[
    env.choice(
        "EMAIL_BACKEND", default="file" if DEBUG else "smtp", choices=("console", "file", "smtp")
    )
]
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / ".data" / "mail"))
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25, minimum=1)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# Seconds before an unanswering SMTP server counts as down (the outbox tries again later).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10, minimum=1)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="register@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the public writes about the register itself (the accessibility statement names it).
REGISTER_CONTACT_EMAIL = env.str("REGISTER_CONTACT_EMAIL", default=DEFAULT_FROM_EMAIL)
if "@" not in REGISTER_CONTACT_EMAIL or any(c.isspace() for c in REGISTER_CONTACT_EMAIL):
    raise ImproperlyConfigured(
        f"REGISTER_CONTACT_EMAIL must be an e-mail address, got {REGISTER_CONTACT_EMAIL!r}."
    )

# --- Security -------------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# The language cookie is sent like the session's: over HTTPS only when that is on, never with
# other sites' requests, never to scripts.
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers and the container health check probe these over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        # Violations are logged, rate-limited, by config.security.csp_report.
        "report-uri": ["/csp-report"],
    }
}

# --- Audit trail ----------------------------------------------------------------------------

PGHISTORY_APPEND_ONLY = True
PGHISTORY_ADMIN_MODEL = "pghistory.MiddlewareEvents"

# --- Logging --------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {
        "refusals_without_traceback": {"()": "config.logs.RefusalsWithoutTraceback"},
        "no_failed_request_lines": {"()": "config.logs.NoFailedRequestLines"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        # One record per request: Django's own console handler would print each django.* record
        # a second time in debug mode, beside the root's.
        "django": {"handlers": [], "propagate": True},
        "django.request": {"filters": ["refusals_without_traceback"]},
        # The development server's access line repeats what django.request logged for a 4xx/5xx.
        "django.server": {
            "handlers": [],
            "propagate": True,
            "filters": ["no_failed_request_lines"],
        },
        # django-axes logs every sign-in at INFO; failures and lockouts are warnings.
        "axes": {"level": "WARNING"},
        # WeasyPrint logs each step and page of every PDF at INFO; refused URLs are warnings.
        "weasyprint.progress": {"level": "WARNING"},
        **(
            {
                # Tasks run in-process: there is no broker, yet Celery still builds a producer
                # for each call, and kombu warns that it has no host to connect to.
                "kombu.connection": {"level": "ERROR"},
                # A line per in-process task ("succeeded in 0.01 s") is noise; failures raise.
                "celery.app.trace": {"level": "WARNING"},
            }
            if CELERY_TASK_ALWAYS_EAGER
            else {}
        ),
    },
    "root": {
        "handlers": ["console"],
        "level": env.choice(
            "LOG_LEVEL", default="INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR")
        ),
    },
}
