"""scale_stories adds stories in both languages in bulk, leaving a sound page tree."""

import io

import pytest

from django.core.management import call_command

from wagtail.models import Page

from stories.models import StoryPage
from tests.factories import StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


def test_bulk_stories_are_valid_pages_in_both_languages_and_searchable(client, locales, home):
    index = StoryIndexPageFactory(parent=home)
    StoryPageFactory(parent=index, slug="existing")
    mongolian_index = index.copy_for_translation(locales["mn"], copy_parents=True)
    mongolian_index.save_revision().publish()

    call_command("scale_stories", stories=3, stdout=io.StringIO())

    assert Page.find_problems() == ([], [], [], [], [])
    chinese = StoryPage.objects.live().filter(locale=locales["zh"], slug__startswith="scaled-")
    mongolian = StoryPage.objects.live().filter(locale=locales["mn"], slug__startswith="scaled-")
    assert chinese.count() == 3 and mongolian.count() == 3
    assert set(chinese.values_list("translation_key", flat=True)) == set(
        mongolian.values_list("translation_key", flat=True)
    )
    story = chinese.order_by("pk").first()
    assert client.get(story.url).status_code == 200
    assert client.get(mongolian.first().url).status_code == 200
    assert StoryPage.objects.search(story.title.split()[0]).count() >= 1
