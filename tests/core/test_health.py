"""/healthz, /readyz, and the database going down and coming back under a running server."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from django.conf import settings
from django.core.management.utils import get_random_secret_key

from tests.postgres_cluster import PostgresCluster, free_port

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_reports_each_part(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "search": "ok"}}


@pytest.mark.django_db
def test_readyz_answers_503_when_the_cache_is_unreachable(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}",
        },
    }

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json()["checks"] == {"database": "ok", "cache": "error", "search": "ok"}


def get(url: str, **headers) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def cluster():
    folder = Path(tempfile.mkdtemp(prefix="shiliu-pg-"))
    cluster = PostgresCluster(folder)
    cluster.start()
    cluster.createdb()
    yield cluster
    cluster.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def server(cluster):
    """The site in a single-threaded server process (one persistent database connection, kept 600 s)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "false",
        "SECRET_KEY": get_random_secret_key(),
        "DATABASE_URL": cluster.url,
        "DB_CONN_MAX_AGE": "600",
        "CONN_MAX_AGE": "600",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("ELASTICSEARCH_URL", None)
    env.pop("REDIS_URL", None)
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True, timeout=600
    )
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", "--noreload", "--nothreading", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if get(base + "/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.3)
    yield base
    process.terminate()
    process.wait(timeout=30)


SEARCH = "/zh-hans/search/?q=%E5%9B%A2%E7%BB%93"
API = "/api/v2/pages/"


@pytest.mark.postgres
def test_database_down_answers_503_and_service_recovers_without_a_restart(cluster, server):
    assert get(server + SEARCH)[0] == 200
    assert get(server + API)[0] == 200
    assert get(server + "/readyz")[0] == 200

    # A silent database restart: the worker's persistent connection is dead, and the first
    # request afterwards is still served (CONN_HEALTH_CHECKS replaces the connection).
    cluster.stop()
    cluster.start()
    assert get(server + SEARCH)[0] == 200

    cluster.stop()
    status, headers, html = get(server + SEARCH)
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "请稍后再试" in html and 'lang="mn-Mong"' in html
    status, headers, body = get(server + API)
    assert status == 503
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body)["error"] == "service_unavailable"
    status, headers, body = get(server + "/readyz")
    assert status == 503
    assert json.loads(body)["checks"]["database"] == "error"
    assert get(server + "/healthz")[0] == 200  # the process itself is alive

    cluster.start()
    assert get(server + SEARCH)[0] == 200  # the first request after the database returns
    assert get(server + API)[0] == 200
    assert get(server + "/readyz")[0] == 200
