"""Production settings choose media storage, caches and connections from the environment alone."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.conf import settings

ROOT = Path(settings.BASE_DIR)

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage
print(json.dumps({
    "storage": settings.STORAGES["default"]["BACKEND"],
    "staticfiles": settings.STORAGES["staticfiles"]["BACKEND"],
    "middleware": settings.MIDDLEWARE,
    "image_url": default_storage.url("images/station.width-800.jpg"),
    "pages_cache": settings.CACHES["pages"]["BACKEND"],
    "default_cache": settings.CACHES["default"]["BACKEND"],
    "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "querystring_auth": getattr(settings, "AWS_QUERYSTRING_AUTH", None),
    "media_routes": [str(p.pattern) for p in __import__("config.urls").urls.urlpatterns if "media" in str(p.pattern)],
}))
"""


def production_settings(**environment: str) -> dict:
    """What config.settings.production decides in a fresh process with ``environment``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "REDIS_", "DB_CONN", "DATABASE_URL", "DJANGO_SETTINGS"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="a-long-random-production-key-for-this-test-only-0123456789",
        ALLOWED_HOSTS="shiliu.example",
        **environment,
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, our own settings
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_setup_serves_renditions_from_local_files_and_compressed_hashed_static_files():
    decided = production_settings()

    assert decided["storage"] == "core.storage.FileSystemStorage"  # removes half-written files
    assert decided["staticfiles"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in decided["middleware"]
    assert decided["image_url"] == "/media/images/station.width-800.jpg"
    assert decided["media_routes"] == ["media/images/<path:path>"], "renditions only, never documents"
    assert decided["pages_cache"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert decided["conn_max_age"] == 600


def test_object_storage_is_chosen_by_environment_and_served_from_the_cdn_host():
    decided = production_settings(
        AWS_STORAGE_BUCKET_NAME="shiliu-media",
        AWS_S3_ENDPOINT_URL="https://oss.example",
        AWS_S3_CUSTOM_DOMAIN="media.shiliu.example",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",  # noqa: S106 - never sent: building a URL makes no request
    )

    assert decided["storage"] == "storages.backends.s3.S3Storage"
    assert decided["image_url"] == "https://media.shiliu.example/images/station.width-800.jpg"
    assert decided["querystring_auth"] is False
    assert decided["media_routes"] == [], "the bucket serves media, not the application"


def test_redis_url_moves_both_caches_to_redis():
    decided = production_settings(REDIS_URL="redis://127.0.0.1:6399/0")

    assert decided["default_cache"] == "django.core.cache.backends.redis.RedisCache"
    assert decided["pages_cache"] == "django.core.cache.backends.redis.RedisCache"


@pytest.mark.parametrize("value", ["0", "60"])
def test_persistent_connections_can_be_tuned(value):
    assert production_settings(DB_CONN_MAX_AGE=value)["conn_max_age"] == int(value)
