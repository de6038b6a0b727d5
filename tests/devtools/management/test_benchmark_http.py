"""benchmark_http: what it says when Elasticsearch cannot be started."""

from io import StringIO

from devtools.management.commands import benchmark_http
from scripts import elasticsearch as elasticsearch_server


def test_without_mvn_the_elasticsearch_row_is_not_measured_and_the_reason_given(monkeypatch, tmp_path):
    # No unpacked server in the cache, no Maven repository, and no mvn on PATH.
    monkeypatch.setattr(elasticsearch_server, "CACHE", tmp_path / "cache")
    monkeypatch.setenv("MAVEN_REPOSITORY", str(tmp_path / "m2"))
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))

    url, note = benchmark_http.start_elasticsearch(tmp_path / "state")

    assert url is None
    assert note == "mvn is not installed (apt-get install maven)"
    assert not (tmp_path / "state").exists()


def test_the_search_part_of_the_report_says_why_elasticsearch_is_missing():
    output = StringIO()
    command = benchmark_http.Command(stdout=output)
    figures = {
        "stories": 10000,
        "chinese": 8018,
        "traditional": 1572,
        "characters": 1591,
        "queries": 200,
        "environment": {"cores": "2", "python": "3.11.7", "sqlite": "3.40.1", "database": "sqlite"},
        "elasticsearch": None,
        "measurements": [
            {
                "label": "analysed (textkit.analysis)",
                "backend": "database",
                "index_seconds": None,
                "index_bytes": 318_000_000,
                "p50_ms": 30.3,
                "p95_ms": 40.8,
                "recall": 1.0,
                "precision": 1.0,
                "queries": 200,
            }
        ],
    }

    command.print_search(figures, None, "mvn is not installed (apt-get install maven)")
    verdict = command.search_verdict(figures)

    lines = output.getvalue().splitlines()
    assert "| analysed (textkit.analysis) | cached | 303.3 MB | 30.3 ms | 40.8 ms | 100.0% | 100.0% |" in lines
    assert lines[-1] == "Elasticsearch was not measured: mvn is not installed (apt-get install maven)."
    assert (verdict.measured, verdict.status) == ("p95 40.8 ms at 10,000 stories on sqlite", "met")
