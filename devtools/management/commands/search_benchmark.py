"""Measure search on a synthetic bilingual corpus: index time and size, latency, recall.

    manage.py search_benchmark --stories 1000
    manage.py search_benchmark --stories 10000 --database /tmp/bench.sqlite3 --keep
    ELASTICSEARCH_URL=http://127.0.0.1:9200 manage.py search_benchmark --backend elasticsearch

The corpus goes into a separate SQLite file (never the site's database): the command runs
itself again in a child process whose DATABASE_URL points at that file, migrates it and
measures there. Both plain Wagtail search and the analysed path are measured on the same
stories with the same 200 queries; with ``--backend elasticsearch`` the analysed path is
measured on the Elasticsearch server at ELASTICSEARCH_URL too (indexes prefixed
``shiliu_benchmark_``, deleted afterwards), beside the database backend.
"""

import os
import subprocess  # noqa: S404 - runs this same command in a child process
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from wagtail.search.backends import get_search_backend

from devtools.benchmarks import search as benchmark

CHILD_MARKER = "SHILIU_SEARCH_BENCHMARK_DATABASE"


class Command(BaseCommand):
    help = "Benchmark plain and analysed search on N synthetic stories in a separate SQLite file."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=1000, help="How many stories (default 1000).")
        parser.add_argument("--queries", type=int, default=200, help="How many queries (default 200).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed, for repeatable corpora.")
        parser.add_argument("--database", help="SQLite file to create (default: a temporary file).")
        parser.add_argument("--keep", action="store_true", help="Keep the database file afterwards.")
        parser.add_argument(
            "--backend",
            choices=["database", "elasticsearch"],
            default="database",
            help="Also measure the analysed path on Elasticsearch (at ELASTICSEARCH_URL) beside the database.",
        )

    def handle(self, *args, **options):
        if options["stories"] < 1 or options["queries"] < 1:
            raise CommandError("--stories and --queries must be positive.")
        if options["backend"] == "elasticsearch" and not os.environ.get("ELASTICSEARCH_URL"):
            raise CommandError("--backend elasticsearch needs ELASTICSEARCH_URL (scripts/elasticsearch.py start).")
        database = os.environ.get(CHILD_MARKER)
        if database and Path(settings.DATABASES["default"]["NAME"]).resolve() == Path(database).resolve():
            self.measure(options)
        else:
            self.run_child(options)

    def run_child(self, options) -> None:
        path = Path(options["database"] or tempfile.mkstemp(prefix="shiliu-search-benchmark-", suffix=".sqlite3")[1])
        if path.resolve() == Path(settings.BASE_DIR / "db.sqlite3").resolve():
            raise CommandError("Choose another file: the benchmark never writes to the site's database.")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{path.resolve()}",
            CHILD_MARKER: str(path.resolve()),
            "ELASTICSEARCH_URL": os.environ.get("ELASTICSEARCH_URL", "") if options["backend"] != "database" else "",
            "ELASTICSEARCH_INDEX_PREFIX": "shiliu_benchmark_",
            # Bulk indexing of long stories on a busy machine takes longer than a page's search may.
            "ELASTICSEARCH_TIMEOUT": os.environ.get("ELASTICSEARCH_TIMEOUT", "60"),
        }
        command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "search_benchmark"]
        for name in ("stories", "queries", "seed", "backend"):
            command += [f"--{name}", str(options[name])]
        self.stdout.write(f"Benchmark database: {path}")
        try:
            result = subprocess.run(command, env=env, check=False)  # noqa: S603 - our own manage.py
        finally:
            if not options["keep"]:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
        if result.returncode:
            raise CommandError(f"The benchmark failed (exit status {result.returncode}).")

    def check_elasticsearch(self) -> None:
        """Refuse to measure when Elasticsearch does not answer: the fallback would be measured instead."""
        name = benchmark.elasticsearch_backend_name()
        if name is None:
            raise CommandError("No Elasticsearch backend in settings: is ELASTICSEARCH_URL set?")
        backend = get_search_backend(name)
        try:
            # Not info() (GET /): the integ-test distribution does not serve it.
            nodes = backend.es.nodes.info(metric="settings")["nodes"]
        except Exception as error:  # noqa: BLE001 - any failure to reach it is reported as such
            raise CommandError(f"Elasticsearch does not answer at {backend.hosts}: {error}") from error
        versions = sorted({node["version"] for node in nodes.values()})
        self.stdout.write(f"Elasticsearch {', '.join(versions)}")

    def measure(self, options) -> None:
        self.stdout.write("Migrating the benchmark database")
        call_command("migrate", verbosity=0, interactive=False)
        elasticsearch = options["backend"] == "elasticsearch"
        if elasticsearch:
            self.check_elasticsearch()
        try:
            corpus, measurements = benchmark.run(
                options["stories"],
                seed=options["seed"],
                query_count=options["queries"],
                log=self.stdout.write,
                elasticsearch=elasticsearch,
            )
        finally:
            if elasticsearch:
                backend = get_search_backend(benchmark.elasticsearch_backend_name())
                backend.es.indices.delete(index=f"{backend.index_prefix}*", ignore_unavailable=True)
        environment = benchmark.environment()
        chinese = sum(story.locale == "zh-hans" for story in corpus.stories)
        traditional = sum(story.traditional for story in corpus.stories)
        characters = sum(len(story.text) for story in corpus.stories) // len(corpus.stories)
        self.stdout.write("")
        self.stdout.write(
            f"{len(corpus.stories)} stories ({chinese} Chinese, {traditional} of them in Traditional; "
            f"{len(corpus.stories) - chinese} Mongolian), {characters} characters on average; "
            f"{len(corpus.queries)} queries. {environment['cores']} cores, Python {environment['python']}, "
            f"SQLite {environment['sqlite']}."
        )
        self.stdout.write("")
        self.stdout.write("| | index time | index size | p50 | p95 | recall | precision |")
        self.stdout.write("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for m in measurements:
            size = f"{m.index_bytes / 1_048_576:.1f} MB" if m.index_bytes else "–"  # SQLite's only
            self.stdout.write(
                f"| {m.label} | {m.index_seconds:.1f} s | {size} | "
                f"{m.p50:.1f} ms | {m.p95:.1f} ms | {m.recall:.1%} | {m.precision:.1%} |"
            )
