"""Parsing cleaned HTML into a document: title, byline, summary, body blocks, tables, images, the content digest."""

import pytest

from core.mixins import BylineMixin
from editorial.imports.convert import IMAGE_SRC, DocumentImportError, EmbeddedImage
from editorial.imports.parse import BYLINE_LABELS, html_to_document, parse_document
from tests.editorial.imports.documents import png_bytes, word_document


def test_the_byline_labels_fill_the_byline_fields_pages_have():
    assert set(BYLINE_LABELS) == set(BylineMixin.BYLINE_FIELDS)


def test_a_word_document_gives_title_byline_summary_and_blocks():
    parsed = parse_document("光明社区.docx", word_document())

    assert parsed.title == "光明社区：石榴籽志愿服务队走进千家万户"
    assert parsed.byline == {"author": "乌云", "reviewer": "王建国", "source": "中山西路街道"}
    # The lead paragraph is the summary and leaves the body (the page shows the summary above it).
    assert parsed.summary == "今年以来，光明社区组织各族居民开展志愿服务，團結互助蔚然成风。"
    assert [kind for kind, _value in parsed.body] == ["paragraph", "table", "image", "paragraph"]
    assert parsed.body[0][1].startswith("<h2>服务内容</h2>") and "今年以来" not in parsed.body[0][1]
    assert parsed.body[1][1]["data"][0] == ["项目", "场次", "人次"]
    assert isinstance(parsed.body[2][1], EmbeddedImage)
    assert "撰稿" not in "".join(value for kind, value in parsed.body if kind == "paragraph")


def test_markdown_with_headings_lists_emphasis_table_and_a_local_image(tmp_path):
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
    assert parsed.summary == "草原上搏克比赛开始了，各族群众一起观看。 第二行接着上一段。"
    assert "草原上" not in first
    assert "<ul><li>搏克</li><li>赛马</li></ul><ol><li>开幕</li><li>闭幕</li></ol>" in first
    assert parsed.body[1][1]["data"] == [["项目", "人数"], ["搏克", "64"]]
    assert parsed.body[1][1]["first_row_is_table_header"]
    assert parsed.body[2][1].alt_text == "赛马场"
    assert '<a href="https://example.gov.cn/naadam">旗政府网站</a>' in parsed.body[3][1]


def test_word_junk_inline_styles_and_smart_tags_are_cleaned_and_traditional_kept():
    pasted = (
        "<p>标题</p>"
        "<!--[if gte mso 9]><xml><w:WordDocument/></xml><![endif]-->"
        '<p class="MsoNormal" style="text-indent:2em;mso-line-height-alt:12pt">'
        '<span lang="EN-US" style="font-family:宋体">&#12288;&#12288;鄂溫克族'
        '<st1:chsdate Year="2025">2025年</st1:chsdate>'
        '<font color="red">民族團結</font></span><o:p></o:p></p>'
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p><p>&nbsp; 第二段</p>'
    )
    parsed = html_to_document(pasted, [])
    assert parsed.summary == "鄂溫克族2025年民族團結"
    assert parsed.body == [("paragraph", "<p>第二段</p>")]


def test_bracketed_byline_lines_and_their_alternative_labels():
    parsed = html_to_document(
        "<p>标题</p><p>导语。</p><p>正文。</p><p>（责任编辑：张丽）</p><p>稿件来源: 旗民委</p>", []
    )

    assert parsed.byline == {"responsible_editor": "张丽", "source": "旗民委"}
    assert parsed.body == [("paragraph", "<p>正文。</p>")]


def test_an_image_inside_a_paragraph_splits_it():
    parsed = html_to_document(
        f'<p>标题</p><p>导语。</p><p>前文<img src="{IMAGE_SRC.format(0)}">后文</p>', [EmbeddedImage(b"x")]
    )
    assert [kind for kind, _value in parsed.body] == ["paragraph", "image", "paragraph"]


def test_a_file_without_text_has_no_title():
    with pytest.raises(DocumentImportError):
        parse_document("empty.txt", b"\n\n   \n")


def test_the_digest_follows_the_content_not_the_file_name_or_bytes():
    one = parse_document("a.txt", "标题\n正文".encode())
    same = parse_document("b.txt", "\ufeff标题\r\n\r\n正文\r\n".encode())
    other = parse_document("a.txt", "标题\n另一段正文".encode())

    assert one.digest() == same.digest()
    assert one.digest() != other.digest()
