"""One walker for the texts in field and StreamField values, rich text rewriting, and raw JSON."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.rich_text import RichText

from textkit.stream import iter_texts, map_rich_text, raw_stream_texts


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label="Quote text")
    attribution = blocks.CharBlock(label="Attribution")


class FiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Heading")
    figures = blocks.ListBlock(blocks.StructBlock([("label", blocks.CharBlock(label="Label"))]), label="Figures")
    count = blocks.IntegerBlock(label="Count")


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label="Paragraph")
    quote = QuoteBlock(label="Quote")
    figures = FiguresBlock(label="Figures")
    table = TableBlock(label="Table")


RAW = [
    {"type": "paragraph", "value": "<p>段落<b>文字</b></p><p>A &amp; B</p>", "id": "1"},
    {"type": "quote", "value": {"quote": "引语", "attribution": "居民"}, "id": "2"},
    {"type": "figures", "value": {"heading": "成果", "figures": [{"label": "活动"}], "count": 3}, "id": "3"},
    {
        "type": "table",
        "value": {
            "data": [["表头", None], ["单元格", "1"]],
            "table_caption": "表题",
            "cell": [{"row": 0, "col": 0, "className": "htCenter"}],
            "first_row_is_table_header": True,
        },
        "id": "4",
    },
]


def body():
    return BodyBlock().to_python(RAW)


def test_iter_texts_labels_every_text_with_its_block_path():
    texts = list(iter_texts(body(), "Body"))
    assert texts == [
        ("Body › Paragraph", "段落文字\nA & B\n"),
        ("Body › Quote › Quote text", "引语"),
        ("Body › Quote › Attribution", "居民"),
        ("Body › Figures › Heading", "成果"),
        ("Body › Figures › Figures › Label", "活动"),
        ("Body › Table", "表题"),
        ("Body › Table", "表头"),
        ("Body › Table", "单元格"),
        ("Body › Table", "1"),
    ]


def test_iter_texts_of_plain_values():
    assert list(iter_texts("纯文本", "Title")) == [("Title", "纯文本")]
    assert list(iter_texts("<p>摘要</p>", "Summary")) == [("Summary", "摘要\n")]
    assert list(iter_texts(RichText("<p>正文</p>"))) == [("", "正文\n")]
    assert list(iter_texts(None, "x")) == [] and list(iter_texts(3, "x")) == []
    assert list(iter_texts(["甲", ("乙",)], "List")) == [("List", "甲"), ("List", "乙")]


def test_map_rich_text_rewrites_rich_text_in_place():
    value = body()
    map_rich_text(value, str.upper)
    assert value[0].value.source == "<P>段落<B>文字</B></P><P>A &AMP; B</P>"
    assert value[1].value["quote"] == "引语"  # plain text is left alone


def test_raw_stream_texts_reads_json_without_blocks():
    texts = list(raw_stream_texts(RAW))
    assert texts == ["段落文字\nA & B\n", "引语", "居民", "成果", "活动", "表题", "表头", "单元格", "1"]
