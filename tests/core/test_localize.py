"""Pages through wagtail-localize's own paths: table cells are strings a translator sees in a
PO file, and a translation keeps the slug of its source."""

import json
from urllib.parse import unquote

import polib
import pytest

from django.urls import reverse

from wagtail_localize.models import StringSegment, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from core.translation_status import INCOMPLETE, translation_statuses
from tests.factories import StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

TABLE = {
    "data": [["活动", "场次", "参与人次"], ["红石榴课堂", "48", "1,320"], ["邻里节", "6", "98%"]],
    "first_row_is_table_header": True,
    "first_col_is_header": False,
    "table_caption": "一年来的活动",
    "table_header_choice": "row",
}
MONGOLIAN = {
    "首页": "ᠨᠢᠭᠤᠷ ᠬᠠᠭᠤᠳᠠᠰᠤ",
    "石榴测试首页": "ᠨᠢᠭᠤᠷ ᠬᠠᠭᠤᠳᠠᠰᠤ",
    "民族团结故事": "ᠦᠨᠳᠦᠰᠦᠲᠡᠨ\u202fᠦ ᠡᠪ ᠨᠡᠶᠢᠲᠡ\u202fᠶᠢᠨ ᠦᠯᠢᠭᠡᠷ",
    "活动": "ᠦᠢᠯᠡ ᠠᠵᠢᠯᠯᠠᠭ\u180eᠠ",
    "场次": "ᠤᠳᠠᠭ\u180eᠠ",
    "参与人次": "ᠣᠷᠣᠯᠴᠠᠭᠰᠠᠨ ᠬᠦᠮᠦᠨ ᠤᠳᠠᠭ\u180eᠠ",
    "红石榴课堂": "ᠤᠯᠠᠭᠠᠨ ᠠᠨᠠᠷ\u202fᠤᠨ ᠬᠢᠴᠢᠶᠡᠯ",
    "邻里节": "ᠠᠶᠢᠯ ᠰᠠᠭᠤᠭᠴᠢᠳ\u202fᠤᠨ ᠨᠠᠭᠠᠳᠤᠮ",
    "一年来的活动": "ᠨᠢᠭᠡ ᠵᠢᠯ\u202fᠦᠨ ᠦᠢᠯᠡ ᠠᠵᠢᠯᠯᠠᠭ\u180eᠠ",
}


def mongolian(text: str) -> str:
    return MONGOLIAN.get(text) or f"ᠮᠣᠩᠭᠣᠯ {len(text)}"


def translate_through_po(page, locale) -> Translation:
    """What a translator does: download the PO file, fill every msgstr, upload it, publish."""
    translate_object(page, [locale])
    translation = Translation.objects.get(source=TranslationSource.objects.get_for_instance(page), target_locale=locale)
    po = polib.pofile(str(translation.export_po()))
    for entry in po:
        entry.msgstr = mongolian(entry.msgid)
    translation.import_po(polib.pofile(str(po)), tool_name="PO file")
    translation.save_target(publish=True)
    return translation


@pytest.fixture
def story_with_table(home):
    index = StoryIndexPageFactory(parent=home)
    story = StoryPageFactory(
        parent=index,
        slug="table-story",
        body=[("paragraph", "<p>社区一年来的活动。</p>"), ("table", TABLE)],
    )
    story.save_revision().publish()
    return story


def test_table_cells_are_strings_of_the_po_file(story_with_table, locales):
    translate_object(story_with_table, [locales["mn"]])
    source = TranslationSource.objects.get_for_instance(story_with_table)
    translation = Translation.objects.get(source=source, target_locale=locales["mn"])

    msgids = {entry.msgid for entry in polib.pofile(str(translation.export_po()))}

    assert {"活动", "场次", "参与人次", "红石榴课堂", "邻里节", "一年来的活动"} <= msgids
    assert not {"48", "1,320", "6", "98%"} & msgids  # figures are not sent to translators


