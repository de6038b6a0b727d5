"""How fast the public pages are: latency p50/p95, SQL queries and bytes per page.

A benchmark, not a test: run it (``manage.py benchmark_pages``) against a loaded database
(``make demo`` first) and copy the figures into README with the date and machine.
"""

import gzip
import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.http import HttpResponse
from django.test import Client, override_settings

from stories.models import StoryIndexPage, StoryPage


def percentile(samples: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of the samples fall (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


class QueryCounter:
    """An execute wrapper that counts the SQL statements a request runs."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def cold_request(client: Client, url: str) -> tuple[HttpResponse, int]:
    """``(response, SQL queries)`` of a cold request: what rendering ``url`` costs a running
    process. The page cache (core.page_cache) is off, and an earlier request has made what a
    running process keeps (templates, renditions, the segmenter, core.shared's values).

    Emptying the page cache instead would also start a new generation, so every value of
    core.shared would be read again, as once per process after each publish, not per request.
    """
    with override_settings(PAGE_CACHE_ENABLED=False):
        client.get(url)
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = client.get(url)
    return response, counter.count


def pages() -> dict[str, str]:
    """The pages a resident opens most, by the URL of the first live one of each kind."""
    urls = {"home": "/zh-hans/"}
    index = StoryIndexPage.objects.live().filter(locale__language_code="zh-hans").first()
    story = StoryPage.objects.live().filter(locale__language_code="zh-hans").order_by("-date").first()
    if index:
        urls["story index"] = index.url
        urls["story index, filtered"] = index.url + "?theme=gongju"
        urls["rss feed"] = index.url + "feed/rss/"
    if story:
        urls["story"] = story.url
    mongolian_story = StoryPage.objects.live().filter(locale__language_code="mn-mong").first()
    if mongolian_story:
        urls["story (Mongolian)"] = mongolian_story.url
    return urls


@dataclass
class PageFigures:
    """The figures for one page."""

    name: str
    url: str
    status: int
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    queries: int = 0
    bytes: int = 0
    gzip_bytes: int = 0
    #: CPU time of this process per request: what the page costs whatever else the machine runs.
    cpu_p50_ms: float = 0.0
    cpu_p95_ms: float = 0.0


def measure(client: Client, name: str, url: str, runs: int) -> PageFigures:
    """Request ``url`` once to warm caches, once counting queries, then ``runs`` times timed.

    The page cache (core.page_cache) is off while measuring: these figures are what rendering
    a page costs. What the cache serves is measured over HTTP by ``benchmark_http``.

    Args:
        client: a test client (its Host header chooses the site).
        name: what the page is called in the table.
        url: the path to request.
        runs: how many timed requests.
    Returns:
        The page's figures; only ``status`` is set if the page did not answer 200.
    """
    with override_settings(PAGE_CACHE_ENABLED=False):
        response, queries = cold_request(client, url)
        if response.status_code != 200:
            return PageFigures(name, url, response.status_code)
        body = response.content
        timings, cpu = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    return PageFigures(
        name,
        url,
        response.status_code,
        p50_ms=statistics.median(timings),
        p95_ms=percentile(timings, 0.95),
        queries=queries,
        bytes=len(body),
        gzip_bytes=len(gzip.compress(body)),
        cpu_p50_ms=statistics.median(cpu),
        cpu_p95_ms=percentile(cpu, 0.95),
    )
