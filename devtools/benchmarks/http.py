"""Load-test the production server (gunicorn, production settings) on loopback with wrk.

``manage.py benchmark_http`` drives it (``make bench``). For every page a resident opens,
and one page of every other page type found through Wagtail's page registry, it measures with
wrk at each concurrency, first with the page cache off (every request rendered: "cold"), then
on and filled ("warm"): requests per second, p50/p95/p99 latency, and the throughput as a
ratio of the same server's static file (WhiteNoise). SQL queries and HTML bytes per page are
counted in this process with Django's test client, page cache empty.

Every request goes to 127.0.0.1 only; each wrk run is bounded in time.
"""

import json
import subprocess  # noqa: S404 - runs gunicorn and wrk, our own commands
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Page, get_page_models

from core.page_cache import page_cache
from stories.models import StoryIndexPage, StoryPage

LUA = Path(__file__).with_name("wrk_report.lua")


@dataclass
class Run:
    """One wrk run."""

    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int


def targets() -> dict[str, str]:
    """Name -> path of the pages to measure: the main ones, then one of every other page type."""
    urls = {"home": "/zh-hans/"}
    index = StoryIndexPage.objects.live().filter(locale__language_code="zh-hans", alias_of__isnull=True).first()
    if index:
        urls["story index"] = index.url
        count = StoryPage.objects.child_of(index).live().count()
        urls["story index, last page"] = f"{index.url}?page={max(1, (count + 11) // 12)}"
    story = StoryPage.objects.live().filter(locale__language_code="zh-hans").order_by("-date", "-pk").first()
    if story:
        urls["story"] = story.url
    mongolian = StoryPage.objects.live().filter(locale__language_code="mn-mong", alias_of__isnull=True).first()
    if mongolian:
        urls["story (Mongolian)"] = mongolian.url
    urls["search 团结"] = "/zh-hans/search/?q=%E5%9B%A2%E7%BB%93"
    covered = {"HomePage", "StoryIndexPage", "StoryPage"}
    for model in sorted(get_page_models(), key=lambda m: m._meta.label):
        if model is Page or model.__name__ in covered:
            continue
        page = model.objects.live().filter(locale__language_code="zh-hans", alias_of__isnull=True).first()
        if page is not None and page.url:
            with translation.override("en"):  # the table goes into README, in English
                urls[str(model._meta.verbose_name)] = page.url
    return urls


def static_path() -> str:
    """The hashed address of the site's stylesheet, from WhiteNoise's manifest."""
    manifest = json.loads((Path(settings.STATIC_ROOT) / "staticfiles.json").read_text())
    return settings.STATIC_URL + manifest["paths"]["css/site.css"]


def page_figures(path: str) -> tuple[int, int]:
    """(SQL queries, HTML bytes) of one cold request in this process."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.get(path)  # renditions and the segmenter made once, as on a running server
    page_cache().clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return len(queries), len(response.content)


def start_server(port: int, env: dict[str, str], page_cache_on: bool) -> subprocess.Popen:
    """gunicorn with production settings on 127.0.0.1:port; returns once it answers."""
    env = {
        **env,
        "BIND": f"127.0.0.1:{port}",
        "PAGE_CACHE_ENABLED": "true" if page_cache_on else "false",
        "PAGE_CACHE_DIR": tempfile.mkdtemp(prefix="shiliu-bench-pages-"),
    }
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn and settings
        [str(Path(settings.BASE_DIR) / ".venv" / "bin" / "gunicorn"), "-c", "config/gunicorn.conf.py"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2):  # noqa: S310 - loopback
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError("gunicorn did not answer within 60 s")


def fill(url: str) -> None:
    """One request, waited for however long it takes, so the page cache holds ``url``."""
    with urllib.request.urlopen(url, timeout=120):  # noqa: S310 - loopback only, checked by the caller
        pass


def wrk(url: str, connections: int, seconds: int) -> Run:
    """One bounded wrk run against ``url`` (loopback only)."""
    assert url.startswith("http://127.0.0.1:"), url  # noqa: S101 - never another host
    threads = min(connections, 2)
    result = subprocess.run(  # noqa: S603
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(LUA), url],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return Run(
        requests_per_second=figures["requests"] / (figures["duration_us"] / 1e6),
        p50_ms=figures["p50"] / 1000,
        p95_ms=figures["p95"] / 1000,
        p99_ms=figures["p99"] / 1000,
        errors=figures["errors"] + figures["non2xx"],
    )
