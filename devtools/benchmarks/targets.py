"""Issue 14's targets for `make bench`, judged on the figures of one run.

The targets, on a 2-core machine, as ratios measured in the same run:

- every warm anonymous page (page cache on and filled) serves at least half the requests per
  second of the same server's static file, at each concurrency measured;
- a cold story page (page cache off) answers with a p95 under 30 ms at concurrency 1, in at
  most 12 SQL queries;
- no errors during 60 seconds at concurrency 32 (wrk's connect, read, write and timeout
  errors, and answers with a status of 400 or more);
- search p95 under 50 ms at 10,000 stories on SQLite (the analysed database backend, from
  the search benchmark).

Each function returns a :class:`Verdict` whose ``measured`` text holds the figures it was
judged on; ``table`` renders them as Markdown. A run shorter or smaller than the target's
(a quick `make bench STORIES=1000 ERROR_SECONDS=5`) is judged by the same threshold, and its
figure says that the conditions were not the target's.
"""

from dataclasses import dataclass

from devtools.benchmarks.http import Run

MET = "met"
NOT_MET = "not met"
NOT_MEASURED = "not measured"

WARM_SHARE = 0.5
COLD_STORY_P95_MS = 30.0
COLD_STORY_QUERIES = 12
ERROR_CONCURRENCY = 32
ERROR_SECONDS = 60
SEARCH_P95_MS = 50.0
SEARCH_STORIES = 10_000
#: Appended to a figure measured under other conditions than the target's (a shorter or smaller run).
OTHER_CONDITIONS = " [not the target's conditions]"


@dataclass(frozen=True)
class Verdict:
    """One target: what it asks, what was measured, and ``status`` (MET, NOT_MET or NOT_MEASURED)."""

    target: str
    measured: str
    status: str


def _status(ok: bool) -> str:
    return MET if ok else NOT_MET


def warm_pages(
    results: dict[tuple[str, str, int], Run], pages: list[str], concurrency: list[int], static: str = "static file"
) -> Verdict:
    """Every page in ``pages``, warm, at each concurrency: its req/s over the static file's, at least 50%.

    ``results`` maps (page name, "cold" or "warm", connections) to a wrk run.
    """
    levels = "/".join(map(str, concurrency))
    target = f"warm pages ≥ {WARM_SHARE:.0%} of the static file's req/s (each page, c={levels})"
    shares = []
    for name in pages:
        for connections in concurrency:
            ceiling = results.get((static, "warm", connections))
            run = results.get((name, "warm", connections))
            if ceiling and run and ceiling.requests_per_second:
                shares.append((run.requests_per_second / ceiling.requests_per_second, name, connections))
    if not shares:
        return Verdict(target, "no warm runs", NOT_MEASURED)
    share, name, connections = min(shares)
    below = len({page for value, page, _c in shares if value < WARM_SHARE})
    measured = f"lowest {share:.1%} ({name}, c={connections}); {below} of {len(pages)} pages below"
    return Verdict(target, measured, _status(below == 0))


def cold_story(results: dict[tuple[str, str, int], Run], queries: int | None, name: str = "story") -> Verdict:
    """The story page, cold, at concurrency 1: p95 under 30 ms, and at most 12 queries."""
    target = f"cold story page p95 < {COLD_STORY_P95_MS:.0f} ms at c=1, ≤ {COLD_STORY_QUERIES} queries"
    run = results.get((name, "cold", 1))
    if run is None or queries is None:
        return Verdict(target, "no story page, or no run at c=1", NOT_MEASURED)
    if not run.requests:
        return Verdict(target, f"no request finished in the run; {queries} queries", NOT_MET)
    measured = f"p95 {run.p95_ms:.1f} ms, {queries} queries"
    return Verdict(target, measured, _status(run.p95_ms < COLD_STORY_P95_MS and queries <= COLD_STORY_QUERIES))


def no_errors(run: Run | None, seconds: int, connections: int) -> Verdict:
    """The long run at high concurrency: zero errors of any kind, and at least one request answered."""
    target = f"no errors in {ERROR_SECONDS} s at c={ERROR_CONCURRENCY}"
    if run is None:
        return Verdict(target, "not run", NOT_MEASURED)
    measured = f"{run.errors} errors of {run.requests} requests in {seconds} s at c={connections}"
    if run.errors:
        measured += f" ({run.describe_errors()})"
    if (seconds, connections) != (ERROR_SECONDS, ERROR_CONCURRENCY):
        measured += OTHER_CONDITIONS
    return Verdict(target, measured, _status(run.errors == 0 and run.requests > 0))


def search(p95_ms: float | None, stories: int | None, database: str = "sqlite") -> Verdict:
    """The analysed database backend's p95 over the search benchmark's queries: under 50 ms."""
    target = f"search p95 < {SEARCH_P95_MS:.0f} ms at {SEARCH_STORIES:,} stories on SQLite"
    if p95_ms is None or stories is None:
        return Verdict(target, "not run", NOT_MEASURED)
    measured = f"p95 {p95_ms:.1f} ms at {stories:,} stories on {database}"
    if (stories, database) != (SEARCH_STORIES, "sqlite"):
        measured += OTHER_CONDITIONS
    return Verdict(target, measured, _status(p95_ms < SEARCH_P95_MS))


def table(verdicts: list[Verdict]) -> list[str]:
    """The Markdown lines of the targets table."""
    lines = ["| target | measured | result |", "| --- | --- | --- |"]
    lines += [f"| {verdict.target} | {verdict.measured} | {verdict.status} |" for verdict in verdicts]
    return lines
