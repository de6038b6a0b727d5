"""The translators' report: what lacks a Mongolian translation, and what lags behind."""

import pytest

from django.urls import reverse

from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from core.translation_status import INCOMPLETE, MISSING, SOURCE_CHANGED, summarise, translation_statuses
from tests.factories import StoryIndexPageFactory, StoryPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def fill_and_publish(instance, locale) -> None:
    """What a translator does in the editor: translate every string, then publish."""
    source = TranslationSource.objects.get_for_instance(instance)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": f"ᠮ {segment.string.data}", "translation_type": "manual"},
        )
    Translation.objects.get(source=source, target_locale=locale).save_target(publish=True)


@pytest.fixture
def translated_story(home, locales, django_capture_on_commit_callbacks):
    index = StoryIndexPageFactory(parent=home)
    story = StoryPageFactory(parent=index, slug="translated")
    with django_capture_on_commit_callbacks(execute=True):
        for page in (home, index, story):
            translate_object(page, [locales["mn"]])
            fill_and_publish(page, locales["mn"])
    return story


def states(locale) -> dict:
    return {str(status.source): status.state for status in translation_statuses(locale)}


def test_untranslated_pages_and_snippets_are_missing(home, locales):
    index = StoryIndexPageFactory(parent=home, title="民族团结故事")
    ThemeFactory(name="共居")

    found = states(locales["mn"])

    assert found == {home.title: MISSING, index.title: MISSING, "共居": MISSING}


def test_a_translated_and_published_page_is_not_listed(translated_story, locales):
    assert str(translated_story) not in states(locales["mn"])
    assert summarise(translation_statuses(locales["mn"])) == {
        "missing": 0,
        "source-changed": 0,
        "incomplete": 0,
        "unpublished": 0,
    }


def test_an_alias_kept_in_place_of_a_translation_counts_as_missing(home, locales):
    index = StoryIndexPageFactory(parent=home)
    story = StoryPageFactory(parent=index)
    story.copy_for_translation(locales["mn"], copy_parents=True)  # the index becomes an alias

    assert states(locales["mn"])[index.title] == MISSING


def test_editing_the_chinese_page_makes_its_translation_out_of_date(translated_story, locales):
    translated_story.title = "阿吉拉沁社区：改写后的标题"
    translated_story.save_revision().publish()

    assert states(locales["mn"])[translated_story.title] == SOURCE_CHANGED


def test_a_draft_never_published_is_not_listed_as_needing_translation(home, locales):
    index = StoryIndexPageFactory(parent=home)
    StoryPageFactory(parent=index, title="草稿：还在审核的故事", live=False)
    StoryPageFactory(parent=index, title="已发布的故事")

    found = states(locales["mn"])

    assert found["已发布的故事"] == MISSING
    assert "草稿：还在审核的故事" not in found


def test_an_unpublished_draft_of_a_translated_page_changes_nothing_until_published(translated_story, locales):
    translated_story.title = "阿吉拉沁社区：等待审核的新标题"
    translated_story.save_revision()  # a draft, waiting for review

    assert translated_story.pk not in {s.source.pk for s in translation_statuses(locales["mn"])}

    translated_story.get_latest_revision().publish()

    assert states(locales["mn"])["阿吉拉沁社区：等待审核的新标题"] == SOURCE_CHANGED


def test_after_syncing_the_new_strings_wait_for_a_translator(translated_story, locales):
    translated_story.title = "阿吉拉沁社区：改写后的标题"
    translated_story.save_revision().publish()
    TranslationSource.objects.get_for_instance(translated_story).update_from_db()  # "Sync translated pages"

    [status] = [s for s in translation_statuses(locales["mn"]) if s.source.pk == translated_story.pk]

    assert status.state == INCOMPLETE
    done, total = map(int, status.detail.split("/"))
    assert done == total - 1  # only the new title waits


def test_editing_a_chinese_snippet_makes_its_translation_out_of_date(locales):
    theme = ThemeFactory(name="共居")
    translate_object(theme, [locales["mn"]])
    fill_and_publish(theme, locales["mn"])
    assert "共居" not in states(locales["mn"])

    theme.name = "共居共乐"
    theme.save()

    assert states(locales["mn"])["共居共乐"] == SOURCE_CHANGED


def test_report_costs_the_same_queries_for_few_or_many_pages(home, locales, django_assert_max_num_queries):
    index = StoryIndexPageFactory(parent=home)
    StoryPageFactory(parent=index)
    ThemeFactory()
    with django_assert_max_num_queries(40) as few:
        translation_statuses(locales["mn"])
    for _ in range(8):
        StoryPageFactory(parent=index)
        ThemeFactory()

    with django_assert_max_num_queries(len(few.captured_queries)):
        statuses = translation_statuses(locales["mn"])

    assert len(statuses) == 2 + 9 + 9


def test_report_lists_items_with_links_for_translators(admin_client, home, locales):
    ThemeFactory(name="共居")

    response = admin_client.get(reverse("shiliu_translation_status"))

    html = response.content.decode()
    assert response.status_code == 200
    assert home.title in html and "共居" in html
    assert reverse("wagtail_localize:submit_page_translation", args=[home.pk]) in html
    filtered = admin_client.get(reverse("shiliu_translation_status"), {"state": "source-changed"})
    assert "共居" not in filtered.content.decode()


def test_report_is_in_the_reports_menu(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))

    assert reverse("shiliu_translation_status") in response.content.decode()
