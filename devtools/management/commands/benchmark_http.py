"""Load-test the production server on loopback and print a Markdown table for README.

    manage.py benchmark_http --seconds 4 --port 8199

Run it against a database with the demo scaled up (``make bench`` prepares one). The
measuring is in devtools.benchmarks.http.
"""

import datetime
import os
import platform

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devtools.benchmarks import http


class Command(BaseCommand):
    help = "Measure req/s and latency of every page type under gunicorn with wrk, page cache cold and warm."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=4, help="Length of each wrk run (default 4).")
        parser.add_argument("--port", type=int, default=8199, help="Loopback port for gunicorn (default 8199).")
        parser.add_argument(
            "--concurrency", type=int, nargs="+", default=[1, 16], help="Connections per run (default 1 16)."
        )

    def handle(self, *args, seconds: int, port: int, concurrency: list[int], **options):
        if not (settings.STATIC_ROOT / "staticfiles.json").exists():
            raise CommandError("Run collectstatic with production settings first (make bench does).")
        targets = http.targets()
        figures = {name: http.page_figures(path) for name, path in targets.items()}
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or "benchmark-only-" + "x" * 50,
        }
        base = f"http://127.0.0.1:{port}"
        results: dict[tuple[str, str, int], http.Run] = {}
        for state, cache_on in (("cold", False), ("warm", True)):
            server = http.start_server(port, env, cache_on)
            try:
                for name, path in {"static file": http.static_path(), **targets}.items():
                    for connections in concurrency:
                        if state == "warm":
                            http.fill(base + path)
                        results[(name, state, connections)] = http.wrk(base + path, connections, seconds)
                        self.stderr.write(f"{state} c={connections} {name}: {results[(name, state, connections)]}")
            finally:
                server.terminate()
                server.wait(timeout=60)
        self.print_table(targets, figures, results, concurrency, seconds)

    @staticmethod
    def cell(run) -> tuple[str, str]:
        """(req/s, p50/p95/p99) of a run; a dash where no request finished within the run."""
        if not run.requests_per_second:
            return "0", "—"
        return f"{run.requests_per_second:.0f}", f"{run.p50_ms:.1f}/{run.p95_ms:.1f}/{run.p99_ms:.1f}"

    def print_table(self, targets, figures, results, concurrency, seconds) -> None:
        self.stdout.write(
            f"{datetime.date.today().isoformat()}, {platform.machine()} {os.cpu_count()} cores, "
            f"{platform.python_implementation()} {platform.python_version()}, gunicorn 2 workers, "
            f"wrk {seconds} s per run; % = throughput as a share of the same server's static file."
        )
        self.stdout.write("")
        self.stdout.write(
            "| page | c | cold req/s | cold p50/p95/p99 ms | warm req/s | warm p50/p95/p99 ms | cold % | warm % "
            "| queries | HTML bytes | errors |"
        )
        self.stdout.write("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name in ["static file", *targets]:
            for connections in concurrency:
                cold, warm = results[(name, "cold", connections)], results[(name, "warm", connections)]
                static_cold = results[("static file", "cold", connections)].requests_per_second
                static_warm = results[("static file", "warm", connections)].requests_per_second
                queries, size = figures.get(name, ("", ""))
                (cold_rate, cold_latency), (warm_rate, warm_latency) = self.cell(cold), self.cell(warm)
                self.stdout.write(
                    f"| {name} | {connections} | {cold_rate} | {cold_latency} | {warm_rate} | {warm_latency} | "
                    f"{cold.requests_per_second / static_cold:.1%} | {warm.requests_per_second / static_warm:.1%} | "
                    f"{queries} | {size} | {cold.errors + warm.errors} |"
                )
