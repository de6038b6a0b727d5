"""What community offices' Word files hold either comes through or is a warning saying what and where.

Each test stands for a kind of construct (issue 12): text boxes, photos in table cells,
nested tables, fields, linked images, notes, comments, tracked changes, headers and footers,
numbered lists, line breaks, full-width spaces, unsafe links, and the converter's messages.
"""

import io

import docx
from docx.shared import Cm

from editorial.imports.parse import parse_document
from tests.editorial.imports.documents import png_bytes
from tests.editorial.imports.wordml_documents import (
    comments_part,
    linked_image,
    notes_part,
    p,
    raw_docx,
    text_box,
)

LEAD = p("社区活动通知") + p("各族居民踊跃参加。")


def body_html(parsed) -> str:
    return "".join(value for kind, value in parsed.body if kind == "paragraph")


def word(build) -> bytes:
    document = docx.Document()
    document.add_paragraph("社区活动通知")
    document.add_paragraph("各族居民踊跃参加。")
    build(document)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def test_text_in_a_drawingml_text_box_without_fallback_comes_through_in_reading_order():
    data = raw_docx(
        LEAD
        + text_box("活动时间：7月15日上午9点", "活动地点：社区党群服务中心二楼", anchor_text="请注意：")
        + p("欢迎参加。")
    )

    parsed = parse_document("通知.docx", data)

    assert body_html(parsed) == (
        "<p>请注意：</p><p>活动时间：7月15日上午9点</p><p>活动地点：社区党群服务中心二楼</p><p>欢迎参加。</p>"
    )


def test_a_text_box_in_alternate_content_without_fallback_is_read_once():
    box = text_box("活动时间：7月15日上午9点")
    run = box[box.index("<w:r><w:drawing>") : box.index("</w:drawing></w:r>") + len("</w:drawing></w:r>")]
    wrapped = box.replace(
        run,
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        + run.removeprefix("<w:r>").removesuffix("</w:r>")
        + "</mc:Choice></mc:AlternateContent></w:r>",
    )

    parsed = parse_document("通知.docx", raw_docx(LEAD + wrapped))

    assert body_html(parsed).count("活动时间：7月15日上午9点") == 1


def test_photos_in_table_cells_become_image_blocks_captioned_by_the_row_below():
    def build(document):
        table = document.add_table(rows=2, cols=2)
        for column, colour in enumerate(["red", "blue"]):
            table.cell(0, column).paragraphs[0].add_run().add_picture(io.BytesIO(png_bytes(colour)), width=Cm(3))
        table.cell(1, 0).text = "志愿者合影"
        table.cell(1, 1).text = "居民包饺子"

    parsed = parse_document("照片.docx", word(build))

    # The layout table held only photos and their captions: the photos stand alone, captioned.
    assert [kind for kind, _value in parsed.body] == ["image", "image"]
    assert [(image.caption, image.show_caption) for _kind, image in parsed.body] == [
        ("志愿者合影", True),
        ("居民包饺子", True),
    ]


def test_a_table_with_text_and_a_photo_keeps_its_text_and_the_photo_follows():
    def build(document):
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "项目"
        table.cell(0, 1).text = "照片"
        table.cell(1, 0).text = "包饺子"
        table.cell(1, 1).paragraphs[0].add_run().add_picture(io.BytesIO(png_bytes()), width=Cm(3))

    parsed = parse_document("照片.docx", word(build))

    assert [kind for kind, _value in parsed.body] == ["table", "image"]
    assert parsed.body[0][1]["data"] == [["项目", "照片"], ["包饺子", ""]]


def test_a_nested_table_gives_the_outer_grid_with_the_inner_text_once_in_reading_order():
    def build(document):
        table = document.add_table(rows=3, cols=2)
        for (row, column), text in {(0, 0): "项目", (0, 1): "安排", (1, 0): "课程", (2, 0): "地点"}.items():
            table.cell(row, column).text = text
        table.cell(2, 1).text = "社区活动室"
        inner = table.cell(1, 1).add_table(rows=2, cols=2)
        for (row, column), text in {(0, 0): "上午", (0, 1): "书法", (1, 0): "下午", (1, 1): "剪纸"}.items():
            inner.cell(row, column).text = text

    parsed = parse_document("课程.docx", word(build))

    [(kind, table)] = parsed.body
    assert kind == "table"
    assert table["data"] == [["项目", "安排"], ["课程", "上午 书法 下午 剪纸"], ["地点", "社区活动室"]]
    assert table["first_row_is_table_header"]
    assert any("上午 书法 下午 剪纸" in warning for warning in parsed.warnings)


def test_a_simple_field_keeps_its_shown_result():
    field = (
        '<w:p><w:r><w:t>本文于</w:t></w:r><w:fldSimple w:instr=" DATE \\@ &quot;yyyy年M月d日&quot; ">'
        "<w:r><w:t>2025年7月1日</w:t></w:r></w:fldSimple><w:r><w:t>发布。</w:t></w:r></w:p>"
    )

    parsed = parse_document("通知.docx", raw_docx(LEAD + field))

    assert body_html(parsed) == "<p>本文于2025年7月1日发布。</p>"


