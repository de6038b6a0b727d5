"""Every page type and documents index their text through textkit.analysis."""

import logging

import pytest

from wagtail.documents import get_document_model
from wagtail.models import get_page_models
from wagtail.search import index as search_index

from core.indexing import AnalysedAutocompleteField, AnalysedSearchField, analysed_field
from core.models import BasePage
from stories.models import StoryPage
from tests.factories import EthnicGroupFactory, PlaceFactory, StoryIndexPageFactory, StoryPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    return StoryIndexPageFactory(parent=home, title="故事汇")


SHILIU_PAGE_TYPES = [model for model in get_page_models() if issubclass(model, BasePage)]


def _all_fields(fields):
    for field in fields:
        if isinstance(field, search_index.RelatedFields):
            yield from _all_fields(field.fields)
        else:
            yield field


@pytest.mark.parametrize("model", [*SHILIU_PAGE_TYPES, get_document_model()], ids=lambda model: model.__name__)
def test_every_text_field_of_every_page_type_and_documents_is_analysed(model):
    fields = list(_all_fields(model.get_search_fields()))
    text_types = (search_index.SearchField, search_index.AutocompleteField)
    text_fields = [field for field in fields if isinstance(field, text_types)]
    assert text_fields
    assert all(isinstance(field, (AnalysedSearchField, AnalysedAutocompleteField)) for field in text_fields)
    assert any(isinstance(field, search_index.FilterField) for field in fields)
    assert "title" in {field.field_name for field in text_fields}


def test_page_types_are_the_ones_we_expect():
    names = {model.__name__ for model in SHILIU_PAGE_TYPES}
    assert {"HomePage", "StoryIndexPage", "StoryPage", "CampaignIndexPage", "CampaignPage"} <= names


def test_analysed_field_keeps_name_and_boost():
    field = analysed_field(search_index.SearchField("title", boost=2))
    assert isinstance(field, AnalysedSearchField) and field.field_name == "title" and field.boost == 2
    assert analysed_field(field) is field
    filter_field = search_index.FilterField("date")
    assert analysed_field(filter_field) is filter_field


def test_story_values_are_tokens_including_place_groups_and_themes(index):
    story = StoryPageFactory(
        parent=index,
        title="民族團結進步活動月",
        summary="构建互嵌式社区环境",
        place=PlaceFactory(name="阿吉拉沁社区"),
        body=[("paragraph", "<p>红石榴课堂开课了</p>")],
        themes=[ThemeFactory(name="交往交流交融")],
        ethnic_groups=[EthnicGroupFactory(code="02", name="蒙古族")],
    )
    values = {}
    for field in StoryPage.get_search_fields():
        if isinstance(field, search_index.SearchField):
            values[field.field_name] = field.get_value(story)
        elif isinstance(field, search_index.RelatedFields):
            related = field.get_value(story)
            objects = related.all() if hasattr(related, "all") else [related]
            values[field.field_name] = [sub.get_value(obj) for obj in objects for sub in field.fields]
    assert "团结" in values["title"].split()
    assert "互嵌式" in values["summary"].split()
    assert "红石榴课堂" in values["body"].split()
    assert any("吉拉" in value.split() for value in values["place"])
    assert values["ethnic_groups"] and values["themes"]


def test_values_are_analysed_again_when_the_text_changes(index):
    story = StoryPageFactory(parent=index, title="团结")
    fields = StoryPage.get_search_fields()
    title = next(f for f in fields if isinstance(f, search_index.SearchField) and f.field_name == "title")
    assert title.get_value(story) == "团结"
    story.title = "那达慕"
    assert "那达慕" in title.get_value(story).split()


def test_private_use_text_is_logged_and_reported(index, caplog):
    story = StoryPageFactory(parent=index, title="旧字体\ue123\ue124")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="core.indexing"):
        for field in StoryPage.get_search_fields():
            if isinstance(field, search_index.SearchField) and field.field_name == "title":
                story.__dict__.pop("_analysed_search_values", None)
                assert "\ue123" not in field.get_value(story)
    assert "private-use" in caplog.text
    assert story.search_text_private_use() == ["\ue123\ue124"]
