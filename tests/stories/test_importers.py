"""Importing Word, Markdown and text files as stories: structure, cleaning, images, tables, duplicates, bad files."""

import io
import re

import docx
import pytest
from docx.shared import Cm
from PIL import Image as PILImage

from wagtail.images import get_image_model
from wagtail.models import PageLogEntry

from editorial.models import ImportRecord
from stories.importers import (
    DocumentImportError,
    ImportResult,
    html_to_document,
    import_document,
    markdown_to_html,
    parse_document,
)
from stories.models import StoryPage
from tests.factories import StoryIndexPageFactory, UserFactory
from textkit.html import clean_html

pytestmark = pytest.mark.django_db


def png_bytes(colour: str = "red", size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def word_document() -> bytes:
    """A community report as editors receive them: title, indented paragraphs, a list, a table, a photo, a byline."""
    document = docx.Document()
    document.add_heading("光明社区：石榴籽志愿服务队走进千家万户", level=1)
    intro = document.add_paragraph("\u3000\u3000今年以来，")
    intro.add_run("光明社区").bold = True
    intro.add_run("组织各族居民开展志愿服务，")
    intro.add_run("團結互助").italic = True
    intro.add_run("蔚然成风。")
    document.add_paragraph("")
    document.add_heading("服务内容", level=2)
    document.add_paragraph("助老助残", style="List Bullet")
    document.add_paragraph("课业辅导", style="List Bullet")
    table = document.add_table(rows=3, cols=3)
    for row, cells in enumerate([("项目", "场次", "人次"), ("红石榴课堂", "48", "1,320"), ("邻里节", "6", "2,100")]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    document.add_picture(io.BytesIO(png_bytes()), width=Cm(4))
    document.add_paragraph("志愿者在社区广场合影。")
    document.add_paragraph("撰稿：乌云")
    document.add_paragraph("审核：王建国")
    document.add_paragraph("来源：中山西路街道")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


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
    assert "<p>今年以来，<b>光明社区</b>组织各族居民开展志愿服务，<i>團結互助</i>蔚然成风。</p>" in html  # indent gone
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
    assert (story.author, story.reviewer, story.source) == ("乌云", "王建国", "中山西路街道")
    assert "撰稿" not in html
    assert story.summary.startswith("今年以来，光明社区组织各族居民")
    assert PageLogEntry.objects.filter(page=story, action="shiliu.import", user=editor).exists()
    assert story.locale == index.locale


def test_the_imported_story_renders(client, index):
    result = import_document("光明社区.docx", word_document(), index, publish=True)
    response = client.get(result.page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<td>红石榴课堂</td>" in html and "<table>" in html


def test_markdown_with_headings_lists_emphasis_table_and_a_local_image(index, tmp_path):
    (tmp_path / "photo.png").write_bytes(png_bytes("blue"))
    markdown = (
        "# 那达慕上的各族群众\n\n"
        "　　草原上**搏克**比赛开始了，*各族群众*一起观看。\n"
        "第二行接着上一段。\n\n"
        "## 活动安排\n\n"
        "- 搏克\n- 赛马\n\n"
        "1. 开幕\n2. 闭幕\n\n"
        "| 项目 | 人数 |\n| --- | --- |\n| 搏克 | 64 |\n\n"
        "![赛马场](photo.png)\n\n"
        "更多信息见[旗政府网站](https://example.gov.cn/naadam)。\n"
    )
    parsed = parse_document("naadam.md", markdown.encode(), base_dir=tmp_path)

    assert parsed.title == "那达慕上的各族群众"
    kinds = [kind for kind, _value in parsed.body]
    assert kinds == ["paragraph", "table", "image", "paragraph"]
    first = parsed.body[0][1]
    assert "<p>草原上<b>搏克</b>比赛开始了，<i>各族群众</i>一起观看。 第二行接着上一段。</p>" in first
    assert "<ul><li>搏克</li><li>赛马</li></ul><ol><li>开幕</li><li>闭幕</li></ol>" in first
    assert parsed.body[1][1]["data"] == [["项目", "人数"], ["搏克", "64"]]
    assert parsed.body[1][1]["first_row_is_table_header"]
    assert parsed.body[2][1].alt_text == "赛马场"
    assert '<a href="https://example.gov.cn/naadam">旗政府网站</a>' in parsed.body[3][1]


def test_plain_text_first_line_is_the_title_and_every_line_a_paragraph(index):
    text = "\n\n  社区里的民族团结进步故事  \n\u3000\u3000第一段。\n\n第二段。\n撰稿：李敏\n"

    result = import_document("故事.txt", text.encode("gb18030"), index)

    story = StoryPage.objects.get(pk=result.page.pk)
    assert story.title == "社区里的民族团结进步故事"
    assert paragraphs(story) == "<p>第一段。</p><p>第二段。</p>"
    assert story.author == "李敏"


def test_word_junk_inline_styles_and_smart_tags_are_cleaned_and_traditional_kept():
    pasted = (
        "<!--[if gte mso 9]><xml><w:WordDocument/></xml><![endif]-->"
        '<p class="MsoNormal" style="text-indent:2em;mso-line-height-alt:12pt">'
        '<span lang="EN-US" style="font-family:宋体">&#12288;&#12288;鄂溫克族'
        '<st1:chsdate Year="2025">2025年</st1:chsdate>'
        '<font color="red">民族團結</font></span><o:p></o:p></p>'
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p><p>&nbsp; 第二段</p>'
    )
    assert clean_html(pasted) == "<p>鄂溫克族2025年民族團結</p><p>第二段</p>"


def test_a_corrupt_word_file_fails_with_a_reason_and_creates_nothing(index):
    result = import_document("坏文件.docx", b"PK\x03\x04 this is not really a zip", index)

    assert result.status == ImportResult.FAILED
    assert "Word" in result.reason
    assert not StoryPage.objects.child_of(index).exists()
    assert not ImportRecord.objects.exists()


def test_unsupported_and_old_word_files_are_refused_with_a_reason():
    with pytest.raises(DocumentImportError, match="docx"):
        parse_document("old.doc", b"\xd0\xcf\x11\xe0")
    with pytest.raises(DocumentImportError):
        parse_document("slides.pptx", b"")
    with pytest.raises(DocumentImportError):
        parse_document("empty.txt", b"\n\n   \n")


def test_importing_the_same_file_again_is_a_duplicate(index):
    data = word_document()
    first = import_document("a.docx", data, index)
    again = import_document("renamed.docx", data, index)

    assert first.status == ImportResult.CREATED
    assert again.status == ImportResult.DUPLICATE and again.page.pk == first.page.pk
    assert StoryPage.objects.child_of(index).count() == 1


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
    from stories.importers import EmbeddedImage, _stream_data

    parsed = html_to_document(
        '<p>标题</p><p>正文</p><img src="shiliu-embedded-image:0">', [EmbeddedImage(b"not an image")]
    )
    blocks, warnings = _stream_data(parsed)
    assert [kind for kind, _value in blocks] == ["paragraph"]
    assert warnings


def test_markdown_without_a_blank_line_before_a_list_still_makes_a_list():
    html, _images = markdown_to_html("标题\n正文\n- 一\n- 二")
    assert "<ul><li>一</li><li>二</li></ul>" in html
