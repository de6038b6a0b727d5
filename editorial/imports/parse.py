"""Stage two of an import: cleaned HTML becomes a :class:`ParsedDocument`.

The first non-empty paragraph or heading is the title, byline lines (撰稿：… 审核：…) fill
the byline, the first paragraph after them is the summary, and the rest becomes body
blocks of ``BodyStreamBlock``: paragraphs (headings, lists and emphasis kept), tables and
images (still :class:`~editorial.imports.convert.EmbeddedImage`, saved by the create stage).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from textkit.html import clean_html, safe_url, squeeze_spaces, strip_spaces
from textkit.limits import Deadline

from .convert import IMAGE_SRC, DocumentImportError, EmbeddedImage, convert

#: A first paragraph up to this long is the summary (and leaves the body); a longer one stays.
SUMMARY_CHARS = 120
#: The longest paragraph read as the caption of the image just before it.
CAPTION_CHARS = 60
#: Header cells are labels: short, and not figures.
HEADER_CELL_CHARS = 12
IMAGE_SCHEME = IMAGE_SRC.split(":", 1)[0]
_IMAGE_SRC = re.compile(IMAGE_SRC.format(r"(\d+)"))

# Byline lines Chinese community reports end (or start) with, and the byline field each
# fills: the keys are BylineMixin.BYLINE_FIELDS; a page type without one ignores it.
BYLINE_LABELS = {
    "author": ("撰稿", "撰文", "作者", "文"),
    "reviewer": ("审核", "审稿", "审核人"),
    "source": ("来源", "稿件来源"),
    "responsible_editor": ("责编", "责任编辑"),
}
_BYLINE_LINE = re.compile(
    r"^\s*[（(]?\s*(?P<label>{})\s*[:：]\s*(?P<value>[^）)]+?)\s*[）)]?\s*$".format(
        "|".join(sorted((label for labels in BYLINE_LABELS.values() for label in labels), key=len, reverse=True))
    )
)


@dataclass
class ParsedDocument:
    """What a file holds, ready to become a page."""

    title: str
    body: list[tuple[str, Any]]
    byline: dict[str, str] = field(default_factory=dict)
    summary: str = ""
    warnings: list[str] = field(default_factory=list)

    def digest(self) -> str:
        """SHA-256 of the content, not the file: the same document saved again by Word is still a duplicate."""
        content = hashlib.sha256()
        for part in [self.title, self.summary, json.dumps(self.byline, sort_keys=True)]:
            content.update(part.encode() + b"\0")
        for kind, value in self.body:
            content.update(kind.encode() + b"\0")
            if isinstance(value, EmbeddedImage):
                content.update(value.data)
            else:
                content.update(json.dumps(value, sort_keys=True, ensure_ascii=False).encode())
            content.update(b"\0")
        return content.hexdigest()


# From clean HTML to stream blocks ---------------------------------------------------------

_TEXT_BLOCKS = {"p", "h2", "h3", "ul", "ol", "hr"}


def _split_around_images(soup: BeautifulSoup) -> None:
    """Lift images out of paragraphs, splitting the paragraph around them."""
    for img in soup.find_all("img"):
        parent = img.parent
        if parent is soup or parent.name not in {"p", "h2", "h3", "li", "b", "i", "a"}:
            continue
        block = img.find_parent(["p", "h2", "h3", "ul", "ol"])
        if block is None or block.parent is not soup:
            continue
        if block.name in {"ul", "ol"}:
            block.insert_after(img.extract())
            continue
        after = soup.new_tag(block.name)
        for sibling in list(img.next_siblings):
            after.append(sibling.extract())
        block.insert_after(after)
        block.insert_after(img.extract())


def _rows(table: Tag) -> list[Tag]:
    """The table's own rows, not those of tables nested in its cells."""
    rows = []
    for child in table.find_all(["thead", "tbody", "tfoot", "tr"], recursive=False):
        rows.extend([child] if child.name == "tr" else child.find_all("tr", recursive=False))
    return rows


def _cells(row: Tag) -> list[Tag]:
    return row.find_all(["td", "th"], recursive=False)


def _looks_like_header(cells: list[str], rows: list[list[str]]) -> bool:
    """A first row of short labels without figures above at least one row: Word rarely marks its header."""
    return (
        len(rows) > 1
        and all(cells)
        and all(len(cell) <= HEADER_CELL_CHARS and not re.search(r"\d", cell) for cell in cells)
        and len(set(cells)) == len(cells)
    )


def _table_value(table: Tag, warnings: list[str]) -> dict:
    """A TableBlock value: the outer table's grid; a table nested in a cell becomes the cell's text, once."""
    rows = []
    for tr in _rows(table):
        row = []
        for cell in _cells(tr):
            if cell.find("table"):
                warnings.append(
                    _("A table inside a table cell was flattened into the cell's text: “%(text)s”.")
                    % {"text": Truncator(squeeze_spaces(cell.get_text(" "))).chars(40)}
                )
            row.append(squeeze_spaces(cell.get_text(" ")))
        rows.append(row)
    width = max((len(row) for row in rows), default=0)
    rows = [row + [""] * (width - len(row)) for row in rows if any(row)]
    header = bool(table.find("th", recursive=True)) or bool(table.find("thead", recursive=False))
    first = _rows(table)[0] if _rows(table) else None
    if not header and first is not None and rows:
        # Word tables rarely mark their header; a bold first row, or one of short labels, is one.
        bold = all(cell.find("b") for cell in _cells(first) if cell.get_text(strip=True))
        header = bold or _looks_like_header(rows[0], rows)
    return {
        "data": rows,
        "first_row_is_table_header": header,
        "first_col_is_header": False,
        "table_caption": "",
        "table_header_choice": "row" if header else "neither",
    }


