"""Load-test the production server on loopback, measure search, and judge issue 14's targets.

    manage.py benchmark_http --seconds 4 --port 8199
    manage.py benchmark_http --seconds 2 --error-seconds 5 --search-stories 1000 --no-elasticsearch

Run it against a database with the demo scaled up (``make bench`` prepares one). In order:

1. every page (devtools.benchmarks.http), with wrk for ``--seconds`` at each ``--concurrency``,
   page cache off ("cold"), then on and filled ("warm");
2. while the warm server runs, one ``--error-seconds`` run at ``--error-concurrency`` over all
   those pages in turn, counting wrk's errors;
3. search_benchmark's corpus of ``--search-stories`` stories and its queries on the analysed
   database backend and, beside it, on a real Elasticsearch node started for the run with
   scripts/elasticsearch.py and stopped afterwards, whatever happens (``--no-elasticsearch``,
   or no mvn or JDK: the Elasticsearch row is left out and a line says why); the corpus is
   cached under ``--search-cache``;
4. the tables: pages, errors, search, and the targets (devtools.benchmarks.targets) with
   "met" or "not met" beside the figure measured in this run.

Progress goes to stderr, the report to stdout.
"""

import datetime
import hashlib
import json
import os
import platform
import shutil
import signal
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from devtools.benchmarks import http
from devtools.benchmarks import targets as goals
from devtools.management.commands.search_benchmark import table as search_table
from scripts import elasticsearch as elasticsearch_server


def default_elasticsearch_state() -> Path:
    """A state folder of this checkout's own, apart from the test suite's."""
    checkout = hashlib.sha256(str(settings.BASE_DIR).encode()).hexdigest()[:8]
    return Path(tempfile.gettempdir()) / f"shiliu-bench-elasticsearch-{checkout}"


def start_elasticsearch(state: Path) -> tuple[str | None, str | None]:
    """Start a node with scripts/elasticsearch.py: (its URL, None), or (None, why it did not start).

    The reason is the first line of the script's error, such as "mvn is not installed (apt-get
    install maven)" or "no JDK: install one ...".
    """
    try:
        return elasticsearch_server.start(state), None
    except (elasticsearch_server.ServerError, OSError) as error:
        elasticsearch_server.stop(state)
        lines = str(error).strip().splitlines()
        return None, lines[0] if lines else type(error).__name__


def share(run: http.Run, ceiling: float) -> str:
    """A run's req/s as a percentage of ``ceiling`` (the static file's), or a dash without a ceiling."""
    return f"{run.requests_per_second / ceiling:.1%}" if ceiling else "—"


def _terminate(signum, frame):
    raise SystemExit(128 + signum)  # so that `finally` stops gunicorn and Elasticsearch


