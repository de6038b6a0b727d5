"""Creating pages from imported files: a draft built by the target's page type, images, duplicates, bad files."""

import re

import pytest

from wagtail.images import get_image_model
from wagtail.models import PageLogEntry

from editorial.imports import EmbeddedImage, ImportResult, import_document
from editorial.imports.create import save_images
from editorial.imports.parse import html_to_document
from editorial.models import ImportRecord
from stories.models import StoryPage
from tests.editorial.imports.documents import word_document
from tests.factories import PlaceFactory, StoryIndexPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    return StoryIndexPageFactory(parent=home, slug="import-here")


def paragraphs(page: StoryPage) -> str:
    html = "".join(block.value.source for block in page.body if block.block_type == "paragraph")
    return re.sub(r' data-block-key="[^"]*"', "", html)


def test_a_word_document_becomes_a_draft_story_with_its_structure(index):
    editor = UserFactory(username="importer")

    result = import_document("光明社区.docx", word_document(), index, user=editor)

    assert result.status == ImportResult.CREATED, result.reason
    story = StoryPage.objects.get(pk=result.page.pk)
    assert story.title == "光明社区：石榴籽志愿服务队走进千家万户"
    assert not story.live and story.owner == editor and story.get_parent().pk == index.pk
    assert [block.block_type for block in story.body] == ["paragraph", "table", "image", "paragraph"]
    html = paragraphs(story)
    # The lead paragraph is the summary, and is not repeated in the body.
    assert "今年以来" not in html
    assert "<h2>服务内容</h2>" in html
    assert "<ul><li>助老助残</li><li>课业辅导</li></ul>" in html
    assert "<p></p>" not in html and "style=" not in html and "class=" not in html
    assert story.body[1].value["data"] == [
        ["项目", "场次", "人次"],
        ["红石榴课堂", "48", "1,320"],
        ["邻里节", "6", "2,100"],
    ]
    image = story.body[2].value["image"]
    assert isinstance(image, get_image_model()) and (image.width, image.height) == (40, 30)
    assert story.hero_image == image  # the first image is the main image
    assert (story.author, story.reviewer, story.source) == ("乌云", "王建国", "中山西路街道")
    assert "撰稿" not in html
    assert story.summary == "今年以来，光明社区组织各族居民开展志愿服务，團結互助蔚然成风。"  # indent gone
    assert PageLogEntry.objects.filter(page=story, action="wagtail.create", user=editor).exists()
    assert PageLogEntry.objects.filter(page=story, action="shiliu.import", user=editor).exists()
    assert story.locale == index.locale
    assert ImportRecord.objects.get(page=story).filename == "光明社区.docx"


