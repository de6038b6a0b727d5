"""Print how fast the public pages are: latency p50/p95, SQL queries and bytes per page.

A benchmark, not a test: run it against a loaded database (``make demo`` first) and
copy the figures into README with the date and machine.
"""

import gzip
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client

from wagtail.models import Page

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


class Command(BaseCommand):
    help = "Measure latency, queries and page weight of the main public pages."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=50, help="Requests per page (default 50).")
        parser.add_argument("--host", default="127.0.0.1", help="Host header to send (default 127.0.0.1).")

    def pages(self) -> dict[str, str]:
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

    def handle(self, *args, runs: int, host: str, **options):
        if not Page.objects.live().filter(depth__gt=1).exists():
            self.stderr.write("No pages: run `python manage.py load_demo` first.")
            return
        client = Client(HTTP_HOST=host)
        self.stdout.write(f"{'page':<24}{'p50 ms':>8}{'p95 ms':>8}{'queries':>9}{'bytes':>9}{'gzip':>8}")
        for name, url in self.pages().items():
            client.get(url)  # warm caches the way a running server has them
            counter = QueryCounter()
            with connection.execute_wrapper(counter):
                response = client.get(url)
            if response.status_code != 200:
                self.stderr.write(f"{name}: {url} answered {response.status_code}")
                continue
            body = response.content
            timings = []
            for _ in range(runs):
                start = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            self.stdout.write(
                f"{name:<24}{statistics.median(timings):>8.1f}{percentile(timings, 0.95):>8.1f}"
                f"{counter.count:>9}{len(body):>9}{len(gzip.compress(body)):>8}"
            )
