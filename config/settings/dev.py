"""Development settings: debug on, a fixed insecure key, local files."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405, S105
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"  # the worker prints them

# Demo content and benchmarks (load_demo, search_benchmark, benchmark_pages): never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405