def test_the_imported_story_renders(client, index):
    result = import_document("光明社区.docx", word_document(), index, publish=True)
    assert result.page.live
    response = client.get(result.page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<td>红石榴课堂</td>" in html and "<table>" in html


def test_plain_text_first_line_is_the_title_and_every_line_a_paragraph(index):
    text = "\n\n  社区里的民族团结进步故事  \n\u3000\u3000第一段。\n\n第二段。\n撰稿：李敏\n"

    result = import_document("故事.txt", text.encode("gb18030"), index)

    story = StoryPage.objects.get(pk=result.page.pk)
    assert story.title == "社区里的民族团结进步故事"
    assert story.summary == "第一段。"
    assert paragraphs(story) == "<p>第二段。</p>"
    assert story.author == "李敏"
    assert story.hero_image is None


def test_options_reach_the_page_type(index):
    place = PlaceFactory(name="光明社区")

    result = import_document("a.txt", "标题\n正文".encode(), index, options={"place": place})

    assert StoryPage.objects.get(pk=result.page.pk).place == place


def test_a_corrupt_word_file_fails_with_a_reason_and_creates_nothing(index):
    result = import_document("坏文件.docx", b"PK\x03\x04 this is not really a zip", index)

    assert result.status == ImportResult.FAILED
    assert "Word" in result.reason
    assert not StoryPage.objects.child_of(index).exists()
    assert not ImportRecord.objects.exists()


def test_a_page_that_takes_no_imports_is_refused(home):
    with pytest.raises(TypeError):
        import_document("a.txt", "标题\n正文".encode(), home)


def test_importing_the_same_file_again_is_a_duplicate(index):
    data = word_document()
    first = import_document("a.docx", data, index)
    again = import_document("renamed.docx", data, index)

    assert first.status == ImportResult.CREATED
    assert again.status == ImportResult.DUPLICATE and again.page.pk == first.page.pk
    assert StoryPage.objects.child_of(index).count() == 1
    assert ImportRecord.objects.count() == 1


def test_the_same_file_may_go_into_another_section(index, home):
    other = StoryIndexPageFactory(parent=home, slug="other-index")
    data = "标题\n正文".encode()
    assert import_document("a.txt", data, index).status == ImportResult.CREATED
    assert import_document("a.txt", data, other).status == ImportResult.CREATED


def test_two_files_with_the_same_title_get_different_slugs(index):
    first = import_document("a.txt", "同一个标题\n一".encode(), index)
    second = import_document("b.txt", "同一个标题\n二".encode(), index)
    assert first.page.slug != second.page.slug


def test_an_unreadable_embedded_image_is_left_out_with_a_warning():
    parsed = html_to_document(
        '<p>标题</p><p>导语</p><p>正文</p><img src="shiliu-embedded-image:0">', [EmbeddedImage(b"not an image")]
    )
    document, warnings = save_images(parsed)
    assert [kind for kind, _value in document.body] == ["paragraph"]
    assert document.main_image is None
    assert warnings


def test_the_first_image_is_the_main_image_with_alt_text_from_the_caption_never_the_title(index):
    result = import_document("光明社区.docx", word_document(), index)

    story = StoryPage.objects.get(pk=result.page.pk)
    [image_block] = [block for block in story.body if block.block_type == "image"]
    assert story.hero_image == image_block.value["image"]
    # python-docx writes no alt text: the caption under the photo is used.
    assert image_block.value["alt_text"] == "志愿者在社区广场合影。"
    assert story.title not in image_block.value["alt_text"] and "(1)" not in image_block.value["image"].title


def test_the_document_alt_text_wins_over_the_caption_and_file_names_are_not_alt_text():
    from editorial.imports.create import alt_text_for

    assert alt_text_for(EmbeddedImage(b"", alt_text="搏克手入场", caption="图1")) == "搏克手入场"
    assert alt_text_for(EmbeddedImage(b"", alt_text="IMG_2031.JPG", caption="搏克手入场")) == "搏克手入场"
    assert alt_text_for(EmbeddedImage(b"", alt_text="图片 3", caption="")) == ""


def test_a_first_row_of_labels_is_a_header_row(index):
    result = import_document("光明社区.docx", word_document(), index)

    table = next(block for block in StoryPage.objects.get(pk=result.page.pk).body if block.block_type == "table")
    assert table.value["first_row_is_table_header"]


def test_a_chinese_title_gets_a_short_readable_stable_pinyin_slug(index):
    result = import_document("光明社区.docx", word_document(), index)

    assert result.page.slug == "guang-ming-she-qu-shi-liu-zi-zhi-yuan-fu-wu-dui"
    assert len(result.page.slug) <= 50 and "%" not in result.page.url


def test_a_mongolian_title_gets_the_date_and_content_id_as_slug(index):
    title = "\u182e\u1823\u1829\u182d\u1823\u182f\u202f\u1824\u1828"
    result = import_document("mongol.txt", f"{title}\n\u1824\u1828\n".encode(), index)

    story = StoryPage.objects.get(pk=result.page.pk)
    assert story.title == title  # U+202F kept
    assert re.fullmatch(r"import-\d{8}-[0-9a-f]{6}", story.slug)


def test_the_mongolian_translation_of_an_imported_story_keeps_its_pinyin_slug(index, locales):
    result = import_document("光明社区.docx", word_document(), index)

    translation = result.page.copy_for_translation(locales["mn"], copy_parents=True)

    assert translation.slug == result.page.slug == "guang-ming-she-qu-shi-liu-zi-zhi-yuan-fu-wu-dui"
