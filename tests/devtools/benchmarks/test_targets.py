"""devtools.benchmarks.targets: each of issue 14's targets judged on a run's figures."""

from devtools.benchmarks import targets
from devtools.benchmarks.http import Run


def run(rate: float, p95: float = 5.0, requests: int = 100, **errors) -> Run:
    return Run(
        requests=requests,
        requests_per_second=rate,
        p50_ms=p95 / 2,
        p95_ms=p95,
        p99_ms=p95 * 2,
        error_counts={"connect": 0, "read": 0, "write": 0, "timeout": 0, "status": 0, **errors},
    )


def results(home_warm: float, story_warm: float, story_cold_p95: float = 20.0) -> dict:
    return {
        ("static file", "warm", 1): run(1000),
        ("static file", "warm", 16): run(2000),
        ("home", "warm", 1): run(home_warm),
        ("home", "warm", 16): run(home_warm * 2),
        ("story", "warm", 1): run(story_warm),
        ("story", "warm", 16): run(story_warm * 2),
        ("story", "cold", 1): run(40, p95=story_cold_p95),
    }


def test_warm_pages_are_met_only_when_every_page_reaches_half_the_static_file():
    met = targets.warm_pages(results(900, 500), ["home", "story"], [1, 16])
    missed = targets.warm_pages(results(900, 499), ["home", "story"], [1, 16])

    assert met.status == targets.MET
    assert met.measured == "lowest 50.0% (story, c=1); 0 of 2 pages below"
    assert missed.status == targets.NOT_MET
    assert missed.measured.startswith("lowest 49.9% (story, c=1); 1 of 2 pages below")


def test_cold_story_needs_both_latency_and_queries():
    assert targets.cold_story(results(900, 900, 29.9), queries=12).status == targets.MET
    assert targets.cold_story(results(900, 900, 30.0), queries=12).status == targets.NOT_MET
    slow = targets.cold_story(results(900, 900, 29.9), queries=13)
    assert slow.status == targets.NOT_MET and slow.measured == "p95 29.9 ms, 13 queries"
    assert targets.cold_story({}, queries=None).status == targets.NOT_MEASURED
    nothing = {("story", "cold", 1): run(0, p95=0, requests=0)}
    assert targets.cold_story(nothing, queries=10).status == targets.NOT_MET


def test_errors_of_any_kind_miss_the_target():
    clean = targets.no_errors(run(300, requests=18000), seconds=60, connections=32)
    timeouts = targets.no_errors(run(300, requests=18000, timeout=3), seconds=60, connections=32)
    short = targets.no_errors(run(300, requests=1500), seconds=5, connections=32)

    assert clean.status == targets.MET and clean.measured == "0 errors of 18000 requests in 60 s at c=32"
    assert timeouts.status == targets.NOT_MET and "timeout 3" in timeouts.measured
    assert short.status == targets.MET and short.measured.endswith(targets.OTHER_CONDITIONS)
    assert targets.no_errors(None, 60, 32).status == targets.NOT_MEASURED


def test_search_is_judged_at_its_size_and_says_when_the_run_was_smaller():
    assert targets.search(49.9, 10_000).status == targets.MET
    assert targets.search(50.0, 10_000).status == targets.NOT_MET
    small = targets.search(12.0, 1_000)
    assert small.status == targets.MET and small.measured == "p95 12.0 ms at 1,000 stories on sqlite" + (
        targets.OTHER_CONDITIONS
    )
    assert targets.search(None, None).status == targets.NOT_MEASURED


def test_table_has_a_row_per_target():
    verdicts = [targets.search(40.0, 10_000), targets.no_errors(None, 60, 32)]

    lines = targets.table(verdicts)

    assert lines[0] == "| target | measured | result |"
    assert lines[2] == (
        "| search p95 < 50 ms at 10,000 stories on SQLite | p95 40.0 ms at 10,000 stories on sqlite | met |"
    )
    assert lines[3].endswith("| not run | not measured |")
