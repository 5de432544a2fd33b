"""Settings shared by every environment. Values that differ per deployment come from the
environment, parsed strictly by django-environ: a malformed value stops start-up."""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    # django.contrib.admin with a site only superusers enter (core.admin.OperatorAdminSite).
    "core.apps.OperatorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "csp",
    "django_htmx",
    "core",
    "partners",
    "initiatives",
    "portfolios",
    "evaluation",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records an API token's last use after the view's transaction, so 4xx answers count.
    "core.api.authentication.TokenUseMiddleware",
    # Writes the API throttles' RateLimit-Limit/-Remaining/-Reset headers.
    "core.api.throttling.RateLimitHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it locks out repeated failed logins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username out from an address after 5 failed logins, for 15 minutes: the pair, so
# five wrong passwords from one address do not lock the user out from another. The address
# is the API throttle's (core/clientip.py: REMOTE_ADDR unless API_NUM_PROXIES is set).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.clientip.client_address"
# Password reset e-mails: per client address and per address asked for (core/views.py).
HORISONT_PASSWORD_RESET_RATES = {
    "address": env.str("PASSWORD_RESET_RATE_PER_ADDRESS", default="10/h"),
    "account": env.str("PASSWORD_RESET_RATE_PER_ACCOUNT", default="3/h"),
}
RATELIMIT_IP_META_KEY = "core.clientip.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"

# A strict Content-Security-Policy: scripts, styles and fonts from our own static files
# only; no inline script or style, no CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # A page's schema.org JSON-LD element carries the response's nonce (core.exports).
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Danish first: the networks using the portal are Danish and Swedish.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# Celery. Without a broker the jobs run in-process (the embedded default), so a newcomer
# needs neither Redis nor a worker to see the portal working.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
# A task is acknowledged only once it finished, and put back when its worker dies, so a
# killed worker loses nothing; that is safe because every task is idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Time limits and recovery, together (docs/architecture.md, "How a job flows").
# - Every job's (soft, hard) time limit in seconds, by kind; evaluation/tasks.py names the
#   kind of each job. Measured: a batch of 2,500 scopes takes ~10 s, twin candidates 8-13 s
#   (docs/scaling.md); the limits are generous multiples of that.
# - With Redis, a message a dead worker took (acks_late: acknowledged only when finished)
#   comes back after `visibility_timeout` seconds. It is a little above the longest hard
#   limit (plus the debounce countdown): shorter, and a job still running would be handed
#   to a second worker as well. So after a whole worker is killed, its jobs run again
#   within visibility_timeout (30 min) by themselves.
# - Sooner than that, a network administrator sees their full recomputation as stalled
#   once it has counted no scope for HORISONT_RUN_STALLED_AFTER seconds (longer than a
#   batch job's hard limit, so a batch still running is never called stalled) and can
#   retry it: the scopes not yet counted are queued again; each counts once.
HORISONT_JOB_TIME_LIMITS = {
    "short": (120, 180),  # one scope's summaries after a change
    "queue": (300, 360),  # queueing every scope in batches
    "batch": (600, 660),  # a batch of scopes; the e-mails but the digest
    "long": (1500, 1560),  # twin candidates, a full recomputation's start, the weekly digest
}
# The limits of a job that names no kind (none of ours does).
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=HORISONT_JOB_TIME_LIMITS["queue"][0])
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=HORISONT_JOB_TIME_LIMITS["queue"][1])
VISIBILITY_MARGIN_SECONDS = 240
# A JSON object in the environment variable adds or overrides options (the worker tests
# shorten the timeout).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": max(CELERY_TASK_TIME_LIMIT, *(hard for _, hard in HORISONT_JOB_TIME_LIMITS.values()))
    + VISIBILITY_MARGIN_SECONDS,
    **env.json("CELERY_BROKER_TRANSPORT_OPTIONS", default={}),
}
HORISONT_RUN_STALLED_AFTER = env.int("HORISONT_RUN_STALLED_AFTER", default=720)
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="horisont")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "prune-tombstones-daily": {
        "task": "core.tasks.prune_tombstones",
        "schedule": crontab(hour=3, minute=15),
    },
    "recompute-all-learning-summaries-nightly": {
        "task": "evaluation.tasks.recompute_all_learning_summaries",
        "schedule": crontab(hour=2, minute=30),
    },
    "send-weekly-digests": {
        "task": "evaluation.tasks.send_weekly_digests",
        "schedule": crontab(day_of_week="mon", hour=7, minute=0),
    },
    "send-funding-cliff-alerts-daily": {
        "task": "evaluation.tasks.send_funding_cliff_alerts",
        "schedule": crontab(hour=7, minute=15),
    },
    "send-review-due-alerts-daily": {
        "task": "evaluation.tasks.send_review_due_alerts",
        "schedule": crontab(hour=7, minute=30),
    },
}

