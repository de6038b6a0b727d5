"""search_benchmark: a small corpus measured in the test database."""

import json
import os
from io import StringIO

import pytest

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from devtools.benchmarks import cache
from devtools.benchmarks import search as benchmark
from devtools.management.commands.search_benchmark import CHILD_MARKER


def test_corpus_is_repeatable_and_mixed():
    first = benchmark.build_corpus(60, seed=7, query_count=40)
    second = benchmark.build_corpus(60, seed=7, query_count=40)
    assert [story.title for story in first.stories] == [story.title for story in second.stories]
    assert first.queries == second.queries and len(first.queries) == 40
    locales = {story.locale for story in first.stories}
    assert locales == {"zh-hans", "mn-mong"}
    assert any(story.traditional for story in first.stories)
    chinese = [story for story in first.stories if story.locale == "zh-hans"]
    assert all(len("".join(story.paragraphs)) >= 600 for story in chinese[:10])


def test_percentile():
    assert benchmark.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5) == 5
    assert benchmark.percentile(list(range(1, 101)), 0.95) == 95


def test_the_site_database_is_never_used():
    with pytest.raises(CommandError):
        call_command("search_benchmark", "--database", str(settings.BASE_DIR / "db.sqlite3"))


@pytest.mark.django_db
def test_benchmark_measures_both_ways_in_the_current_database(monkeypatch):
    monkeypatch.setitem(os.environ, CHILD_MARKER, str(settings.DATABASES["default"]["NAME"]))
    output = StringIO()
    call_command("search_benchmark", "--stories", "30", "--queries", "24", stdout=output)
    text = output.getvalue()
    assert "| plain Wagtail search |" in text and "| analysed (textkit.analysis) |" in text
    analysed = next(line for line in text.splitlines() if line.startswith("| analysed"))
    recall = float(analysed.split("|")[6].strip().rstrip("%"))
    assert recall >= 95


@pytest.mark.django_db
def test_a_cached_corpus_is_measured_again_without_building_it(monkeypatch, tmp_path):
    monkeypatch.setitem(os.environ, CHILD_MARKER, str(settings.DATABASES["default"]["NAME"]))
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    call_command(
        "search_benchmark", "--stories", "20", "--queries", "12", "--no-plain", "--json", str(first), stdout=StringIO()
    )
    output = StringIO()

    call_command(
        "search_benchmark", "--stories", "20", "--queries", "12", "--no-plain", "--reuse", "--json", str(second),
        stdout=output,
    )  # fmt: skip

    built, reused = json.loads(first.read_text()), json.loads(second.read_text())
    assert [m["label"] for m in built["measurements"]] == ["analysed (textkit.analysis)"]
    assert [m["label"] for m in reused["measurements"]] == ["analysed (textkit.analysis)"]
    assert built["measurements"][0]["index_seconds"] > 0
    assert reused["measurements"][0]["index_seconds"] is None
    assert reused["measurements"][0]["recall"] == built["measurements"][0]["recall"] >= 0.95
    assert reused["measurements"][0]["queries"] == 12
    assert "reusing the 20 stories" in output.getvalue()
    assert "| analysed (textkit.analysis) | cached |" in output.getvalue()


@pytest.mark.django_db
def test_reusing_a_database_without_the_corpus_fails_clearly(monkeypatch):
    monkeypatch.setitem(os.environ, CHILD_MARKER, str(settings.DATABASES["default"]["NAME"]))

    with pytest.raises(LookupError, match="holds 0 benchmark stories"):
        call_command("search_benchmark", "--stories", "5", "--queries", "3", "--reuse", stdout=StringIO())


def test_the_corpus_is_cached_in_a_file_named_by_its_key(tmp_path):
    """A real child process: the first run builds the file, the second reuses it."""
    options = ["--stories", "8", "--queries", "4", "--no-plain", "--cache", str(tmp_path)]
    (tmp_path / "search-corpus-8-2026-000000000000.sqlite3").write_text("built by older code")
    first, second = StringIO(), StringIO()

    call_command("search_benchmark", *options, stdout=first)
    call_command("search_benchmark", *options, stdout=second)

    files = sorted(path.name for path in tmp_path.iterdir())
    assert files == [f"search-corpus-8-2026-{cache.search_corpus_key()}.sqlite3"]
    assert "pages created in" in first.getvalue() and "(cached corpus)" not in first.getvalue()
    assert "(cached corpus)" in second.getvalue() and "reusing the 8 stories" in second.getvalue()
    assert "| analysed (textkit.analysis) | cached |" in second.getvalue()
