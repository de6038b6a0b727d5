"""Settings shared by every environment; each value can come from the environment."""

import os
from pathlib import Path

import dj_database_url

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean from the environment ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated list from the environment."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "home",
    "stories",
    "campaigns",
    "classroom",
    "albums",
    "materials",
    "search",
    "editorial",
    "axes",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.page_cache.PageCacheMiddleware",  # anonymous pages; before sessions and locale (core.page_cache)
    "core.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "core.health.DatabaseUnavailableMiddleware",
    "core.storage.StorageFullMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.LocaleMiddleware",  # Django's, leaving /api/ answers alone
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.publishing.PublishingUserMiddleware",
    "core.middleware.PageRoutingMiddleware",  # pages routed in two queries, shared site and settings
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "editorial.middleware.ReviewOutcomeMessageMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it answers for locked-out logins
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite file in the project folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections: a new one per request cost a story page 18% of its CPU and
        # dropped SQLite's page cache between requests.
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "600")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the one writer of a small community site work side by side; a 32 MB
    # page cache keeps the search index in memory between searches.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA cache_size=-32000;", "transaction_mode": "IMMEDIATE"}
    )
# A persistent connection is tested before each request reuses it, so a database restart
# costs no failed request (core.health answers 503 while the database is really down).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # counts failed logins (django-axes, settings below)
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Chinese is the source; Mongolian is written in the traditional script,
# which Django has no entry for (its "mn" is Cyrillic): core.apps registers "mn-mong".
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("Chinese (Simplified)")),
    ("mn-mong", _("Mongolian (traditional script)")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A new translation starts as a draft whatever its source's state: it goes live through review.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [SITE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = os.environ.get("STATIC_URL", "/static/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_CACHE_MAX_AGE = int(os.environ.get("MEDIA_CACHE_MAX_AGE", str(7 * 24 * 3600)))  # renditions, seconds

STORAGES = {
    "default": {"BACKEND": "core.storage.FileSystemStorage"},  # removes half-written files on a full disk
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# S3-compatible media storage (MinIO, OSS, COS, S3) when a bucket is named.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = os.environ["AWS_STORAGE_BUCKET_NAME"]
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL")
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME")
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN")  # the CDN's host name
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "石榴 Shiliu"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_DOCUMENT_MODEL = "core.SiteDocument"  # adds the extracted text of PDF and Word files for search
WAGTAILDOCS_EXTENSIONS = [
    *("csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"),
    *("jpg", "png", "mp3", "m4a", "ogg"),  # pictures and audio of the materials library
]
# Every document download goes through Wagtail's view, which checks collection view restrictions
# (teacher-only materials, materials.access); never a redirect to a public storage address.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Teachers log in on the public site, not in the admin.
LOGIN_URL = "materials_login"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.document_forms.SafeDocumentForm"  # a damaged file is refused
# Image uploads: the limits every upload path checks (core.images decodes the whole image
# with the same pixel limit, so a decompression bomb or a truncated file is refused, not saved).
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Images: one size and pixel limit for every way an image arrives (the admin upload, album
# uploads, images inside imported Word files): 60 megapixels is any phone or camera, not a bomb.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 60_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.images.SafeImageForm"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILSEARCH_HITS_MAX_AGE = 30
# Passing the final review records the reviewers in the byline, then publishes (editorial app).
WAGTAIL_FINISH_WORKFLOW_ACTION = "editorial.workflows.publish_approved"

# Search: Wagtail's database backend (search.backends.database: on SQLite with a ranked query
# that scales) unless ELASTICSEARCH_URL is set. Text is analysed before it reaches any backend
# (textkit.analysis), so PostgreSQL uses the 'simple' configuration: no stemming of the tokens.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# AUTO_UPDATE is off: the index is updated by background tasks (core.search_index), not by
# Wagtail inside the request that saved.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends.database", "SEARCH_CONFIG": "simple", "AUTO_UPDATE": False}
}
if ELASTICSEARCH_URL:
    # The database index is kept too: searches fall back to it while Elasticsearch is down.
    WAGTAILSEARCH_BACKENDS["database"] = WAGTAILSEARCH_BACKENDS["default"]
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "search.backends.elasticsearch",
        "URLS": [ELASTICSEARCH_URL],
        "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "shiliu_"),
        # Seconds per request; a slow answer counts as a failure and the database answers instead.
        "TIMEOUT": float(os.environ.get("ELASTICSEARCH_TIMEOUT", "5")),
        "FALLBACK": "database",
        # update_index fills a new index, then moves the alias to it: searches never see it empty.
        "ATOMIC_REBUILD": True,
        "AUTO_UPDATE": False,
    }

# Background tasks (django-tasks): search indexing, re-indexing after a dictionary word
# changes, text extraction, emails. "database" (default) queues them in the database for
# `manage.py db_worker`; "immediate" runs them inside the request, for a site without a worker.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
TASKS_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in TASKS_BACKENDS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASKS_BACKENDS)}, not {TASKS_BACKEND!r}.")
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND]}}
# Minutes a task may wait in the queue before /readyz and the admin say the worker is behind.
TASKS_LATE_AFTER_MINUTES = int(os.environ.get("TASKS_LATE_AFTER_MINUTES", "15"))

# Emails go out from the worker: this backend queues each message, and the task sends it
# with EMAIL_DELIVERY_BACKEND (SMTP unless EMAIL_DELIVERY_BACKEND says otherwise).
EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = os.environ.get("EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "shiliu",
    }
}
# Anonymous pages (core.page_cache). Files by default, not local memory: every worker process
# must see the same pages and the same invalidation. Redis when REDIS_URL is set.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / "var" / "page-cache")),
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "600"))  # seconds a page stays in the cache
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))  # seconds browsers keep a page
PAGE_CACHE_S_MAXAGE = int(
    os.environ.get("PAGE_CACHE_S_MAXAGE", "600")
)  # seconds a CDN keeps it (purge: core.page_cache)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

# Security headers (core.security; `manage.py check --deploy` with the production settings is clean).
from .security import *  # noqa: E402, F403
