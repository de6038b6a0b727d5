"""Filters show only values that have live content, named in the page's language (issue 11)."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.forms import SearchForm
from stories.models import EthnicGroup, Place
from tests.factories import PlaceFactory, StoryIndexPageFactory, StoryPageFactory, ThemeFactory
from tests.search.conftest import publish_translation

pytestmark = pytest.mark.django_db

MONGOL = "\u182e\u1823\u1829\u182d\u1823\u182f"  # ᠮᠣᠩᠭᠣᠯ
HUI = "\u182c\u1824\u1822\u1825\u1829\u1824"  # a Mongolian name for the Hui, spelled by code point


def options(html: str, name: str) -> list[str]:
    """The labels of the options of the select called ``name`` (the empty "All" left out)."""
    import re

    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [
        label.strip() for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select) if value
    ]


@pytest.fixture
def filed(home, locales):
    """A Chinese index with two stories, its Mongolian translation, and unused filter values."""
    index = StoryIndexPageFactory(parent=home, title="故事", slug="stories")
    city = PlaceFactory(name="呼和浩特市", level=Place.Level.CITY)
    community = PlaceFactory(name="光明社区", parent=city)
    PlaceFactory(name="包头市", level=Place.Level.CITY)  # no story
    used_theme, unused_theme = ThemeFactory(slug="gongju", name="共居"), ThemeFactory(slug="gongle", name="共乐")
    mongol = EthnicGroup.objects.get_or_create(code="02", locale=locales["zh"], defaults={"name": "蒙古族"})[0]
    hui = EthnicGroup.objects.get_or_create(code="03", locale=locales["zh"], defaults={"name": "回族"})[0]
    EthnicGroup.objects.get_or_create(code="04", locale=locales["zh"], defaults={"name": "藏族"})  # no story
    story = StoryPageFactory(parent=index, place=community, themes=[used_theme], ethnic_groups=[mongol, hui])
    draft = StoryPageFactory(
        parent=index,
        title="草稿",
        ethnic_groups=[EthnicGroup.objects.get(code="04", locale=locales["zh"])],
        themes=[unused_theme],
    )
    draft.unpublish()
    # Mongolian names for the Mongol group (the Hui stays untranslated: its Chinese name is shown).
    mn_mongol = mongol.copy_for_translation(locales["mn"])
    mn_mongol.name = MONGOL
    mn_mongol.save()
    publish_translation(home, locales["mn"])
    mn_index = publish_translation(index, locales["mn"])
    publish_translation(story, locales["mn"])
    return {"index": index, "mn_index": mn_index, "hui": hui}


def test_the_story_index_offers_only_values_some_live_story_has(client, filed):
    html = client.get(filed["index"].url).content.decode()
    assert options(html, "group") == ["蒙古族", "回族"]  # not 藏族 (a draft's only), not all 56
    assert options(html, "theme") == ["共居"]
    assert options(html, "place") == ["呼和浩特市", "光明社区"]  # the city above the community, not 包头市


def test_the_mongolian_index_names_values_in_mongolian_where_translated(client, filed):
    html = client.get(filed["mn_index"].url).content.decode()
    assert options(html, "group") == [MONGOL, "回族"]


def test_the_search_page_place_filter_offers_places_with_pages(filed, locales):
    form = SearchForm({}, locale=locales["zh"])
    labels = [label.strip() for value, label in form.fields["place"].choices if value]
    assert labels == ["呼和浩特市", "光明社区"]  # indented by level; not 包头市


def test_filter_values_cost_the_same_queries_however_many_there_are(client, filed, locales):
    index = filed["index"]
    client.get(index.url)  # warm caches
    with CaptureQueriesContext(connection) as few:
        client.get(index.url)
    for code in range(10, 30):
        group = EthnicGroup.objects.get_or_create(code=str(code), locale=locales["zh"], defaults={"name": f"族{code}"})[
            0
        ]
        place = PlaceFactory(name=f"社区{code}")
        StoryPageFactory(parent=index, place=place, themes=[ThemeFactory()], ethnic_groups=[group])
    client.get(index.url)  # warm again: new pages clear the cached year list (core.page_cache)
    with CaptureQueriesContext(connection) as many:
        html = client.get(index.url).content.decode()
    assert len(options(html, "group")) == 22 and len(options(html, "theme")) == 21
    assert len(many) == len(few)
