"""Publishing, translating, renaming places and adding segmenter words keep the index current."""

import re

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.db import connection

from wagtail.models import Page
from wagtail.search.models import IndexEntry
from wagtail_localize.operations import TranslationCreator

from search import dictionary, services
from search.models import SegmenterWord
from tests.factories import PlaceFactory, StoryIndexPageFactory, StoryPageFactory
from tests.search.factories import MONGOL, SCRIPT
from textkit.analysis import segmenter

# Index tasks run at once here (django-tasks' immediate backend); the last tests queue them for
# the worker, as a site with `manage.py db_worker` does.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


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


# With the worker ----------------------------------------------------------------------

# The worker commits as it goes and closes connections the way a server does: transactional
# tests, restoring the migrations' data after them.
WORKER_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def queued(task_path: str) -> list[list]:
    results = DBTaskResult.objects.filter(task_path=task_path, status=TaskResultStatus.READY)
    return [result.args_kwargs["args"] for result in results]


@WORKER_DB
def test_a_new_segmenter_word_queues_the_reindex_and_the_worker_keeps_it_whole(home, worker):
    index = StoryIndexPageFactory(parent=home, title="故事汇")
    story = StoryPageFactory(parent=index, title="走进宝力根陶海嘎查", summary="牧民的新生活")
    worker()

    SegmenterWord.objects.create(word="宝力根陶海")

    assert queued("search.signals.reindex_pages_containing") == [["宝力根陶海"]]
    assert "宝力根陶海" not in indexed_tokens(story)  # the request left the index alone
    segmenter.set_custom_words(())  # the worker is another process: it must read the words itself
    dictionary._state.update(version=None, checked_at=0.0, loaded=False)
    worker()
    assert "宝力根陶海" in indexed_tokens(story)
    assert DBTaskResult.objects.get(task_path="search.signals.reindex_pages_containing").return_value == 1


@WORKER_DB
def test_renaming_a_place_queues_the_reindex_of_its_stories_for_the_worker(home, worker):
    index = StoryIndexPageFactory(parent=home, title="故事汇")
    place = PlaceFactory(name="哈达图社区")
    story = StoryPageFactory(parent=index, title="邻里节", place=place)
    worker()
    assert story.pk in found_ids("哈达图")

    place.name = "满都拉社区"
    place.save()

    assert queued("search.signals.reindex_pages_using") == [[place._meta.label_lower, str(place.pk)]]
    assert story.pk not in found_ids("满都拉")
    worker()
    assert story.pk in found_ids("满都拉") and story.pk not in found_ids("哈达图")
