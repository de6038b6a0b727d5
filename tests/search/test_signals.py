"""Publishing, translating, renaming places and adding segmenter words keep the index current."""

import re

import pytest

from django.db import connection

from wagtail.models import Page
from wagtail.search.models import IndexEntry
from wagtail_localize.operations import TranslationCreator

from search import services
from search.models import SegmenterWord
from tests.factories import PlaceFactory, StoryPageFactory
from tests.search.factories import MONGOL, SCRIPT

pytestmark = pytest.mark.django_db


def indexed_tokens(page) -> set[str]:
    """The tokens of a page's index entry (title and body), on SQLite and PostgreSQL."""
    entry = IndexEntry.objects.get(object_id=str(page.pk), content_type_id=page.content_type_id)
    text = f"{entry.title} {entry.body}"
    if connection.vendor == "postgresql":
        return set(re.findall(r"'([^']*)'", text))
    return set(text.split())


def found_ids(text):
    return {page.pk for page in services.run(Page.objects.live(), services.analyse(text))}


def test_publishing_a_page_makes_it_findable_and_unpublishing_hides_it(index):
    story = StoryPageFactory(parent=index, title="那达慕大会")
    assert story.pk in found_ids("那达慕")
    story.unpublish()
    assert story.pk not in found_ids("那达慕")
    story.title = "搏克比赛"
    story.save_revision().publish()
    assert story.pk in found_ids("搏克") and story.pk not in found_ids("那达慕")


def test_a_translation_is_indexed_when_created_and_when_published(index, mn_index, locales):
    story = StoryPageFactory(parent=index, title="民族团结")
    TranslationCreator(None, [locales["mn"]]).create_translations(story)
    translation = story.get_translation(locales["mn"])
    assert translation.pk in {page.pk for page in services.run(Page.objects.all(), services.analyse("团结"))}
    translation.title = f"{MONGOL} {SCRIPT}"
    translation.save_revision().publish()
    assert found_ids(MONGOL) == {translation.pk}


def test_renaming_a_place_reindexes_its_stories(index):
    place = PlaceFactory(name="哈达图社区")
    story = StoryPageFactory(parent=index, title="邻里节", place=place)
    assert story.pk in found_ids("哈达图")
    place.name = "满都拉社区"
    place.save()
    assert story.pk in found_ids("满都拉") and story.pk not in found_ids("哈达图")


def test_deleting_a_place_reindexes_its_stories(index):
    place = PlaceFactory(name="哈达图社区")
    story = StoryPageFactory(parent=index, title="邻里节", place=place)
    place.delete()
    assert story.pk not in found_ids("哈达图")


def test_a_new_segmenter_word_is_kept_whole_in_pages_that_contain_it(index):
    story = StoryPageFactory(parent=index, title="走进宝力根陶海嘎查", summary="牧民的新生活")
    other = StoryPageFactory(parent=index, title="那达慕")
    assert "宝力根陶海" not in indexed_tokens(story)
    SegmenterWord.objects.create(word="宝力根陶海")
    assert "宝力根陶海" in indexed_tokens(story)
    assert "宝力根陶海" not in indexed_tokens(other)
    assert story.pk in found_ids("宝力根陶海")


def test_place_names_feed_the_segmenter(index):
    PlaceFactory(name="额尔敦社区")
    story = StoryPageFactory(parent=index, title="额尔敦社区的邻里节")
    assert {"额尔敦", "额尔敦社区"} <= indexed_tokens(story)


def test_deleting_a_segmenter_word_takes_it_out_of_the_dictionary(index):
    word = SegmenterWord.objects.create(word="宝力根陶海")
    story = StoryPageFactory(parent=index, title="宝力根陶海的早晨")
    assert "宝力根陶海" in indexed_tokens(story)
    word.delete()
    story.save_revision().publish()
    assert "宝力根陶海" not in indexed_tokens(story)
    assert story.pk in found_ids("宝力根陶海")  # still found, by its bigrams
