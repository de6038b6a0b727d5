"""Measure search on a synthetic bilingual corpus: index time and size, latency, recall.

    manage.py search_benchmark --stories 1000
    manage.py search_benchmark --stories 10000 --database /tmp/bench.sqlite3 --keep
    manage.py search_benchmark --stories 10000 --cache var --no-plain --json /tmp/search.json
    ELASTICSEARCH_URL=http://127.0.0.1:9200 manage.py search_benchmark --backend elasticsearch

The corpus goes into a separate SQLite file (never the site's database): the command runs
itself again in a child process whose DATABASE_URL points at that file, migrates it and
measures there. Both plain Wagtail search and the analysed path are measured on the same
stories with the same 200 queries (``--no-plain`` leaves plain search out); with ``--backend
elasticsearch`` the analysed path is measured on the Elasticsearch server at ELASTICSEARCH_URL
(or ``--elasticsearch-url``) too (indexes prefixed ``shiliu_benchmark_``, deleted
afterwards), beside the database backend.

With ``--cache DIR`` the corpus (its pages and its analysed database index) is kept in
``DIR/search-corpus-<stories>-<seed>-<key>.sqlite3``, the key being a digest of the code that
builds it (devtools.benchmarks.cache), and later runs with the same size, seed and code reuse
it instead of building it again. ``--json PATH`` writes the figures for other commands
(``benchmark_http`` prints them beside the pages' figures).
"""

import argparse
import json
import os
import subprocess  # noqa: S404 - runs this same command in a child process
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from wagtail.search.backends import get_search_backend

from devtools.benchmarks import cache
from devtools.benchmarks import search as benchmark

CHILD_MARKER = "SHILIU_SEARCH_BENCHMARK_DATABASE"
SQLITE_SUFFIXES = ("", "-wal", "-shm")


def remove_database(path: Path) -> None:
    """Remove an SQLite file and its write-ahead log, if any."""
    for suffix in SQLITE_SUFFIXES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def move_database(source: Path, target: Path) -> None:
    """Rename an SQLite file with its write-ahead log, replacing ``target``."""
    remove_database(target)
    for suffix in SQLITE_SUFFIXES:
        if Path(f"{source}{suffix}").exists():
            Path(f"{source}{suffix}").rename(f"{target}{suffix}")


def cached_corpus(directory: Path, stories: int, seed: int) -> Path:
    """Where the corpus of ``stories`` stories and ``seed``, built by the current code, is cached."""
    return directory / f"search-corpus-{stories}-{seed}-{cache.search_corpus_key()}.sqlite3"


