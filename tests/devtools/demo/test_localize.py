"""load_demo translates the demo into Mongolian through wagtail-localize, once."""

import re
from html.parser import HTMLParser

import pytest

from django.core.management import call_command
from django.utils.html import strip_tags

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from campaigns.models import CampaignIndexPage
from core.translation_status import INCOMPLETE, SOURCE_CHANGED, UNPUBLISHED, translation_statuses
from devtools.demo.editorial import SECTIONS
from devtools.demo.stories import STORIES
from devtools.demo.translations import MONGOLIAN
from home.models import HomePage
from stories.models import EthnicGroup, Place, StoryIndexPage, StoryPage, Theme
from tests.devtools.demo.test_mongolian_script import CYRILLIC, PRIVATE_USE, demo_texts

pytestmark = pytest.mark.django_db

MONGOLIAN_SCRIPT = re.compile("[\u1800-\u18af]")
COMMON_GROUPS = ["汉族", "蒙古族", "回族", "满族", "达斡尔族", "鄂温克族", "鄂伦春族", "朝鲜族", "俄罗斯族"]
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Chinese personal names stay in Chinese characters in Mongolian text; devtools.demo.translations
# says which by mapping such a name to itself. Nothing else Chinese may show on a Mongolian story.
PERSONAL_NAMES = sorted((key for key, text in MONGOLIAN.items() if key == text and HAN.search(key)), key=len)[::-1]


class ArticleText(HTMLParser):
    """The text inside <article class="story">: what the reader of a story page reads."""

    def __init__(self):
        super().__init__()
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth or (tag == "article" and "story" in (dict(attrs).get("class") or "").split()):
            self.depth += tag == "article"

    def handle_endtag(self, tag):
        if self.depth and tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        return re.sub("[ \t\r\n]+", " ", " ".join(parser.parts)).strip()  # U+202F is part of the words


def chinese_left(text: str) -> list[str]:
    """Runs of Chinese characters in ``text`` once the personal names are taken out."""
    for name in PERSONAL_NAMES:
        text = text.replace(name, " ")
    return re.findall(f"{HAN.pattern}+", text)


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
def demo(demo_content):
    """The Mongolian locale of the demo, loaded once for this module."""
    return Locale.objects.get(language_code="mn-mong")


def test_the_personal_names_kept_in_chinese_are_names_from_the_stories():
    chinese = " ".join(
        " ".join(str(value) for value in (story.get("author"), story.get("reviewer"), story.get("responsible_editor")))
        + repr(story["body"])
        for story in STORIES
    )

    assert PERSONAL_NAMES
    for name in PERSONAL_NAMES:
        assert re.fullmatch(f"{HAN.pattern}{{2,4}}", name), f"{name!r} is not a personal name"
        assert name in chinese, f"{name} is kept in Chinese but no demo story names it"


def test_every_story_and_section_reads_in_mongolian_with_only_names_left_in_chinese(client, demo):
    stories = [StoryPage.objects.get(locale__language_code="zh-hans", slug=story["slug"]) for story in STORIES]
    home = HomePage.objects.get(locale__language_code="zh-hans")
    sections = [StoryIndexPage.objects.child_of(home).get(slug=slug) for slug, *_rest in SECTIONS]
    checked = {text for _table, _key, text in demo_texts()}

    for source in [*stories, *sections]:
        page = source.get_translation(demo)
        assert page.live and not page.has_unpublished_changes and page.alias_of_id is None, source
        assert MONGOLIAN_SCRIPT.search(page.title) and not HAN.search(page.title), source
        fields = [page.title, page.intro] if source in sections else [page.title, page.summary, page.source]
        assert all(value == "" or MONGOLIAN_SCRIPT.search(value) for value in fields), source
        html = client.get(page.url).content.decode()
        assert page.title in html, source
        if source in sections:
            assert page.intro in html, source
            continue
        text = ArticleText.of(html)
        assert MONGOLIAN[source.summary] in text, source
        paragraphs = [strip_tags(block.value.source) for block in source.body if block.block_type == "paragraph"]
        assert paragraphs and all(MONGOLIAN[paragraph] in text for paragraph in paragraphs), source
        assert not chinese_left(text), (source.slug, chinese_left(text))
        assert not CYRILLIC.search(text) and not PRIVATE_USE.search(text), source

    # Every Mongolian string of these pages is one that test_mongolian_script checks (script,
    # punctuation, spelling of institutions), a personal name, or digits and Latin letters.
    segments = StringSegment.objects.filter(
        source__in=[TranslationSource.objects.get_for_instance(source) for source in [*stories, *sections]]
    )
    stored = [
        StringTranslation.objects.get(translation_of=segment.string_id, context=segment.context_id, locale=demo).data
        for segment in segments
    ]
    assert len(stored) > len(stories) * 10
    unchecked = {text for text in stored if text not in checked and text not in PERSONAL_NAMES and not text.isascii()}
    assert not unchecked


def test_home_indexes_and_stories_are_published_in_mongolian(demo):
    slugs = [story["slug"] for story in STORIES]
    pages = [
        HomePage.objects.get(locale=demo),
        StoryIndexPage.objects.get(locale=demo, slug="stories"),
        CampaignIndexPage.objects.get(locale=demo),
        *StoryPage.objects.filter(locale=demo, slug__in=slugs),
    ]

    assert len(pages) == 3 + len(STORIES)
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
