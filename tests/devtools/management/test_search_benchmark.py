"""search_benchmark: a small corpus measured in the test database."""

import os
from io import StringIO

import pytest

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

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
