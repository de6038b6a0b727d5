import datetime

import pytest

from django.utils import translation

from stories.models import Place, StoryPage
from stories.models.taxonomy import place_name_forms
from tests.factories import EthnicGroupFactory, PlaceFactory, StoryIndexPageFactory, StoryPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    return StoryIndexPageFactory(parent=home)


@pytest.fixture
def places(locales):
    region = PlaceFactory(name="内蒙古自治区", level=Place.Level.REGION)
    city = PlaceFactory(name="呼和浩特市", level=Place.Level.CITY, parent=region)
    district = PlaceFactory(name="新城区", level=Place.Level.COUNTY, parent=city)
    community = PlaceFactory(name="阿吉拉沁社区", level=Place.Level.COMMUNITY, parent=district)
    other_city = PlaceFactory(name="包头市", level=Place.Level.CITY, parent=region)
    return {"region": region, "city": city, "district": district, "community": community, "other": other_city}


def test_subtree_of_a_city_holds_its_districts_and_communities_but_not_other_cities(places):
    keys = Place.objects.subtree_translation_keys(places["city"])
    assert keys == {places[name].translation_key for name in ("city", "district", "community")}


def test_place_ancestry_runs_from_region_down(places):
    assert [p.name for p in places["community"].ancestry] == ["内蒙古自治区", "呼和浩特市", "新城区", "阿吉拉沁社区"]


def test_related_stories_share_a_place_or_theme_and_exclude_the_story_itself(index, places):
    theme, other_theme = ThemeFactory(slug="gongju"), ThemeFactory(slug="gongle")
    story = StoryPageFactory(parent=index, place=places["community"], themes=[theme])
    same_place = StoryPageFactory(parent=index, place=places["community"], date=datetime.date(2025, 6, 1))
    same_theme = StoryPageFactory(parent=index, place=places["other"], themes=[theme])
    StoryPageFactory(parent=index, place=places["other"], themes=[other_theme])
    draft = StoryPageFactory(parent=index, place=places["community"])
    draft.unpublish()

    related = list(story.related_stories())

    assert related == [same_place, same_theme]


def test_related_stories_cost_a_fixed_number_of_queries(index, places, django_assert_max_num_queries):
    theme = ThemeFactory()
    story = StoryPageFactory(parent=index, place=places["community"], themes=[theme])
    for _ in range(5):
        StoryPageFactory(parent=index, place=places["community"], themes=[theme])
    story = StoryPage.objects.get(pk=story.pk)
    with django_assert_max_num_queries(8):
        for related in story.related_stories():
            str(related.place), list(related.themes.all())


def test_filtered_matches_theme_place_subtree_group_and_year(index, places):
    theme = ThemeFactory(slug="gongxue")
    mongol = EthnicGroupFactory(code="02", name="蒙古族")
    wanted = StoryPageFactory(parent=index, place=places["community"], themes=[theme], ethnic_groups=[mongol])
    StoryPageFactory(parent=index, place=places["other"], themes=[theme], ethnic_groups=[mongol])
    StoryPageFactory(parent=index, place=places["community"], date=datetime.date(2024, 1, 1))

    result = index.stories().filtered(
        theme="gongxue", place_keys=Place.objects.subtree_translation_keys(places["city"]), group="02", year=2025
    )

    assert list(result) == [wanted]


def test_story_page_can_only_live_under_a_story_index():
    assert StoryPage.parent_page_types == ["stories.StoryIndexPage"]
    assert StoryPage.can_create_at(StoryIndexPageFactory.build()) is True


def test_chinese_dates_read_as_residents_write_them():
    from django.template.defaultfilters import date as format_date

    with translation.override("zh-hans"):
        assert format_date(datetime.date(2025, 5, 13), "DATE_FORMAT") == "2025年5月13日"


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("阿吉拉沁社区", {"阿吉拉沁社区", "阿吉拉沁"}),
        ("東勝區", {"东胜区", "东胜"}),
        ("巴彦塔拉嘎查", {"巴彦塔拉嘎查", "巴彦塔拉"}),
        ("包头市", {"包头市", "包头"}),
        ("东区", {"东区"}),
        ("内蒙古自治区", {"内蒙古自治区", "内蒙古"}),
    ],
)
def test_place_name_forms(name, forms):
    assert place_name_forms(name) == forms
