"""load_demo translates the demo into Mongolian through wagtail-localize, once."""

import re

import pytest

from django.core.management import call_command

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from campaigns.models import CampaignIndexPage
from core.translation_status import INCOMPLETE, SOURCE_CHANGED, UNPUBLISHED, translation_statuses
from devtools.demo.stories import STORIES
from devtools.demo.translations import DEMO_STORIES, MONGOLIAN
from home.models import HomePage
from stories.models import EthnicGroup, Place, StoryIndexPage, StoryPage, Theme

pytestmark = pytest.mark.django_db

MONGOLIAN_SCRIPT = re.compile("[\u1800-\u18af]")
COMMON_GROUPS = ["汉族", "蒙古族", "回族", "满族", "达斡尔族", "鄂温克族", "鄂伦春族", "朝鲜族", "俄罗斯族"]


def load_demo(capture) -> None:
    with capture(execute=True), open("/dev/null", "w") as quiet:
        call_command("load_demo", "--no-admin", stdout=quiet)


def counts() -> tuple:
    return (
        Page.objects.count(),
        Place.objects.count(),
        Theme.objects.count(),
        EthnicGroup.objects.count(),
        Translation.objects.count(),
        StringTranslation.objects.count(),
    )


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    load_demo(django_capture_on_commit_callbacks)
    return Locale.objects.get(language_code="mn-mong")


def test_home_indexes_and_first_stories_are_published_in_mongolian(demo):
    slugs = [story["slug"] for story in STORIES[:DEMO_STORIES]]
    pages = [
        HomePage.objects.get(locale=demo),
        StoryIndexPage.objects.get(locale=demo),
        CampaignIndexPage.objects.get(locale=demo),
        *StoryPage.objects.filter(locale=demo, slug__in=slugs),
    ]

    assert len(pages) == 3 + DEMO_STORIES
    for page in pages:
        assert page.live and not page.has_unpublished_changes, page
        assert page.alias_of_id is None, page
        assert MONGOLIAN_SCRIPT.search(page.title), page
        assert not re.search("[\u4e00-\u9fff]", page.title), page


def test_snippets_are_translated_with_mongolian_names(demo):
    assert Theme.objects.filter(locale=demo).count() == Theme.objects.filter(locale__language_code="zh-hans").count()
    assert Place.objects.filter(locale=demo).count() == Place.objects.filter(locale__language_code="zh-hans").count()
    for group in COMMON_GROUPS:
        source = EthnicGroup.objects.get(name=group)
        assert source.get_translation(demo).name == MONGOLIAN[group]
    for place in Place.objects.filter(locale=demo).select_related("parent"):
        assert MONGOLIAN_SCRIPT.search(place.name), place
        assert place.parent is None or place.parent.locale_id == demo.pk, place


def test_every_demo_string_has_its_mongolian_and_nothing_lags_behind(demo):
    states = {status.state for status in translation_statuses(demo)}

    assert not states & {SOURCE_CHANGED, INCOMPLETE, UNPUBLISHED}
    for translation in Translation.objects.filter(target_locale=demo):
        total, done = translation.get_progress()
        assert done == total, translation.source.object_repr


def test_running_it_again_duplicates_nothing(demo, django_capture_on_commit_callbacks):
    before = counts()

    load_demo(django_capture_on_commit_callbacks)

    assert counts() == before


def test_the_same_story_reads_in_chinese_and_in_mongolian(client, demo):
    story = StoryPage.objects.get(locale__language_code="zh-hans", slug=STORIES[0]["slug"])
    mongolian = story.get_translation(demo)

    zh = client.get(story.url).content.decode()
    mn = client.get(mongolian.url).content.decode()

    assert story.title in zh and f'href="{mongolian.url}"' in zh
    assert MONGOLIAN[story.title] in mn and f'href="{story.url}"' in mn
    assert MONGOLIAN["阿吉拉沁社区"] in mn  # the place, through the translated FK
    assert MONGOLIAN["共居"] in mn  # a theme, through |localized


def test_the_page_tree_stays_sound_and_the_mongolian_menu_lists_the_sections(client, demo):
    assert not any(Page.find_problems())  # e.g. a child count saved from a stale revision

    html = client.get("/mn-mong/").content.decode()

    for title in ("民族团结故事", "宣传活动"):
        assert f">{MONGOLIAN[title]}</a></li>" in html


def test_the_three_campaigns_are_complete_and_read_in_mongolian(client, demo):
    from campaigns.models import CampaignPage
    from devtools.demo.campaigns import CAMPAIGN_MONGOLIAN, CAMPAIGNS

    for source in CampaignPage.objects.filter(locale__language_code="zh-hans", slug__in=[c["slug"] for c in CAMPAIGNS]):
        assert source.slogan and source.goals and source.partners and source.related_stories, source
        mongolian = source.get_translation(demo)
        assert mongolian.live and MONGOLIAN_SCRIPT.search(mongolian.title), source
        assert mongolian.slogan == CAMPAIGN_MONGOLIAN[source.slogan]
        html = client.get(mongolian.url).content.decode()
        assert CAMPAIGN_MONGOLIAN[source.slogan] in html
        assert not re.search("[\u0400-\u04ff\ue000-\uf8ff]", html)
    past = CampaignPage.objects.get(locale=demo, slug="unity-progress-month-2026")
    html = client.get(past.url).content.decode()
    assert CAMPAIGN_MONGOLIAN["参与居民"] in html and "12,000" in html  # results in figures
    assert MONGOLIAN[STORIES[0]["title"]] in html  # a related story, in its Mongolian translation
    assert "results-heading" in html and "materials-heading" in html