def test_a_linked_image_is_a_warning_saying_where():
    data = raw_docx(
        LEAD + p("活动现场如下") + linked_image(), external_links={"rIdLinked": ("image", "file:///C:/照片/现场.jpg")}
    )

    parsed = parse_document("通知.docx", data)

    assert not any(kind == "image" for kind, _value in parsed.body)
    assert any("linked image" in warning and "活动现场如下" in warning for warning in parsed.warnings)


def test_footnotes_and_endnotes_come_through_as_numbered_paragraphs():
    body = LEAD + (
        '<w:p><w:r><w:t>石榴籽服务站</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'
        '<w:r><w:t>开放。</w:t></w:r><w:r><w:endnoteReference w:id="2"/></w:r></w:p>'
    )
    parts = [notes_part("footnote", {1: "设在社区党群服务中心。"}), notes_part("endnote", {2: "数据截至6月底。"})]

    parsed = parse_document("通知.docx", raw_docx(body, parts=parts))

    html = body_html(parsed)
    assert "<p>石榴籽服务站[1]开放。[2]</p>" in html
    assert "<p>[1] 设在社区党群服务中心。</p>" in html and "<p>[2] 数据截至6月底。</p>" in html


def test_comments_tracked_changes_headers_and_footers_are_warnings():
    body = LEAD + (
        '<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>共有120户</w:t></w:r><w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r>'
        '<w:ins w:id="5" w:author="李敏"><w:r><w:t>各族</w:t></w:r></w:ins>'
        '<w:del w:id="6" w:author="李敏"><w:r><w:delText>少数民族</w:delText></w:r></w:del>'
        "<w:r><w:t>居民参加。</w:t></w:r></w:p>"
    )
    data = raw_docx(body, parts=[comments_part({0: "请核对户数"})], header="阿吉拉沁社区简报", footer="内部资料")

    parsed = parse_document("通知.docx", data)

    assert body_html(parsed) == "<p>共有120户各族居民参加。</p>"  # insertions kept: changes read as accepted
    warnings = " ".join(parsed.warnings)
    assert "请核对户数" in warnings  # the comment
    assert "少数民族" in warnings and "tracked changes" in warnings  # the deleted text
    assert "阿吉拉沁社区简报" in warnings and "header" in warnings
    assert "内部资料" in warnings and "footer" in warnings


def test_numbered_lists_line_breaks_and_full_width_spaces_come_through():
    def build(document):
        document.add_paragraph("报名", style="List Number")
        document.add_paragraph("参加", style="List Number")
        lines = document.add_paragraph("第一行")
        lines.add_run().add_break()
        lines.add_run("第二行")
        document.add_paragraph("活动\u3000地点：二楼")

    parsed = parse_document("通知.docx", word(build))

    assert body_html(parsed) == "<ol><li>报名</li><li>参加</li></ol><p>第一行<br/>第二行</p><p>活动\u3000地点：二楼</p>"


def test_a_javascript_hyperlink_keeps_its_text_loses_its_target_and_is_reported():
    body = LEAD + (
        '<w:p><w:hyperlink r:id="rIdJs"><w:r><w:t>点击领取</w:t></w:r></w:hyperlink>'
        '<w:hyperlink r:id="rIdOk"><w:r><w:t>旗政府网站</w:t></w:r></w:hyperlink></w:p>'
    )
    links = {
        "rIdJs": ("hyperlink", "javascript:alert(document.domain)"),
        "rIdOk": ("hyperlink", "https://example.gov.cn/"),
    }

    parsed = parse_document("通知.docx", raw_docx(body, external_links=links))

    assert body_html(parsed) == '<p>点击领取<a href="https://example.gov.cn/">旗政府网站</a></p>'
    assert any("点击领取" in warning and "unsafe" in warning for warning in parsed.warnings)


def test_the_converters_own_messages_are_warnings():
    parsed = parse_document("通知.docx", raw_docx(LEAD + "<w:p><w:r><w:t>正文</w:t></w:r><w:customThing/></w:p>"))

    assert any("converter" in warning and "w:customThing" in warning for warning in parsed.warnings)


def test_a_mongolian_title_from_a_text_file_keeps_its_narrow_no_break_space():
    title = "\u182e\u1823\u1829\u182d\u1823\u182f\u202f\u1824\u1828 \u182e\u180b\u1823\u180e\u1820"

    parsed = parse_document("mongol.txt", f"{title}\u202f\n\u202f\u1824\u1828 正文\n".encode())

    assert parsed.title == title + "\u202f"
    assert parsed.summary == "\u202f\u1824\u1828 正文"


def test_a_mongolian_markdown_heading_and_table_keep_their_narrow_no_break_spaces():
    word = "\u182e\u1823\u1829\u182d\u1823\u182f\u202f\u1824\u1828\u202f"
    markdown = f"# {word}\n\n导语。\n\n| {word} | 二 |\n| --- | --- |\n| 一 | {word} |\n"

    parsed = parse_document("mongol.md", markdown.encode())

    assert parsed.title == word
    assert parsed.body[0][1]["data"] == [[word, "二"], ["一", word]]
