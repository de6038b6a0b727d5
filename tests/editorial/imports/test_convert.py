"""Converting files to HTML: Word, Markdown, text in UTF-8 or GB18030, and the files refused with a reason."""

import pytest

from editorial.imports.convert import (
    IMAGE_SRC,
    DocumentImportError,
    convert,
    decode_text,
    markdown_to_html,
    text_to_html,
)
from tests.editorial.imports.documents import png_bytes, word_document


def test_a_word_document_becomes_html_with_its_embedded_image():
    html, images, warnings = convert("光明社区.docx", word_document())

    assert "<h1>光明社区：石榴籽志愿服务队走进千家万户</h1>" in html
    assert "<strong>光明社区</strong>" in html and "<table>" in html
    assert len(images) == 1 and images[0].data.startswith(b"\x89PNG")
    assert f'src="{IMAGE_SRC.format(0)}"' in html
    assert warnings == []


def test_markdown_images_are_read_relative_to_the_base_folder_and_left_out_without_one(tmp_path):
    (tmp_path / "photo.png").write_bytes(png_bytes("blue"))

    html, images = markdown_to_html("# 标题\n\n![赛马场](photo.png)", base_dir=tmp_path)
    assert [image.alt_text for image in images] == ["赛马场"]
    assert f'<img src="{IMAGE_SRC.format(0)}" alt="赛马场">' in html

    html, images = markdown_to_html("# 标题\n\n![赛马场](photo.png)")
    assert images == [] and "<img" not in html


def test_markdown_without_a_blank_line_before_a_list_still_makes_a_list():
    html, _images = markdown_to_html("标题\n正文\n- 一\n- 二")
    assert "<ul><li>一</li><li>二</li></ul>" in html


def test_markdown_text_is_escaped():
    html, _images = markdown_to_html("标题 <script>alert(1)</script>")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_plain_text_every_non_empty_line_is_a_paragraph():
    assert text_to_html("第一段。\n\n  第二段 <b>  \n") == "<p>第一段。</p>\n<p>第二段 &lt;b&gt;</p>"


def test_text_files_may_be_utf8_with_a_bom_or_gb18030():
    assert decode_text("\ufeff团结".encode()) == "团结"
    assert decode_text("民族團結".encode("gb18030")) == "民族團結"
    with pytest.raises(DocumentImportError, match="GB18030"):
        decode_text(b"\xff\xfe\xfd\x81\x20")


def test_unsupported_old_and_corrupt_files_are_refused_with_a_reason():
    with pytest.raises(DocumentImportError, match="docx"):
        convert("old.doc", b"\xd0\xcf\x11\xe0")
    with pytest.raises(DocumentImportError, match="pptx"):
        convert("slides.pptx", b"")
    with pytest.raises(DocumentImportError, match="Word"):
        convert("坏文件.docx", b"PK\x03\x04 this is not really a zip")
