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

from textkit.html import clean_html

from .convert import IMAGE_SRC, DocumentImportError, EmbeddedImage, convert

SUMMARY_CHARS = 120

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
        for part in [self.title, json.dumps(self.byline, sort_keys=True)]:
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


def _table_value(table: Tag) -> dict:
    rows = []
    for tr in table.find_all("tr"):
        rows.append([" ".join(cell.get_text(" ", strip=True).split()) for cell in tr.find_all(["td", "th"])])
    width = max((len(row) for row in rows), default=0)
    rows = [row + [""] * (width - len(row)) for row in rows if any(row)]
    header = bool(table.find("th")) or bool(table.find("thead"))
    if not header and rows:
        # Word tables rarely mark their header; a bold first row is one.
        first = table.find("tr")
        header = bool(first) and all(
            cell.find("b") for cell in first.find_all(["td", "th"]) if cell.get_text(strip=True)
        )
    return {
        "data": rows,
        "first_row_is_table_header": header,
        "first_col_is_header": False,
        "table_caption": "",
        "table_header_choice": "row" if header else "neither",
    }


def html_to_document(markup: str, images: list[EmbeddedImage]) -> ParsedDocument:
    """Split cleaned HTML into title, byline, summary and body blocks."""
    soup = BeautifulSoup(clean_html(markup), "html.parser")
    _split_around_images(soup)
    title, byline, summary = "", {}, ""
    body: list[tuple[str, Any]] = []
    text_run: list[str] = []
    warnings: list[str] = []

    def flush() -> None:
        html = "".join(text_run).strip()
        if html:
            body.append(("paragraph", html))
        text_run.clear()

    for node in list(soup.contents):
        if isinstance(node, NavigableString):
            continue
        # Chinese needs no space where inline tags meet; only runs of white space become one.
        text = " ".join(node.get_text("").split())
        if node.name == "img":
            flush()
            match = re.fullmatch(IMAGE_SRC.format(r"(\d+)"), node.get("src", ""))
            if match:
                body.append(("image", images[int(match.group(1))]))
            continue
        if node.name == "table":
            flush()
            value = _table_value(node)
            if value["data"]:
                body.append(("table", value))
            continue
        if node.name in {"p", "h2", "h3"} and text:
            if not title:
                title = text
                continue
            byline_match = _BYLINE_LINE.match(text)
            if byline_match and len(text) <= 60:
                for name, labels in BYLINE_LABELS.items():
                    if byline_match.group("label") in labels:
                        byline.setdefault(name, byline_match.group("value").strip())
                continue
            if not summary and node.name == "p":
                summary = Truncator(text).chars(SUMMARY_CHARS)
        if node.name in _TEXT_BLOCKS and (text or node.name == "hr"):
            text_run.append(str(node))
    flush()
    if not title:
        raise DocumentImportError(_("The file has no text to take a title from."))
    return ParsedDocument(title=title[:255], body=body, byline=byline, summary=summary, warnings=warnings)


def parse_document(filename: str, data: bytes, base_dir: Path | None = None) -> ParsedDocument:
    """Read a .docx, .md or .txt file into a ParsedDocument, or raise DocumentImportError.

    Args:
        filename: the file's name; its suffix chooses the converter.
        data: the file's bytes.
        base_dir: the folder Markdown image paths are relative to.
    """
    return html_to_document(*convert(filename, data, base_dir))
