"""Stories through wagtail-localize: the place is translated, themes and groups stay in sync."""

import pytest

from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from stories.models import Place
from tests.factories import EthnicGroupFactory, PlaceFactory, StoryIndexPageFactory, StoryPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db

MONGOLIAN = {
    "内蒙古自治区": "ᠥᠪᠦᠷ ᠮᠣᠩᠭᠣᠯ\u202fᠤᠨ ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠣᠷᠣᠨ",
    "阿吉拉沁社区": "ᠠᠵᠢᠯᠴᠢᠨ ᠬᠣᠷᠢᠶᠠᠨ",
    "共居": "ᠬᠠᠮᠲᠤ ᠠᠮᠢᠳᠤᠷᠠᠬᠤ",
    "共乐": "ᠬᠠᠮᠲᠤ ᠪᠠᠶᠠᠰᠬᠤ",
    "蒙古族": "ᠮᠣᠩᠭᠣᠯ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ",
}


def translate(instance, locale) -> None:
    """Submit for translation, fill the strings a translator knows, publish (on commit)."""
    translate_object(instance, [locale])
    source = TranslationSource.objects.get_for_instance(instance)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": MONGOLIAN.get(segment.string.data, segment.string.data), "translation_type": "manual"},
        )
    Translation.objects.get(source=source, target_locale=locale).save_target(publish=True)


@pytest.fixture
def filed_story(home, locales):
    region = PlaceFactory(name="内蒙古自治区", level=Place.Level.REGION)
    community = PlaceFactory(name="阿吉拉沁社区", parent=region)
    index = StoryIndexPageFactory(parent=home)
    gongju = ThemeFactory(slug="gongju", name="共居")
    mongol = EthnicGroupFactory(code="02", name="蒙古族")
    return StoryPageFactory(parent=index, slug="filed", place=community, themes=[gongju], ethnic_groups=[mongol])


def test_mongolian_story_points_at_the_mongolian_place_and_shows_mongolian_names(
    client, filed_story, locales, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for instance in (filed_story.place.parent, filed_story.place, *filed_story.themes.all()):
            translate(instance, locales["mn"])
        translate(filed_story.ethnic_groups.get(), locales["mn"])
        for page in (filed_story.get_parent().get_parent(), filed_story.get_parent(), filed_story):
            translate(page.specific, locales["mn"])
    mongolian = filed_story.get_translation(locales["mn"])

    html = client.get(mongolian.url).content.decode()

    assert mongolian.place.locale == locales["mn"]
    assert mongolian.place.parent.name == MONGOLIAN["内蒙古自治区"]
    assert [theme.slug for theme in mongolian.themes.all()] == ["gongju"]  # the Chinese snippet, in sync
    for name in ("阿吉拉沁社区", "内蒙古自治区", "共居", "蒙古族"):
        assert MONGOLIAN[name] in html
        assert name not in html
    assert f'href="{mongolian.get_parent().url}?theme=gongju"' in html


def test_themes_changed_in_chinese_follow_into_the_translation(
    filed_story, locales, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for page in (filed_story.get_parent().get_parent(), filed_story.get_parent(), filed_story):
            translate(page.specific, locales["mn"])
    gongle = ThemeFactory(slug="gongle", name="共乐")
    filed_story.themes.set([gongle])
    filed_story.save_revision().publish()

    with django_capture_on_commit_callbacks(execute=True):
        source = TranslationSource.objects.get_for_instance(filed_story)
        source.update_from_db()  # "Sync translated pages"
        Translation.objects.get(source=source, target_locale=locales["mn"]).save_target(publish=True)

    mongolian = filed_story.get_translation(locales["mn"])
    assert [theme.slug for theme in mongolian.themes.all()] == ["gongle"]


def test_mongolian_story_index_filters_by_the_same_themes(
    client, filed_story, locales, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate(filed_story.themes.get(), locales["mn"])
        for page in (filed_story.get_parent().get_parent(), filed_story.get_parent(), filed_story):
            translate(page.specific, locales["mn"])
    mongolian = filed_story.get_translation(locales["mn"])

    html = client.get(mongolian.get_parent().url, {"theme": "gongju"}).content.decode()

    assert mongolian.url in html
    assert f'<option value="gongju" selected>{MONGOLIAN["共居"]}</option>' in html
