"""Load-test the production server (gunicorn, production settings) on loopback with wrk.

``manage.py benchmark_http`` drives it (``make bench``). For every page a resident opens,
and one page of every other page type found through Wagtail's page registry, it measures with
wrk at each concurrency, first with the page cache off (every request rendered: "cold"), then
on and filled ("warm"): requests per second, p50/p95/p99 latency, and the throughput as a
ratio of the same server's static file (WhiteNoise). SQL queries and HTML bytes per page are
counted in this process with Django's test client, page cache off (see ``page_figures``).
``wrk`` with ``paths`` asks for several pages in turn (the run at concurrency 32 that counts
errors), and every run reports wrk's errors by kind.

Every request goes to 127.0.0.1 only; each wrk run is bounded in time.
"""

import contextlib
import json
import os
import shutil
import subprocess  # noqa: S404 - runs gunicorn and wrk, our own commands
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.utils import translation

from wagtail.models import Page, get_page_models

from devtools.benchmarks.pages import cold_request
from stories.models import StoryIndexPage, StoryPage

LUA = Path(__file__).with_name("wrk_report.lua")
#: gunicorn's worker processes (config/gunicorn.conf.py reads WEB_CONCURRENCY, default 2).
WORKERS = int(os.environ.get("WEB_CONCURRENCY", "2"))


ERROR_KINDS = ("connect", "read", "write", "timeout", "status")
ERROR_NAMES = {"status": "non-2xx/3xx"}


@dataclass
class Run:
    """One wrk run: throughput, latency (ms) and wrk's errors by kind.

    ``error_counts`` has wrk's socket errors (connect, read, write, timeout) and ``status``,
    the answers with an HTTP status of 400 or more, which wrk counts as non-2xx/3xx.
    """

    requests: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    error_counts: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(self.error_counts.values())

    def describe_errors(self) -> str:
        """The errors by kind, as in "connect 0, read 0, write 0, timeout 0, non-2xx/3xx 0"."""
        return ", ".join(f"{ERROR_NAMES.get(kind, kind)} {self.error_counts.get(kind, 0)}" for kind in ERROR_KINDS)


SEARCH = "search 团结"


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
    urls[SEARCH] = "/zh-hans/search/?q=%E5%9B%A2%E7%BB%93"
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
    """(SQL queries, HTML bytes) of one cold request in this process, as the "cold" server
    runs render it (:func:`devtools.benchmarks.pages.cold_request`)."""
    response, queries = cold_request(Client(HTTP_HOST="127.0.0.1"), path)
    return queries, len(response.content)


@contextlib.contextmanager
def serving(port: int, env: dict[str, str], page_cache_on: bool) -> Iterator[subprocess.Popen]:
    """gunicorn with production settings on 127.0.0.1:port, once it answers; stopped on leaving.

    The page cache (when on) lives in a temporary folder, removed with the server.
    """
    cache_dir = tempfile.mkdtemp(prefix="shiliu-bench-pages-")
    env = {
        **env,
        "BIND": f"127.0.0.1:{port}",
        "PAGE_CACHE_ENABLED": "true" if page_cache_on else "false",
        "PAGE_CACHE_DIR": cache_dir,
        "GUNICORN_MAX_REQUESTS": "0",  # no worker replaced (and its dictionary reloaded) mid-run
    }
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn and settings
        [str(Path(settings.BASE_DIR) / ".venv" / "bin" / "gunicorn"), "-c", "config/gunicorn.conf.py"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2):  # noqa: S310 - loopback
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"gunicorn did not answer on port {port} within 60 s") from None
                time.sleep(0.5)
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(cache_dir, ignore_errors=True)


def fill(url: str, times: int = 1) -> None:
    """``times`` requests at once, each waited for however long it takes (so the page cache holds ``url``).

    Requests made at the same time reach different gunicorn workers while each is busy.
    """

    def get(_number: int) -> None:
        with urllib.request.urlopen(url, timeout=120):  # noqa: S310 - loopback only, checked by the caller
            pass

    with ThreadPoolExecutor(max_workers=times) as pool:
        list(pool.map(get, range(times)))


def wrk(url: str, connections: int, seconds: int, paths: list[str] | None = None) -> Run:
    """One bounded wrk run against ``url`` (loopback only).

    With ``paths``, each connection asks for those paths of ``url``'s server in turn.
    """
    assert url.startswith("http://127.0.0.1:"), url  # noqa: S101 - never another host
    threads = min(connections, 2)
    env = {**os.environ, "SHILIU_WRK_PATHS": " ".join(paths or [])}
    result = subprocess.run(  # noqa: S603
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(LUA), url],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
        timeout=seconds + 30,
        env=env,
    )
    if result.returncode:  # wrk gives up when it cannot connect at all
        raise RuntimeError(f"wrk failed against {url}: {(result.stderr or result.stdout).strip()}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return Run(
        requests=figures["requests"],
        requests_per_second=figures["requests"] / (figures["duration_us"] / 1e6),
        p50_ms=figures["p50"] / 1000,
        p95_ms=figures["p95"] / 1000,
        p99_ms=figures["p99"] / 1000,
        error_counts={kind: figures[kind] for kind in ERROR_KINDS},
    )