class Command(BaseCommand):
    help = (
        "Measure every page type under gunicorn with wrk (cache cold and warm), count errors under "
        "load, measure search on the database and Elasticsearch, and print issue 14's targets."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=4, help="Length of each page's wrk run (default 4).")
        parser.add_argument("--port", type=int, default=8199, help="Loopback port for gunicorn (default 8199).")
        parser.add_argument(
            "--concurrency", type=int, nargs="+", default=[1, 16], help="Connections per run (default 1 16)."
        )
        parser.add_argument(
            "--error-seconds",
            type=int,
            default=goals.ERROR_SECONDS,
            help=f"Length of the run that counts errors, 0 to skip it (default {goals.ERROR_SECONDS}).",
        )
        parser.add_argument(
            "--error-concurrency",
            type=int,
            default=goals.ERROR_CONCURRENCY,
            help=f"Connections of the run that counts errors (default {goals.ERROR_CONCURRENCY}).",
        )
        parser.add_argument(
            "--search-stories",
            type=int,
            default=goals.SEARCH_STORIES,
            help=f"Stories in the search benchmark's corpus, 0 to skip search (default {goals.SEARCH_STORIES}).",
        )
        parser.add_argument(
            "--search-cache",
            default=str(settings.BASE_DIR / "var"),
            help="Folder where the search corpus is cached (default var/).",
        )
        parser.add_argument(
            "--no-elasticsearch", action="store_true", help="Measure search on the database backend only."
        )
        parser.add_argument(
            "--elasticsearch-state",
            type=Path,
            default=None,
            help="State folder of the Elasticsearch node (default: one in the temporary folder for this checkout).",
        )

    def handle(self, *args, **options):
        if not shutil.which("wrk"):
            raise CommandError("wrk is not installed (apt-get install wrk).")
        if not (settings.STATIC_ROOT / "staticfiles.json").exists():
            raise CommandError("Run collectstatic with production settings first (make bench does).")
        if min(options["concurrency"]) < 1 or options["seconds"] < 1:
            raise CommandError("--seconds and --concurrency must be positive.")
        previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            self.run(options)
        finally:
            signal.signal(signal.SIGTERM, previous)

    def run(self, options) -> None:
        started = time.monotonic()
        seconds, concurrency, port = options["seconds"], options["concurrency"], options["port"]
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
        error_run = None
        for state, cache_on in (("cold", False), ("warm", True)):
            with http.serving(port, env, cache_on):
                for name, path in {"static file": http.static_path(), **targets}.items():
                    for connections in concurrency:
                        # Before each run, the page once per worker, waited for: the requests a
                        # previous run left queued are answered first, a process's first render of
                        # the page (templates, renditions) is not counted, and the warm phase's
                        # page cache holds the page. Cold means the page cache off.
                        http.fill(base + path, times=http.WORKERS)
                        results[(name, state, connections)] = http.wrk(base + path, connections, seconds)
                        self.stderr.write(f"{state} c={connections} {name}: {results[(name, state, connections)]}")
                if state == "warm" and options["error_seconds"] > 0:
                    self.stderr.write(
                        f"Counting errors: {options['error_seconds']} s at c={options['error_concurrency']}, "
                        f"{len(targets)} pages in turn"
                    )
                    http.fill(base + targets["home"], times=http.WORKERS)  # after the queue of the last run
                    error_run = http.wrk(
                        base + "/", options["error_concurrency"], options["error_seconds"], paths=list(targets.values())
                    )
                    self.stderr.write(f"errors run: {error_run}")
        search_figures, search_failure, elasticsearch_note = None, None, None
        if options["search_stories"] > 0:
            search_figures, search_failure, elasticsearch_note = self.measure_search(options)
        self.print_table(targets, figures, results, concurrency, seconds)
        self.print_errors(error_run, options, len(targets))
        self.print_search(search_figures, search_failure, elasticsearch_note)
        pages = [name for name in targets if name != http.SEARCH]  # search answers are never cached
        verdicts = [
            goals.warm_pages(results, pages, concurrency),
            goals.cold_story(results, figures["story"][0] if "story" in figures else None),
            goals.no_errors(error_run, options["error_seconds"], options["error_concurrency"]),
            self.search_verdict(search_figures),
        ]
        self.stdout.write("")
        self.stdout.write("Issue 14's targets, measured in this run:")
        self.stdout.write("")
        for line in goals.table(verdicts):
            self.stdout.write(line)
        elapsed = time.monotonic() - started
        self.stdout.write("")
        self.stdout.write(f"benchmark_http took {elapsed // 60:.0f} min {elapsed % 60:.0f} s.")
        if search_failure:
            raise CommandError(f"Search was not measured: {search_failure}")

    def measure_search(self, options) -> tuple[dict | None, str | None, str | None]:
        """Run search_benchmark (database, and Elasticsearch if it starts); (figures, failure, note).

        ``note`` says why Elasticsearch was not measured, if it was not.
        """
        state = options["elasticsearch_state"] or default_elasticsearch_state()
        if options["no_elasticsearch"]:
            url, note = None, "--no-elasticsearch"
        else:
            self.stderr.write(f"Starting Elasticsearch {elasticsearch_server.VERSION} (scripts/elasticsearch.py)")
            url, note = start_elasticsearch(state)
        try:
            with tempfile.TemporaryDirectory(prefix="shiliu-bench-search-") as folder:
                output = Path(folder) / "search.json"
                call_command(
                    "search_benchmark",
                    stories=options["search_stories"],
                    cache=options["search_cache"],
                    no_plain=True,
                    json=str(output),
                    backend="elasticsearch" if url else "database",
                    elasticsearch_url=url or "",
                    stdout=self.stderr,
                )
                return json.loads(output.read_text()), None, note
        except CommandError as error:
            return None, str(error), note
        finally:
            if url:
                self.stderr.write("Stopping Elasticsearch")
                elasticsearch_server.stop(state)

    @staticmethod
    def search_verdict(search_figures: dict | None) -> goals.Verdict:
        if not search_figures:
            return goals.search(None, None)
        database = next(m for m in search_figures["measurements"] if m["backend"] != "plain")
        return goals.search(database["p95_ms"], search_figures["stories"], search_figures["environment"]["database"])

    def print_errors(self, run: http.Run | None, options, pages: int) -> None:
        if run is None:
            return
        self.stdout.write("")
        self.stdout.write(
            f"Errors under load: {options['error_seconds']} s at concurrency {options['error_concurrency']}, "
            f"page cache warm, the {pages} pages above in turn: {run.requests} requests "
            f"({run.requests_per_second:.0f}/s, p50/p95/p99 {run.p50_ms:.1f}/{run.p95_ms:.1f}/{run.p99_ms:.1f} ms), "
            f"{run.errors} errors ({run.describe_errors()})."
        )

    def print_search(self, figures: dict | None, failure: str | None, elasticsearch_note: str | None) -> None:
        if figures is None and failure is None:
            return
        self.stdout.write("")
        self.stdout.write("Search: search_benchmark's corpus and queries, analysed text (textkit.analysis).")
        if figures:
            for line in search_table(figures):
                self.stdout.write(line)
        else:
            self.stdout.write(f"Search was not measured: {failure}")
        if elasticsearch_note:
            self.stdout.write("")
            self.stdout.write(f"Elasticsearch was not measured: {elasticsearch_note}.")

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
                    f"{share(cold, static_cold)} | {share(warm, static_warm)} | "
                    f"{queries} | {size} | {cold.errors + warm.errors} |"
                )
