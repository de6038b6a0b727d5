"""benchmark_pages: a table of figures for the main public pages."""

from io import StringIO

import pytest

from django.core.management import call_command

from wagtail.models import Page

from tests.factories import StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


def test_without_pages_it_asks_for_the_demo(locales):
    for page in Page.objects.filter(depth=2):  # Wagtail's "Welcome" page
        page.delete()
    output, errors = StringIO(), StringIO()
    call_command("benchmark_pages", "--runs", "1", stdout=output, stderr=errors)
    assert "load_demo" in errors.getvalue()
    assert output.getvalue() == ""


def test_prints_one_row_per_page(home):
    StoryPageFactory(parent=StoryIndexPageFactory(parent=home))
    output = StringIO()
    call_command("benchmark_pages", "--runs", "2", "--host", "localhost", stdout=output)
    lines = output.getvalue().splitlines()
    assert lines[0].split() == ["page", "p50", "ms", "p95", "ms", "queries", "bytes", "gzip"]
    names = [line[:24].strip() for line in lines[1:]]
    assert names == ["home", "story index", "story index, filtered", "rss feed", "story"]