def _table_images(table: Tag, images: list[EmbeddedImage]) -> list[EmbeddedImage]:
    """The images in a table's cells, taken out of it, each captioned by the cell below it (or its own text).

    Photos laid out in a grid with captions under them are the common case: the photos
    become image blocks after the table; caption cells that served a photo leave the table.
    """
    found = []
    rows = _rows(table)
    for row_number, tr in enumerate(rows):
        for column, cell in enumerate(_cells(tr)):
            for img in cell.find_all("img"):
                match = _IMAGE_SRC.fullmatch(img.get("src", ""))
                img.decompose()
                if not match:
                    continue
                image = images[int(match.group(1))]
                caption_cell = cell if cell.get_text(strip=True) else None
                if caption_cell is None and row_number + 1 < len(rows):
                    below = _cells(rows[row_number + 1])
                    below_cell = below[column] if column < len(below) else None
                    if below_cell is not None and not below_cell.find("img") and below_cell.get_text(strip=True):
                        caption_cell = below_cell
                if caption_cell is not None:
                    image.caption = squeeze_spaces(caption_cell.get_text(" "))[:255]
                    image.show_caption = True
                    caption_cell.clear()
                found.append(image)
    return found


def html_to_document(markup: str, images: list[EmbeddedImage], warnings: list[str] | None = None) -> ParsedDocument:
    """Split HTML into title, byline, summary and body blocks (the HTML is cleaned first).

    Args:
        markup: HTML from a converter, or pasted.
        images: the embedded images the HTML refers to by :data:`~.convert.IMAGE_SRC`.
        warnings: the converter's warnings, kept first in the document's warnings.
    """
    warnings = list(warnings or [])
    for link in BeautifulSoup(markup, "html.parser").find_all("a", href=True):
        if not safe_url(link["href"]):
            warnings.append(
                _("The link on “%(text)s” points to an unsafe address and was removed (its text is kept).")
                % {"text": Truncator(squeeze_spaces(link.get_text(" "))).chars(40)}
            )
    soup = BeautifulSoup(clean_html(markup, image_schemes=[IMAGE_SCHEME]), "html.parser")
    _split_around_images(soup)
    title, byline, summary = "", {}, ""
    body: list[tuple[str, Any]] = []
    text_run: list[str] = []
    last_image: EmbeddedImage | None = None
    summary_done = False

    def flush() -> None:
        html = "".join(text_run).strip()
        if html:
            body.append(("paragraph", html))
        text_run.clear()

    for node in list(soup.contents):
        if isinstance(node, NavigableString):
            continue
        # Chinese needs no space where inline tags meet; only runs of white space become one.
        text = squeeze_spaces(node.get_text(""))
        if node.name in {"p", "h2", "h3"} and not text:
            continue  # left empty where an image was lifted out: not what comes after the image
        if node.name == "img":
            flush()
            match = _IMAGE_SRC.fullmatch(node.get("src", ""))
            if match:
                last_image = images[int(match.group(1))]
                body.append(("image", last_image))
            continue
        if node.name == "table":
            flush()
            table_images = _table_images(node, images)
            value = _table_value(node, warnings)
            if value["data"]:
                body.append(("table", value))
            body.extend(("image", image) for image in table_images)
            last_image = None
            continue
        if node.name in {"p", "h2", "h3"} and text:
            if not title:
                title = text
                continue
            byline_match = _BYLINE_LINE.match(text)
            if byline_match and len(text) <= 60:
                for name, labels in BYLINE_LABELS.items():
                    if byline_match.group("label") in labels:
                        byline.setdefault(name, strip_spaces(byline_match.group("value")))
                continue
            if last_image is not None and node.name == "p" and len(text) <= CAPTION_CHARS:
                last_image.caption = last_image.caption or text  # the caption under a photo: its alt text
            if not summary_done and node.name == "p":
                summary_done = True
                if len(text) <= SUMMARY_CHARS:
                    summary = text  # the lead paragraph: shown as the summary, so not again in the body
                    last_image = None
                    continue
                warnings.append(
                    _(
                        "The first paragraph is longer than %(count)d characters, so it stays in the body "
                        "and the summary is left empty: write one."
                    )
                    % {"count": SUMMARY_CHARS}
                )
        last_image = None
        if node.name in _TEXT_BLOCKS and (text or node.name == "hr"):
            text_run.append(str(node))
    flush()
    if not title:
        raise DocumentImportError(_("The file has no text to take a title from."))
    return ParsedDocument(title=title[:255], body=body, byline=byline, summary=summary, warnings=warnings)


def parse_document(
    filename: str, data: bytes, base_dir: Path | None = None, deadline: Deadline | None = None
) -> ParsedDocument:
    """Read a .docx, .md or .txt file into a ParsedDocument, or raise DocumentImportError.

    Args:
        filename: the file's name; its suffix chooses the converter.
        data: the file's bytes.
        base_dir: the folder Markdown image paths are relative to.
        deadline: when reading must end (see :func:`~.convert.convert`).
    """
    return html_to_document(*convert(filename, data, base_dir, deadline))