def test_the_translation_editor_offers_the_table_cells(admin_client, story_with_table, home, locales):
    translate_object(story_with_table, [locales["mn"]])
    translated = story_with_table.get_translation(locales["mn"])

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    for cell in ("红石榴课堂", "一年来的活动"):  # source strings waiting for the translator
        assert json.dumps(cell)[1:-1] in html  # the editor's props: JSON with ASCII escapes


def test_a_table_translated_through_a_po_file_shows_mongolian_cells(
    client, story_with_table, home, locales, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for page in (home, story_with_table.get_parent().specific, story_with_table):
            translate_through_po(page, locales["mn"])
    translated = story_with_table.get_translation(locales["mn"])

    html = client.get(translated.url).content.decode()

    table = html[html.index("<table>") : html.index("</table>")]
    for chinese in ("活动", "红石榴课堂", "邻里节", "一年来的活动"):
        assert MONGOLIAN[chinese] in table
        assert chinese not in table
    assert "1,320" in table
    assert "98%" in table


def test_the_translation_report_counts_table_cells(story_with_table, home, locales, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for page in (home, story_with_table.get_parent().specific):
            translate_through_po(page, locales["mn"])
        translate_object(story_with_table, [locales["mn"]])
        source = TranslationSource.objects.get_for_instance(story_with_table)
        Translation.objects.get(source=source, target_locale=locales["mn"]).save_target(publish=True)
    cells = StringSegment.objects.filter(source=source, context__path__contains="cell-").count()

    status = next(s for s in translation_statuses(locales["mn"]) if s.source.pk == story_with_table.pk)

    assert cells == 5
    assert status.state == INCOMPLETE
    done, total = (int(n) for n in status.detail.split("/"))
    assert done == 0
    assert total == StringSegment.objects.filter(source=source).count()
    assert total >= cells + 3  # title, summary, paragraph, caption and the cells


@pytest.mark.parametrize("slug", ["ajilaqin-station", "红石榴驿站开在家门口"])
def test_a_translated_page_keeps_its_source_slug(client, home, locales, slug, django_capture_on_commit_callbacks):
    index = StoryIndexPageFactory(parent=home)
    story = StoryPageFactory(parent=index, slug=slug, title="阿吉拉沁社区：红石榴驿站开在家门口")
    MONGOLIAN[story.title] = "ᠠᠵᠢᠯᠴᠢᠨ ᠬᠣᠷᠢᠶᠠᠨ᠄ ᠤᠯᠠᠭᠠᠨ ᠠᠨᠠᠷ\u202fᠤᠨ ᠥᠷᠲᠡᠭᠡ ᠭᠡᠷ\u202fᠦᠨ ᠡᠭᠦᠳᠡ\u202fᠳᠦ ᠨᠡᠭᠡᠭᠳᠡᠪᠡ"

    with django_capture_on_commit_callbacks(execute=True):
        for page in (home, index, story):
            translate_through_po(page, locales["mn"])
    translated = story.get_translation(locales["mn"])
    context_paths = set(
        StringSegment.objects.filter(source__object_id=story.translation_key).values_list("context__path", flat=True)
    )

    assert translated.title == MONGOLIAN[story.title]
    assert translated.slug == slug
    assert translated.get_parent().slug == index.slug
    assert "slug" not in context_paths  # no string for a translator to turn into a Mongolian slug
    assert client.get(translated.url).status_code == 200
    assert unquote(translated.url) == f"/mn-mong/{index.slug}/{slug}/"

    # Syncing after the Chinese title changes keeps the slug too.
    story.title = "阿吉拉沁社区：驿站的新名字"
    story.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        source, _changed = TranslationSource.update_or_create_from_instance(story)
        Translation.objects.get(source=source, target_locale=locales["mn"]).save_target(publish=True)
    translated.refresh_from_db()
    assert translated.slug == slug