REST_FRAMEWORK = {
    # Token first: a request without credentials is then answered 401 with
    # `WWW-Authenticate: Bearer`. Sessions (with CSRF) are for the browser. No Basic auth.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["core.api.filters.FilterSetBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.LimitOffset",
    "PAGE_SIZE": 20,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer", "core.api.renderers.CSVRenderer"],
    "DEFAULT_PARSER_CLASSES": ["core.api.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.api.negotiation.ContentNegotiation",
    "DEFAULT_THROTTLE_CLASSES": ["core.api.throttling.AnonymousThrottle", "core.api.throttling.UserThrottle"],
    # export-iati: the IATI export's own throttle (a page holds up to 500 activities).
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "user": "1000/hour", "export-iati": "20/min"},
    # The reverse proxies in front of the web process that append to X-Forwarded-For. 0:
    # the header is ignored and REMOTE_ADDR is the client (a client-sent header cannot
    # dodge the throttle). Behind one proxy, 1. The lockout uses the same (core/clientip.py).
    "NUM_PROXIES": env.int("API_NUM_PROXIES", default=0),
    "EXCEPTION_HANDLER": "core.api.problems.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Horisont API",
    "DESCRIPTION": (
        "Initiatives, missions, portfolios and shared learning of welfare-innovation networks. "
        "Anonymous clients read public records; a token (made on /account/tokens/) reads what its "
        "user may see and writes what its user may change. Lists take the same filters as the "
        "portal's pages, plus `updated_since` for incremental sync, `ordering`, `limit` and "
        "`offset`, and `format=csv`; `ordering=updated` gives cursor pages for syncing, "
        "/api/v1/deletions/ the deleted records, and `<list>/download.csv` (also .jsonl, .xlsx) "
        "the whole filtered list. Errors are RFC 9457 problem documents."
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "CONTACT": {
        "name": env.str("API_CONTACT_NAME", default="Horisont"),
        "email": env.str("API_CONTACT_EMAIL", default="api@horisont.example.org"),
        "url": env.str("API_CONTACT_URL", default="https://horisont.example.org/"),
    },
    "SERVE_INCLUDE_SCHEMA": False,
    # The enum components first (drf-spectacular's own hook), then null as a type and no
    # ambiguous oneOf: a strict OpenAPI 3.1 / JSON Schema 2020-12 reader agrees with us.
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "core.api.schema.strict_openapi_31"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "Visibility": "core.choices.Visibility",
        "ContentLanguage": "core.choices.ContentLanguage",
        "Currency": "core.choices.Currency",
        "Country": "partners.choices.Country",
        "Sector": "partners.choices.Sector",
        "IdentifierScheme": "partners.choices.IdentifierScheme",
        "MembershipRole": "partners.choices.MembershipRole",
        "Phase": "initiatives.choices.Phase",
        "InitiativeKind": "initiatives.choices.InitiativeKind",
        "CitizenInvolvement": "initiatives.choices.CitizenInvolvement",
        "ParticipationRole": "initiatives.choices.ParticipationRole",
        "FundingKind": "initiatives.choices.FundingKind",
        "TargetGroup": "initiatives.choices.TargetGroup",
        "Horizon": "portfolios.choices.Horizon",
        "Layer": "portfolios.choices.Layer",
        "Relation": "portfolios.choices.Relation",
        "ReviewStatus": "portfolios.choices.ReviewStatus",
        "Decision": "portfolios.choices.Decision",
        "NoteKind": "portfolios.choices.NoteKind",
        "LearningKind": "evaluation.choices.LearningKind",
        "BarrierCategory": "evaluation.choices.BarrierCategory",
        "ValueDomain": "evaluation.choices.ValueDomain",
        "EvidenceLevel": "evaluation.choices.EvidenceLevel",
        "AssessorRole": "evaluation.choices.AssessorRole",
        "Capital": "evaluation.choices.Capital",
        "ResourceState": "evaluation.choices.ResourceState",
        "SummaryScope": "evaluation.choices.SummaryScope",
        "SummaryAudience": "evaluation.choices.SummaryAudience",
        "SummaryStatus": "evaluation.choices.SummaryStatus",
    },
}

