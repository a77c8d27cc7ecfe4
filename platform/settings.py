"""Settings of Emploi Local, one module driven by environment variables.

| variable | default | meaning |
|---|---|---|
| DATABASE_URL | embedded PostgreSQL in .data/postgres | the PostgreSQL database |
| REDIS_URL | (none: file-system broker in .data/broker) | Celery broker and cache |
| DJANGO_ENV | development | `production` requires a real secret key |
| DJANGO_DEBUG | 0 | debug pages (never in production) |
| EMAIL_BACKEND | SMTP in production, console otherwise | Django e-mail backend |
| EMAIL_HOST, EMAIL_PORT, EMAIL_USE_TLS (1), EMAIL_HOST_USER, EMAIL_HOST_PASSWORD | localhost, 25 | SMTP server |
| DJANGO_SECRET_KEY | a development key | required in production |
| ALLOWED_HOSTS | * | tenant resolution rejects unknown hosts anyway |
| PROVIDER_DOMAIN | localhost | host of the provider site (public schema) |
| PORTAL_URL_TEMPLATE | http://{domain}:8000/ | how to print a portal's URL |
| SENTRY_DSN | (none) | error reporting |
| STRIPE_SECRET_KEY | (none) | Stripe API key of the provider's account |
| STRIPE_WEBHOOK_SECRET | (none: every webhook is refused) | signing secret of the `/stripe/webhook/` endpoint |
| STRIPE_API_BASE | https://api.stripe.com | Stripe's API (the tests point it at a local fake) |
| STRIPE_PRICE_SMALL, _MEDIUM, _LARGE | (none: not offered) | Stripe Price ids of the plans by population band |
| BILLING_GRACE_DAYS | 14 | days a portal stays writable once its subscription is unpaid or canceled |
| NUM_PROXIES | 1 in production, else 0 | proxies appending to X-Forwarded-For (client address for limits) |
| LOGIN_FAILURE_LIMIT, LOGIN_COOLOFF_MINUTES | 5, 15 | wrong passwords before a login lockout, and its length |
| STAFF_SESSION_HOURS | 8 | session length of staff roles (candidates, recruiters: two weeks) |
| API_RATE_ANONYMOUS, API_RATE_USER | 120/min, 600/min | API throttling per address, per account |
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import xstatic.pkg.leaflet
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
THEMES_DIR = BASE_DIR / "themes"
DATA_DIR = BASE_DIR / ".data"


def env_bool(name, default=False):
    return os.environ.get(name, str(int(default))).lower() in {"1", "true", "yes", "on"}


PRODUCTION = os.environ.get("DJANGO_ENV", "development") == "production"
DEBUG = env_bool("DJANGO_DEBUG") and not PRODUCTION
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "" if PRODUCTION else "dev-only-insecure-key-not-for-production")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_ENV=production.")
if PRODUCTION and (
    len(SECRET_KEY) < 32 or len(set(SECRET_KEY)) < 8 or SECRET_KEY.startswith(("django-insecure", "dev-"))
):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY is too weak: use 50 random characters (secrets.token_urlsafe(50)).")

ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "*").split(",")
if PRODUCTION:
    # Behind a proxy that terminates TLS (the chart's ingress) and says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Preloading HSTS commits every territory's own domain for years: its owner's decision.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Proxies in front of the application that append to X-Forwarded-For (the chart's ingress):
# the client's address, for rate limits and login lockouts, is the one they saw.
NUM_PROXIES = int(os.environ.get("NUM_PROXIES", "1" if PRODUCTION else "0"))
PROVIDER_DOMAIN = os.environ.get("PROVIDER_DOMAIN", "localhost")
PORTAL_URL_TEMPLATE = os.environ.get("PORTAL_URL_TEMPLATE", "http://{domain}:8000/")

# --- Applications -------------------------------------------------------------
# Users, sessions and the admin log live in both the public schema (provider staff,
# cross-territory admins) and every territory schema (that territory's people):
# a session of one territory can never authenticate in another.
BOTH_SCHEMAS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    # its log points at the users of the same schema; its site asks for the second factor
    "tenant_apps.accounts.apps.SecondFactorAdminConfig",
    "tenant_apps.accounts",
    "tenant_apps.outbox",  # e-mails of the provider's and of each territory's
    # Second factor: each schema's users have their own devices.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Failed logins: each schema counts the attempts on its own users.
    "axes",
]
SHARED_APPS = [
    "django_tenants",
    "tenants",
    *BOTH_SCHEMAS,
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served by us, not from a CDN
    "shared_apps.referentials",
    "shared_apps.directory",
    "shared_apps.provider",
    "shared_apps.billing",
    "shared_apps.territory_figures",
    "shared_apps.oversight",
]
TENANT_APPS = [
    *BOTH_SCHEMAS,
    "rest_framework.authtoken",
    "tenant_apps.employers",
    "tenant_apps.offers",
    "tenant_apps.candidates",
    "tenant_apps.applications",
    "tenant_apps.cvtheque",
    "tenant_apps.alerts",
    "tenant_apps.forums",
    "tenant_apps.proposals",
    "tenant_apps.followup",
    "tenant_apps.imports",
    "tenant_apps.statistics",
    "tenant_apps.audit",
    "tenant_apps.partners",
]
INSTALLED_APPS = [*SHARED_APPS, *[app for app in TENANT_APPS if app not in SHARED_APPS]]

TENANT_MODEL = "tenants.Territory"
TENANT_DOMAIN_MODEL = "tenants.Domain"
# New territories are cloned from this schema, kept migrated by its own tenant
# row, so onboarding time does not grow with the number of migrations.
TENANT_BASE_SCHEMA = "template"
TENANT_CREATION_FAKES_MIGRATIONS = True
TENANT_MULTIPROCESSING_MAX_PROCESSES = int(os.environ.get("MIGRATION_PROCESSES", "2"))
# Set search_path when the territory changes, not before every query.
TENANT_LIMIT_SET_CALLS = True
PUBLIC_SCHEMA_URLCONF = "platform.urls_public"
ROOT_URLCONF = "platform.urls"
DEFAULT_NOT_FOUND_TENANT_VIEW = "tenants.views.UnknownHostView"

MIDDLEWARE = [
    "platform.health.HealthMiddleware",  # before tenant resolution: probes come by IP
    "django_tenants.middleware.main.TenantMainMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "platform.csp.TerritoryCSPMiddleware",  # Content-Security-Policy, with the territory's map tile server
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "shared_apps.provider.middleware.SupportSessionMiddleware",  # ends support sessions whose grant ended
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified()
    "tenant_apps.accounts.middleware.SecondFactorMiddleware",  # staff give their second factor first
    "django.contrib.messages.middleware.MessageMiddleware",
    "shared_apps.billing.middleware.ReadOnlyPortalMiddleware",  # after auth: its 403 page shows the user
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into its 429 page
    # Innermost: counts the page views rendered, not the redirects and refusals of the middleware above.
    "tenant_apps.statistics.middleware.VisitCounterMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tenants.theming.territory",
                "shared_apps.billing.context_processors.billing",
            ],
            "loaders": [
                (
                    "tenants.theming.CachedThemeLoader",
                    ["tenants.theming.ThemeLoader", "django.template.loaders.app_directories.Loader"],
                )
            ],
        },
    }
]

WSGI_APPLICATION = "platform.wsgi.application"

# --- Database -----------------------------------------------------------------
if not os.environ.get("DATABASE_URL"):
    from platform.embedded_db import database_url

    os.environ["DATABASE_URL"] = database_url()
DATABASES = {
    "default": dj_database_url.parse(
        os.environ["DATABASE_URL"], engine="django_tenants.postgresql_backend", conn_max_age=60
    )
}
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, broker ------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache"
        if REDIS_URL
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": REDIS_URL,
        # Keys carry the schema: one territory never reads another's cache.
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
    },
    # Values every territory reads alike (the shared offer index's generation): no schema in the key.
    "shared": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache"
        if REDIS_URL
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "shared",
    },
}
# Anonymous visitors' search pages are served from the cache this long at most
# (tenant_apps.offers.page_cache); a change of the offer index makes them stale at once.
SEARCH_PAGE_CACHE_SECONDS = 60
# Without Redis, Celery uses kombu's file-system transport: no server to install,
# and web, worker and beat on one machine share its folder.
BROKER_DIR = DATA_DIR / "broker"
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {}
    if REDIS_URL
    else {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "control_folder": str(BROKER_DIR / "control"),
    }
)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "Europe/Paris"
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "expire-offers": {
        "task": "tenants.tasks.for_each_territory",
        "schedule": crontab(hour=3, minute=0),
        "args": ("tenant_apps.offers.tasks.expire_offers",),
    },
    "candidate-retention": {
        "task": "tenants.tasks.for_each_territory",
        "schedule": crontab(hour=4, minute=0),
        "args": ("tenant_apps.candidates.tasks.apply_retention",),
    },
    # Messages whose task never ran (broker down when they were written): the provider's, then each territory's.
    "outbox-relay-provider": {"task": "tenant_apps.outbox.tasks.relay_outbox", "schedule": 60.0},
    "outbox-relay": {
        "task": "tenants.tasks.for_each_territory",
        "schedule": 60.0,
        "args": ("tenant_apps.outbox.tasks.relay_outbox",),
    },
    "alerts-instant": {
        "task": "tenants.tasks.for_each_territory",
        "schedule": 600.0,
        "args": ("tenant_apps.alerts.tasks.run_alerts", "instant"),
    },
    "alerts-daily": {
        "task": "tenants.tasks.for_each_territory",
        "schedule": crontab(hour=8, minute=0),
        "args": ("tenant_apps.alerts.tasks.run_alerts", "daily"),
    },
    "alerts-weekly": {
        "task": "tenants.tasks.for_each_territory",
        "schedule": crontab(hour=8, minute=0, day_of_week="mon"),
        "args": ("tenant_apps.alerts.tasks.run_alerts", "weekly"),
    },
    "candidate-alerts": {
        "task": "tenants.tasks.for_each_territory",
        "schedule": crontab(hour=8, minute=15),
        "args": ("tenant_apps.alerts.tasks.run_candidate_alerts",),
    },
    "application-summaries": {
        "task": "tenants.tasks.for_each_territory",
        "schedule": crontab(hour=7, minute=30),
        "args": ("tenant_apps.applications.tasks.send_daily_summaries",),
    },
    # Statistics roll-up: today's figures every hour, the last weeks again every night.
    "statistics-hourly": {
        "task": "tenants.tasks.for_each_territory",
        "schedule": crontab(minute=5),
        "args": ("tenant_apps.statistics.tasks.refresh_statistics", 0),
    },
    "statistics-nightly": {
        "task": "tenants.tasks.for_each_territory",
        "schedule": crontab(hour=2, minute=30),
        "args": ("tenant_apps.statistics.tasks.refresh_statistics", 35),
    },
    "hire-check-reminders": {
        "task": "tenants.tasks.for_each_territory",
        "schedule": crontab(hour=7, minute=45),
        "args": ("tenant_apps.followup.tasks.send_hire_check_reminders",),
    },
}

# --- Users --------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 7 * 24 * 3600  # the first admin's set-password link
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Second factor (django-otp): staff roles enrol a TOTP app and get backup codes.
# Failed codes lock the device for 1, 2, 4, 8… seconds (exponential back-off).
OTP_TOTP_ISSUER = "Emploi Local"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# Brute force (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair is refused for AXES_COOLOFF_TIME, on the portal's and the provider's login
# pages (where both Django admins log in). A good password clears the count.
AUTHENTICATION_BACKENDS = ["tenant_apps.accounts.backends.LockoutModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field (the e-mail address), not USERNAME_FIELD
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "platform.ratelimit.client_ip"
AXES_VERBOSE = False  # no start-up banner on the stderr of every command (failures are still logged)
# Staff roles' sessions end this long after logging in, whatever they do (see accounts.signals);
# candidates and recruiters keep SESSION_COOKIE_AGE (two weeks).
STAFF_SESSION_AGE = timedelta(hours=int(os.environ.get("STAFF_SESSION_HOURS", "8")))
# Never share a session cookie across territories (django-tenants #52): users of
# different schemas have overlapping ids.
SESSION_COOKIE_DOMAIN = None

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]  # each in its own language
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles" if PRODUCTION else None  # collectstatic runs in the image build
STATICFILES_DIRS = [
    *(
        (f"themes/{theme.name}", theme / "static")
        for theme in sorted(THEMES_DIR.iterdir())
        if (theme / "static").is_dir()
    ),
    ("vendor/leaflet", xstatic.pkg.leaflet.BASE_DIR),  # from PyPI's XStatic-Leaflet, never a CDN
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Outside production, static files are served from the theme folders as they are
# (no collectstatic needed by make run and the tests).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
# Uploaded files are never served from a public URL: views stream them after a
# permission check.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
MAX_LOGO_BYTES = 512 * 1024

# --- E-mail -------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Emploi Local <ne-pas-repondre@emploi-local.fr>")

# --- Billing (Stripe) ---------------------------------------------------------
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "https://api.stripe.com")
BILLING_GRACE_DAYS = int(os.environ.get("BILLING_GRACE_DAYS", "14"))
# Plans by population band: a territory takes the smallest band that holds its
# population. Prices are Stripe Price objects (created in Stripe's dashboard);
# `manage.py sync_plans` copies this list into the Plan table, without the plans
# whose price is not configured here.
BILLING_PLANS = [
    {
        "code": "jusqu-a-20000",
        "name": "Jusqu'à 20 000 habitants",
        "max_population": 20_000,
        "stripe_price_id": os.environ.get("STRIPE_PRICE_SMALL", ""),
    },
    {
        "code": "jusqu-a-100000",
        "name": "De 20 001 à 100 000 habitants",
        "max_population": 100_000,
        "stripe_price_id": os.environ.get("STRIPE_PRICE_MEDIUM", ""),
    },
    {
        "code": "plus-de-100000",
        "name": "Plus de 100 000 habitants",
        "max_population": None,
        "stripe_price_id": os.environ.get("STRIPE_PRICE_LARGE", ""),
    },
]

# --- API ----------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: a refused token then answers 401 with WWW-Authenticate.
        # Tokens live in each territory's schema; staff roles' tokens are refused (no second factor).
        "tenant_apps.accounts.authentication.TokenAuthentication",
        # A session of staff roles counts once the second factor is given.
        "tenant_apps.accounts.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "platform.pagination.Pagination",
    "PAGE_SIZE": 20,
    # Per address for anonymous callers, per account once authenticated (cache keys carry the territory).
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_RATE_ANONYMOUS", "120/min"),
        "user": os.environ.get("API_RATE_USER", "600/min"),
    },
    "NUM_PROXIES": NUM_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Emploi Local API",
    "DESCRIPTION": (
        "Le portail emploi d'un territoire : recherche publique des offres, offres des employeurs, "
        "profil et candidatures des candidats, suivi des candidatures, CVthèque."
    ),
    "VERSION": "1.0.0",
    # One name per choice set shared by several serializers.
    "ENUM_NAME_OVERRIDES": {
        "ContractTypeEnum": "tenant_apps.offers.enums.ContractType",
        "OfferStatusEnum": "tenant_apps.offers.enums.OfferStatus",
        "ApplicationStatusEnum": "tenant_apps.applications.enums.ApplicationStatus",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Security headers and rate limits ------------------------------------------
# Content-Security-Policy (django-csp). Scripts only from our own static files: no inline
# script, no event handler attribute, nothing from a CDN. platform.csp adds the territory's
# map tile server to img-src; the offers widget and the API docs relax their own policies.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Inline styles stay allowed: base.html sets the territory's colours in a <style>,
        # Leaflet and Swagger UI position their elements with style attributes. A style cannot run code.
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],  # Leaflet's and Swagger UI's icons are data: URIs
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        # No form-action: paying redirects from our form to Stripe's checkout page.
    }
}
X_FRAME_OPTIONS = "DENY"
# Forms that send e-mail or create accounts: at most `count` posts per `seconds`, per address
# and territory (platform.ratelimit). "name": (count, seconds).
FORM_RATE_LIMITS = {
    "signup": (5, 3600),
    "apply": (20, 3600),
    "alert": (10, 3600),
    "password_reset": (5, 3600),
    "account_code": (10, 3600),  # the printed sheet's code (candidates.assisted_views.take_over)
    "contact": (30, 3600),  # messages sent through the platform: CVthèque invitations, colleague invitations
}

# --- Logging and errors -------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from platform.sentry import init_sentry

    init_sentry(SENTRY_DSN)
