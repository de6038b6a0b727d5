"""Print how fast the public pages are: latency p50/p95, SQL queries and bytes per page.

A benchmark, not a test: run it against a loaded database (``make demo`` first) and
copy the figures into README with the date and machine. The measuring is in
devtools.benchmarks.pages.
"""

from django.core.management.base import BaseCommand
from django.test import Client

from wagtail.models import Page

from devtools.benchmarks import pages as benchmark


class Command(BaseCommand):
    help = "Measure latency, queries and page weight of the main public pages."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=50, help="Requests per page (default 50).")
        parser.add_argument("--host", default="127.0.0.1", help="Host header to send (default 127.0.0.1).")

    def handle(self, *args, runs: int, host: str, **options):
        if not Page.objects.live().filter(depth__gt=1).exists():
            self.stderr.write("No pages: run `python manage.py load_demo` first.")
            return
        client = Client(HTTP_HOST=host)
        self.stdout.write(f"{'page':<24}{'p50 ms':>8}{'p95 ms':>8}{'queries':>9}{'bytes':>9}{'gzip':>8}")
        for name, url in benchmark.pages().items():
            figures = benchmark.measure(client, name, url, runs)
            if figures.status != 200:
                self.stderr.write(f"{name}: {url} answered {figures.status}")
                continue
            self.stdout.write(
                f"{name:<24}{figures.p50_ms:>8.1f}{figures.p95_ms:>8.1f}"
                f"{figures.queries:>9}{figures.bytes:>9}{figures.gzip_bytes:>8}"
            )
