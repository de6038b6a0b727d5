"""Print how fast the calendar is with 200 courses and about 5,000 sessions in a month.

The corpus is built inside a transaction and rolled back: the database is left as it was.
The measuring is in devtools.benchmarks.calendar.
"""

import datetime

from django.core.management.base import BaseCommand
from django.test import Client

from devtools.benchmarks import calendar as benchmark
from devtools.benchmarks.pages import measure


class Command(BaseCommand):
    help = "Measure the calendar's month view, agenda and feed with a busy month (rolled back afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("--courses", type=int, default=200, help="Courses to create (default 200).")
        parser.add_argument("--runs", type=int, default=30, help="Timed requests per URL (default 30).")
        parser.add_argument("--month", default="2026-11-01", help="The busy month, as its first day.")
        parser.add_argument("--host", default="127.0.0.1", help="Host header to send (default 127.0.0.1).")

    def handle(self, *args, courses: int, runs: int, month: str, host: str, **options):
        first = datetime.date.fromisoformat(month).replace(day=1)
        client = Client(HTTP_HOST=host)
        figures, count = benchmark.run(measure, client, host, courses, runs, first)
        self.stdout.write(f"{courses} courses, {count} occurrences in {first:%Y-%m}, {runs} runs per URL")
        self.stdout.write(
            f"{'view':<30}{'p50 ms':>9}{'p95 ms':>9}{'CPU p50':>9}{'CPU p95':>9}{'queries':>9}{'bytes':>10}"
        )
        for item in figures:
            if item.status != 200:
                self.stderr.write(f"{item.name}: {item.url} answered {item.status}")
                continue
            self.stdout.write(
                f"{item.name:<30}{item.p50_ms:>9.1f}{item.p95_ms:>9.1f}{item.cpu_p50_ms:>9.1f}{item.cpu_p95_ms:>9.1f}"
                f"{item.queries:>9}{item.bytes:>10}"
            )
