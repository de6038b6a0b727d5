"""devtools.benchmarks.plain: plain Wagtail search fields inside the block, analysed ones outside."""

import inspect

import pytest

from wagtail.models import Page
from wagtail.search import index as search_index
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from core.search_index import index_objects
from devtools.benchmarks import search as benchmark
from devtools.benchmarks.plain import plain_field, plain_search_fields
from search.backends.analysed import AnalysedBackendMixin
from stories.models import StoryPage
from tests.factories import PlaceFactory, StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

TEXT_FIELDS = (search_index.SearchField, search_index.AutocompleteField)


@pytest.fixture
def story(home):
    return StoryPageFactory(
        parent=StoryIndexPageFactory(parent=home),
        title="民族團結進步活動月",
        summary="构建互嵌式社区环境",
        place=PlaceFactory(name="阿吉拉沁社区"),
    )


def _all_fields(fields):
    for field in fields:
        if isinstance(field, search_index.RelatedFields):
            yield from _all_fields(field.fields)
        else:
            yield field


def _values(model, obj) -> dict[str, object]:
    """Each SearchField's value by name, and each related object's SearchField values by relation."""
    values = {}
    for field in model.get_search_fields():
        if isinstance(field, search_index.SearchField):
            values[field.field_name] = field.get_value(obj)
        elif isinstance(field, search_index.RelatedFields):
            related = field.get_value(obj)
            objects = related.all() if hasattr(related, "all") else [related]
            values[field.field_name] = [
                sub.get_value(item)
                for item in objects
                for sub in field.fields
                if isinstance(sub, search_index.SearchField)
            ]
    return values


def test_plain_field_keeps_name_boost_and_options_and_leaves_filter_fields():
    title = plain_field(search_index.SearchField("title", boost=2, es_extra={"analyzer": "x"}))
    assert type(title) is search_index.SearchField
    assert (title.field_name, title.boost, title.kwargs) == ("title", 2, {"es_extra": {"analyzer": "x"}})
    autocomplete = plain_field(search_index.AutocompleteField("title"))
    assert type(autocomplete) is search_index.AutocompleteField and autocomplete.field_name == "title"
    filter_field = search_index.FilterField("date")
    assert plain_field(filter_field) is filter_field
    related = plain_field(search_index.RelatedFields("place", [search_index.SearchField("name"), filter_field]))
    assert related.field_name == "place"
    assert type(related.fields[0]) is search_index.SearchField and related.fields[1] is filter_field


def test_fields_read_text_as_written_inside_and_analysed_tokens_outside(story):
    with plain_search_fields([StoryPage]):
        fields = list(_all_fields(StoryPage.get_search_fields()))
        plain = _values(StoryPage, story)
    assert all(type(field) in TEXT_FIELDS for field in fields if isinstance(field, TEXT_FIELDS))
    assert plain["title"] == "民族團結進步活動月"
    assert plain["summary"] == "构建互嵌式社区环境"
    assert plain["place"] == ["阿吉拉沁社区"]

    outside = list(_all_fields(StoryPage.get_search_fields()))
    analysed = _values(StoryPage, story)
    assert any(type(field) not in TEXT_FIELDS for field in outside if isinstance(field, TEXT_FIELDS))
    assert "团结" in analysed["title"].split()
    assert "互嵌式" in analysed["summary"].split()
    assert any("吉拉" in value.split() for value in analysed["place"])


def _kind(field) -> type:
    kinds = (search_index.SearchField, search_index.AutocompleteField, search_index.FilterField)
    return next((kind for kind in kinds if isinstance(field, kind)), type(field))


def test_names_boosts_and_filter_fields_are_those_of_the_model(story):
    outside = StoryPage.get_search_fields()
    with plain_search_fields([StoryPage]):
        inside = StoryPage.get_search_fields()
    assert [(_kind(f), f.field_name) for f in inside] == [(_kind(f), f.field_name) for f in outside]
    assert [getattr(f, "boost", None) for f in inside] == [getattr(f, "boost", None) for f in outside]
    filters = [f for f in outside if isinstance(f, search_index.FilterField)]
    assert filters and all(f in inside for f in filters)


def test_the_index_gets_the_text_as_written_inside_the_block(story):
    def title_entry() -> str:
        entry = IndexEntry.objects.get(object_id=str(story.pk), content_type_id=story.content_type_id)
        return str(entry.title)

    with plain_search_fields(search_index.get_indexed_models()):
        index_objects(StoryPage, [story])
        assert "團結" in title_entry()
    index_objects(StoryPage, [story])
    assert "团结" in title_entry() and "團結" not in title_entry()


def test_originals_are_back_after_an_error_whether_own_or_inherited():
    before = {model: inspect.getattr_static(model, "get_search_fields") for model in (Page, StoryPage)}
    own = {model: "get_search_fields" in model.__dict__ for model in (Page, StoryPage)}
    with pytest.raises(RuntimeError), plain_search_fields([StoryPage, Page]):
        assert inspect.getattr_static(StoryPage, "get_search_fields") is not before[StoryPage]
        raise RuntimeError
    assert {model: inspect.getattr_static(model, "get_search_fields") for model in (Page, StoryPage)} == before
    assert {model: "get_search_fields" in model.__dict__ for model in (Page, StoryPage)} == own


class MarkedSearchField(search_index.SearchField):
    """Stands in for the site's analysed fields."""


class Parent(search_index.Indexed):
    search_fields = [MarkedSearchField("title", boost=3)]


class Child(Parent):
    search_fields = [*Parent.search_fields, MarkedSearchField("body")]


def test_a_subclass_that_inherits_a_listed_class_method_gets_its_own_fields_made_plain():
    with plain_search_fields([Parent]):
        fields = Child.get_search_fields()
    assert [(type(f), f.field_name, f.boost) for f in fields] == [
        (search_index.SearchField, "title", 3),
        (search_index.SearchField, "body", None),
    ]
    assert "get_search_fields" not in Parent.__dict__ and "get_search_fields" not in Child.__dict__
    assert all(type(f) is MarkedSearchField for f in Child.get_search_fields())


def test_plain_queries_go_to_wagtails_own_backend_which_does_not_analyse():
    backend = get_search_backend(benchmark.PLAIN_BACKEND)
    assert not isinstance(backend, AnalysedBackendMixin)
    assert isinstance(get_search_backend(), AnalysedBackendMixin)
