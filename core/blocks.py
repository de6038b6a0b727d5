"""Blocks shared by every content app: import them, never redefine them."""

import copy

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail_localize.segments import StringSegmentValue

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text: headings, emphasis, lists and links, nothing that fights the site's styles."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "components/blocks/paragraph_block.html"
        preview_value = "<p>社区把红石榴课堂办到了居民家门口。</p>"


class CaptionedImageBlock(blocks.StructBlock):
    """A photo with the caption and credit a publication needs (摄影)."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_("Describe the photo for people who cannot see it; defaults to the caption."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)
    credit = blocks.CharBlock(label=_("Photo credit"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/blocks/captioned_image_block.html"
        preview_value = {"caption": "那达慕大会上的搏克比赛", "credit": "社区供图"}


class PullQuoteBlock(blocks.StructBlock):
    """A sentence worth repeating, with who said it."""

    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Pull quote")
        template = "components/blocks/pull_quote_block.html"
        preview_value = {"quote": "各民族像石榴籽一样紧紧抱在一起。", "attribution": "社区居民"}


class FigureBlock(blocks.StructBlock):
    """One hard number a story reports, such as households served."""

    value = blocks.CharBlock(label=_("Figure"), max_length=20, help_text=_("For example 1,200 or 98%"))
    unit = blocks.CharBlock(label=_("Unit"), required=False, max_length=20)
    label = blocks.CharBlock(label=_("What it counts"), max_length=80)

    class Meta:
        icon = "table"
        label = _("Figure")
        template = "components/blocks/figure_block.html"
        preview_value = {"value": "326", "unit": "户", "label": "服务居民家庭"}


class FiguresBlock(blocks.StructBlock):
    """The hard numbers of a story, shown side by side."""

    heading = blocks.CharBlock(label=_("Heading"), required=False)
    figures = blocks.ListBlock(FigureBlock(), min_num=1, max_num=8, label=_("Figures"))

    class Meta:
        icon = "table"
        label = _("Figures")
        template = "components/blocks/figures_block.html"
        preview_value = {
            "heading": "一年来",
            "figures": [
                {"value": "326", "unit": "户", "label": "服务居民家庭"},
                {"value": "48", "unit": "场", "label": "开展活动"},
            ],
        }


class VideoBlock(blocks.StructBlock):
    """A video file the site serves itself, so it plays inside WeChat without outside hosts."""

    video = DocumentChooserBlock(label=_("Video file (MP4)"))
    poster = ImageChooserBlock(label=_("Poster image"), required=False)
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "components/blocks/video_block.html"
        preview_value = {"caption": "社区民族团结文艺汇演"}


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a downloadable document, with its size and type shown."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "components/blocks/document_link_block.html"
        preview_value = {"title": "民族团结进步创建工作手册"}


class TableBlock(WagtailTableBlock):
    """A plain table (schedules, figures by community), as Word documents often carry.

    wagtail-localize skips Wagtail's TableBlock; this one offers its caption and each cell
    holding a word as a translatable segment (path ``caption`` or ``cell-<row>-<column>``),
    so a translator sees table cells in the editor and in PO files like any other string.
    Cells of digits and signs only (48, 1,320, 98%) stay as they are.
    """

    def get_translatable_segments(self, value) -> list[StringSegmentValue]:
        """The caption and the cells with a letter in them, in reading order."""
        if not isinstance(value, dict):
            return []
        segments = []
        caption = value.get("table_caption")
        if isinstance(caption, str) and _has_letter(caption):
            segments.append(StringSegmentValue("caption", caption.strip()))
        for row_index, row in enumerate(value.get("data") or []):
            for column_index, cell in enumerate(row or []):
                if isinstance(cell, str) and _has_letter(cell):
                    segments.append(StringSegmentValue(f"cell-{row_index}-{column_index}", cell.strip()))
        return segments

    def restore_translated_segments(self, value, segments) -> dict:
        """A copy of the source table with the translated caption and cells put back in place."""
        table = copy.deepcopy(value) if isinstance(value, dict) else {}
        data = table.get("data") or []
        for segment in segments:
            if not isinstance(segment, StringSegmentValue):
                continue
            text = segment.render_text()
            if segment.path == "caption":
                table["table_caption"] = text
                continue
            _cell, row_index, column_index = segment.path.split("-")
            row_index, column_index = int(row_index), int(column_index)
            if row_index < len(data) and column_index < len(data[row_index] or []):
                data[row_index][column_index] = text
        return table

    class Meta:
        icon = "table"
        label = _("Table")
        template = "components/blocks/table_block.html"
        preview_value = {
            "data": [["活动", "场次", "参与人次"], ["红石榴课堂", "48", "1,320"], ["邻里节", "6", "2,100"]],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "",
            "table_header_choice": "row",
        }


def _has_letter(text: str) -> bool:
    return any(character.isalpha() for character in text)


class BodyStreamBlock(blocks.StreamBlock):
    """The body of an article: stories and campaigns use the same blocks."""

    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = PullQuoteBlock()
    figures = FiguresBlock()
    video = VideoBlock()
    document = DocumentLinkBlock()
    table = TableBlock()

    class Meta:
        template = "components/blocks/body_stream_block.html"