class Command(BaseCommand):
    help = "Benchmark plain and analysed search on N synthetic stories in a separate SQLite file."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=1000, help="How many stories (default 1000).")
        parser.add_argument("--queries", type=int, default=200, help="How many queries (default 200).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed, for repeatable corpora.")
        parser.add_argument("--database", help="SQLite file to create (default: a temporary file).")
        parser.add_argument("--keep", action="store_true", help="Keep the database file afterwards.")
        parser.add_argument(
            "--cache",
            metavar="DIR",
            help="Keep the corpus in DIR, keyed by size, seed and the code that builds it, and reuse it.",
        )
        parser.add_argument("--no-plain", action="store_true", help="Leave plain Wagtail search out.")
        parser.add_argument("--json", metavar="PATH", help="Also write the figures to PATH as JSON.")
        parser.add_argument(
            "--backend",
            choices=["database", "elasticsearch"],
            default="database",
            help="Also measure the analysed path on Elasticsearch (at ELASTICSEARCH_URL) beside the database.",
        )
        parser.add_argument(
            "--elasticsearch-url",
            default=os.environ.get("ELASTICSEARCH_URL", ""),
            help="The Elasticsearch server for --backend elasticsearch (default: ELASTICSEARCH_URL).",
        )
        # Set by the parent for its child: the database already holds this corpus.
        parser.add_argument("--reuse", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        if options["stories"] < 1 or options["queries"] < 1:
            raise CommandError("--stories and --queries must be positive.")
        if options["backend"] == "elasticsearch" and not options["elasticsearch_url"]:
            raise CommandError("--backend elasticsearch needs ELASTICSEARCH_URL (scripts/elasticsearch.py start).")
        if options["cache"] and options["database"]:
            raise CommandError("Choose --cache or --database, not both.")
        database = os.environ.get(CHILD_MARKER)
        if database and Path(settings.DATABASES["default"]["NAME"]).resolve() == Path(database).resolve():
            self.measure(options)
        else:
            self.run_child(options)

    def run_child(self, options) -> None:
        reuse = False
        if options["cache"]:
            directory = Path(options["cache"])
            directory.mkdir(parents=True, exist_ok=True)
            cached = cached_corpus(directory, options["stories"], options["seed"])
            reuse = cached.exists()
            if not reuse:  # corpora built by other code, or of other sizes, are not used again
                for old in directory.glob("search-corpus-*.sqlite3"):
                    remove_database(old)
            if reuse and options["no_plain"]:
                path = cached  # read only: the cached pages and analysed index stay as they are
            else:
                # Built, or its index replaced by plain search's, under another name: only a
                # finished run leaves a file under the cached name.
                path = directory / f"{cached.stem}.partial.sqlite3"
                remove_database(path)
                if reuse:
                    move_database(cached, path)
        else:
            cached = None
            temporary = tempfile.mkstemp(prefix="shiliu-search-benchmark-", suffix=".sqlite3")[1]
            path = Path(options["database"] or temporary)
            if path.resolve() == Path(settings.BASE_DIR / "db.sqlite3").resolve():
                raise CommandError("Choose another file: the benchmark never writes to the site's database.")
            remove_database(path)
        elasticsearch = options["backend"] != "database"
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{path.resolve()}",
            CHILD_MARKER: str(path.resolve()),
            "ELASTICSEARCH_URL": options["elasticsearch_url"] if elasticsearch else "",
            "ELASTICSEARCH_INDEX_PREFIX": "shiliu_benchmark_",
            # Bulk indexing of long stories on a busy machine takes longer than a page's search may.
            "ELASTICSEARCH_TIMEOUT": os.environ.get("ELASTICSEARCH_TIMEOUT", "60"),
            "PYTHONUNBUFFERED": "1",  # its progress shows as it happens
        }
        command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "search_benchmark"]
        for name in ("stories", "queries", "seed", "backend"):
            command += [f"--{name}", str(options[name])]
        command += ["--elasticsearch-url", options["elasticsearch_url"]] if elasticsearch else []
        command += ["--json", str(Path(options["json"]).resolve())] if options["json"] else []
        command += ["--no-plain"] if options["no_plain"] else []
        command += ["--reuse"] if reuse else []
        self.stdout.write(f"Benchmark database: {cached or path}{' (cached corpus)' if reuse else ''}")
        returncode = None
        try:
            # The child's lines go through this command's stdout, so a caller can redirect them.
            with subprocess.Popen(  # noqa: S603 - our own manage.py
                command, env=env, stdout=subprocess.PIPE, text=True, bufsize=1
            ) as child:
                for line in child.stdout:
                    self.stdout.write(line.rstrip("\n"))
            returncode = child.returncode
        finally:
            if cached is not None:
                if path == cached:
                    pass
                elif returncode == 0:
                    move_database(path, cached)
                else:
                    remove_database(path)
            elif not options["keep"]:
                remove_database(path)
        if returncode:
            raise CommandError(f"The benchmark failed (exit status {returncode}).")

    def check_elasticsearch(self) -> str:
        """Refuse to measure when Elasticsearch does not answer: the fallback would be measured instead.

        Returns the server's version(s).
        """
        name = benchmark.elasticsearch_backend_name()
        if name is None:
            raise CommandError("No Elasticsearch backend in settings: is ELASTICSEARCH_URL set?")
        backend = get_search_backend(name)
        try:
            # Not info() (GET /): the integ-test distribution does not serve it.
            nodes = backend.es.nodes.info(metric="settings")["nodes"]
        except Exception as error:  # noqa: BLE001 - any failure to reach it is reported as such
            raise CommandError(f"Elasticsearch does not answer at {backend.hosts}: {error}") from error
        versions = ", ".join(sorted({node["version"] for node in nodes.values()}))
        self.stdout.write(f"Elasticsearch {versions}")
        return versions

    def measure(self, options) -> None:
        self.stdout.write("Migrating the benchmark database")
        call_command("migrate", verbosity=0, interactive=False)
        elasticsearch = options["backend"] == "elasticsearch"
        versions = self.check_elasticsearch() if elasticsearch else None
        try:
            corpus, measurements = benchmark.run(
                options["stories"],
                seed=options["seed"],
                query_count=options["queries"],
                log=self.stdout.write,
                elasticsearch=elasticsearch,
                plain=not options["no_plain"],
                reuse=options["reuse"],
            )
        finally:
            if elasticsearch:
                backend = get_search_backend(benchmark.elasticsearch_backend_name())
                backend.es.indices.delete(index=f"{backend.index_prefix}*", ignore_unavailable=True)
        figures = benchmark.report(corpus, measurements)
        figures["elasticsearch"] = versions
        if options["json"]:
            Path(options["json"]).write_text(json.dumps(figures, ensure_ascii=False, indent=1))
        for line in table(figures):
            self.stdout.write(line)


def table(figures: dict) -> list[str]:
    """The lines of the Markdown table (and the sentence above it) for search_benchmark's figures."""
    environment = figures["environment"]
    lines = [
        "",
        f"{figures['stories']} stories ({figures['chinese']} Chinese, {figures['traditional']} of them in "
        f"Traditional; {figures['stories'] - figures['chinese']} Mongolian), {figures['characters']} characters "
        f"on average; {figures['queries']} queries. {environment['cores']} cores, Python {environment['python']}, "
        f"SQLite {environment['sqlite']}"
        + (f", Elasticsearch {figures['elasticsearch']}." if figures.get("elasticsearch") else "."),
        "",
        "| | index time | index size | p50 | p95 | recall | precision |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for m in figures["measurements"]:
        size = f"{m['index_bytes'] / 1_048_576:.1f} MB" if m["index_bytes"] else "–"  # SQLite's only
        index_time = "cached" if m["index_seconds"] is None else f"{m['index_seconds']:.1f} s"
        lines.append(
            f"| {m['label']} | {index_time} | {size} | {m['p50_ms']:.1f} ms | {m['p95_ms']:.1f} ms | "
            f"{m['recall']:.1%} | {m['precision']:.1%} |"
        )
    return lines