# The IATI export's publisher (docs/api.md, "IATI"): the reporting organisation's
# identifier in the IATI Organisation Identifier registry, which starts every
# iati-identifier, its name, and its IATI OrganisationType code (90: Other). The default
# XM-HORISONT is a placeholder: `manage.py check --deploy` warns while it is in use.
HORISONT_IATI_REPORTING_ORG_REF = env.str("HORISONT_IATI_REPORTING_ORG_REF", default="XM-HORISONT")
HORISONT_IATI_REPORTING_ORG_NAME = env.str("HORISONT_IATI_REPORTING_ORG_NAME", default="Horisont")
HORISONT_IATI_REPORTING_ORG_TYPE = env.str("HORISONT_IATI_REPORTING_ORG_TYPE", default="90")

# The DCAT catalogue's publisher (a foaf:Agent on the catalogue and every dataset; its IRI
# defaults to the site's home page) and the datasets' contact point (defaults to the API's
# contact above).
HORISONT_PUBLISHER_NAME = env.str("HORISONT_PUBLISHER_NAME", default="Horisont")
HORISONT_PUBLISHER_URL = env.str("HORISONT_PUBLISHER_URL", default="")
HORISONT_CONTACT_NAME = env.str("HORISONT_CONTACT_NAME", default="")
HORISONT_CONTACT_EMAIL = env.str("HORISONT_CONTACT_EMAIL", default="")

# An initiative is at a funding cliff when its pool funding ends within this many months.
HORISONT_FUNDING_CLIFF_MONTHS = env.int("HORISONT_FUNDING_CLIFF_MONTHS", default=6)
# The address links in e-mails start with.
HORISONT_SITE_URL = env.str("HORISONT_SITE_URL", default="http://127.0.0.1:8000")

# Anonymous pages and API lists are kept this many seconds in the cache and served again
# (core/pagecache.py); any write through the ORM forgets them at once. 0 turns it off.
HORISONT_PAGE_CACHE_SECONDS = env.int("HORISONT_PAGE_CACHE_SECONDS", default=30)

# The largest file the initiative import reads (initiatives/imports.py); larger ones are
# refused with a message before a byte is parsed.
HORISONT_IMPORT_MAX_BYTES = env.int("HORISONT_IMPORT_MAX_BYTES", default=5_000_000)

# Where core asks which networks and organisations a user acts for (core imports no app).
HORISONT_AUDIENCE_RESOLVER = "partners.audience.audience_for_user"
# The API's router: its registry names the resources whose deletions leave a tombstone
# and whose nested rows mark their record changed (core/changes.py).
HORISONT_API_ROUTER = "config.api_urls.router"
# How long the deletion feed (/api/v1/deletions/) remembers a deletion, in days.
HORISONT_TOMBSTONE_DAYS = env.int("HORISONT_TOMBSTONE_DAYS", default=365)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
