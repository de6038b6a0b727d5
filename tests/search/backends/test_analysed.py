"""Queries that reach a backend as typed are analysed when the model is."""

import pytest

from django.core.management import call_command

from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search.query import MATCH_ALL, And, Not, Phrase, PlainText

from search import dictionary
from search.analysis import AnalysedText
from search.backends.analysed import analysed, is_analysed
from search.models import SegmenterWord
from stories.models import Place, StoryPage
from tests.factories import StoryPageFactory
from textkit.analysis import segmenter


def test_which_models_are_analysed():
    assert is_analysed(StoryPage) and is_analysed(Page)
    assert is_analysed(get_image_model()) and is_analysed(Place)  # every indexed model (core.indexing)


def test_strings_and_plain_text_are_analysed():
    assert analysed("團結").query_string == "团结"
    assert analysed(PlainText("阿吉拉沁", operator="or")).query_string == "阿吉 吉拉 拉沁"
    assert analysed(Phrase("民族團結")).query_string == "民族团结"
    assert analysed("!!!") is None


def test_compound_queries_are_analysed_part_by_part():
    query = analysed(And([PlainText("團結"), Not(PlainText("那達慕")), PlainText("***")]))
    assert isinstance(query, And) and len(query.subqueries) == 2
    assert query.subqueries[0].query_string == "团结"
    assert query.subqueries[1].subquery.query_string == "那达慕"


def test_analysed_queries_and_match_all_are_left_alone():
    ready = AnalysedText("阿吉 吉拉")
    assert analysed(ready) is ready
    assert analysed(MATCH_ALL) is MATCH_ALL


@pytest.mark.django_db
def test_admin_choosers_find_pages_typed_in_traditional(index):
    story = StoryPageFactory(parent=index, title="民族团结进步活动月")
    assert list(Page.objects.autocomplete("團結")) == [story.page_ptr]


@pytest.mark.django_db
def test_any_rebuild_indexes_with_the_current_words(index):
    """Wagtail's own wagtail_update_index, in a process that never loaded the words, uses them."""
    story = StoryPageFactory(parent=index, title="额尔敦新村的邻里节", summary="额尔敦新村举办邻里节。")
    SegmenterWord.objects.bulk_create([SegmenterWord(word="额尔敦新村")])  # no signals: as from another process
    segmenter.set_custom_words([])
    dictionary._state.update(loaded=False, version=None, checked_at=0.0)

    call_command("wagtail_update_index", verbosity=0)

    assert [page.pk for page in Page.objects.search(AnalysedText("额尔敦新村"))] == [story.pk]
    assert "额尔敦新村" in segmenter.custom_words
