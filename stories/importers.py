"""Import stories from Word (.docx), Markdown (.md) and plain text (.txt) files.

A file becomes one StoryPage under a story index: the first non-empty line or paragraph
is the title, the rest the body (paragraphs, headings, bold and italic, lists, tables,
images), cleaned of Word's styles and junk. Byline lines such as 撰稿：… or 审核：… fill the
byline fields. A SHA-256 of the content is recorded, so importing the same story into the
same index again (even re-saved by Word) is reported as a duplicate, not a second page.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mammoth
from bs4 import BeautifulSoup, NavigableString, Tag
from PIL import Image as PILImage

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Page

from textkit import decode
from textkit.html import clean_html

from .models import Place, StoryPage

SUPPORTED_SUFFIXES = (".docx", ".md", ".markdown", ".txt")
WEB_IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}
SUMMARY_CHARS = 120

# Byline lines Chinese community reports end (or start) with, and the field each fills.
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


class DocumentImportError(Exception):
    """A file that cannot be imported; the message says why, for the editor."""


@dataclass
class EmbeddedImage:
    """An image found in a document, not yet saved as a Wagtail image."""

    data: bytes
    alt_text: str = ""


@dataclass
class ParsedDocument:
    """What a file holds, ready to become a page."""

    title: str
    body: list[tuple[str, Any]]
    byline: dict[str, str] = field(default_factory=dict)
    summary: str = ""
    warnings: list[str] = field(default_factory=list)

    def digest(self) -> str:
        """SHA-256 of the content, not the file: the same story saved again by Word is still a duplicate."""
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


@dataclass
class ImportResult:
    """The outcome for one file: created, duplicate or failed (with the reason)."""

    CREATED = "created"
    DUPLICATE = "duplicate"
    FAILED = "failed"

    filename: str
    status: str
    page: Page | None = None
    reason: str = ""
    warnings: list[str] = field(default_factory=list)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(data: bytes) -> str:
    """The text of an uploaded text file (UTF-8 or GB18030); DocumentImportError otherwise."""
    try:
        return decode.decode_text(data)
    except decode.TextDecodeError as error:
        raise DocumentImportError(_("The text is neither UTF-8 nor GB18030.")) from error


# Converters to HTML ----------------------------------------------------------------------

_IMAGE_SRC = "shiliu-embedded-image:{}"
_STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => h2:fresh
p[style-name='标题'] => h1:fresh
"""


def docx_to_html(data: bytes) -> tuple[str, list[EmbeddedImage]]:
    """HTML of a Word document (via mammoth) and the images it embeds."""
    images: list[EmbeddedImage] = []

    def keep_image(image) -> dict[str, str]:
        with image.open() as stream:
            images.append(EmbeddedImage(stream.read(), image.alt_text or ""))
        return {"src": _IMAGE_SRC.format(len(images) - 1), "alt": image.alt_text or ""}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data), convert_image=mammoth.images.img_element(keep_image), style_map=_STYLE_MAP
        )
    except Exception as error:  # mammoth raises zip, XML and key errors on damaged files
        raise DocumentImportError(
            _("Not a readable Word document (.docx): %(error)s") % {"error": error.__class__.__name__}
        ) from error
    return result.value, images


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_MD_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
_MD_ITALIC = re.compile(r"(?<![*A-Za-z0-9])([*_])(?!\s)(.+?)(?<!\s)\1(?![*A-Za-z0-9])")
_MD_LIST_ITEM = re.compile(r"^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _md_inline(text: str, images: list[EmbeddedImage], base_dir: Path | None) -> str:
    from html import escape

    def image(match: re.Match) -> str:
        path = (base_dir / match.group(2)) if base_dir else None
        if path is None or not path.is_file():
            return ""
        images.append(EmbeddedImage(path.read_bytes(), match.group(1)))
        return f'<img src="{_IMAGE_SRC.format(len(images) - 1)}" alt="{escape(match.group(1))}">'

    text = escape(text, quote=False)
    text = _MD_IMAGE.sub(image, text)
    text = _MD_LINK.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', text)
    text = _MD_BOLD.sub(r"<b>\2</b>", text)
    return _MD_ITALIC.sub(r"<i>\2</i>", text)


def markdown_to_html(text: str, base_dir: Path | None = None) -> tuple[str, list[EmbeddedImage]]:
    """HTML of the Markdown editors write: headings, paragraphs, emphasis, lists, links, pipe tables, images."""
    images: list[EmbeddedImage] = []
    out: list[str] = []
    paragraph: list[str] = []
    lines = text.splitlines()

    def flush() -> None:
        if paragraph:
            out.append("<p>" + " ".join(paragraph) + "</p>")
            paragraph.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", stripped)
        item = _MD_LIST_ITEM.match(line)
        if not stripped:
            flush()
        elif heading:
            flush()
            level = "h1" if len(heading.group(1)) == 1 else ("h2" if len(heading.group(1)) == 2 else "h3")
            out.append(f"<{level}>{_md_inline(heading.group(2), images, base_dir)}</{level}>")
        elif re.match(r"^(\*\s*){3,}$|^(-\s*){3,}$", stripped):
            flush()
            out.append("<hr>")
        elif stripped.startswith("|") and index + 1 < len(lines) and _MD_TABLE_RULE.match(lines[index + 1]):
            flush()
            rows = [stripped]
            index += 2
            while index < len(lines) and lines[index].strip().startswith("|"):
                rows.append(lines[index].strip())
                index += 1
            cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
            head = "".join(f"<th>{_md_inline(c, images, base_dir)}</th>" for c in cells[0])
            body = "".join(
                "<tr>" + "".join(f"<td>{_md_inline(c, images, base_dir)}</td>" for c in row) + "</tr>"
                for row in cells[1:]
            )
            out.append(f"<table><tr>{head}</tr>{body}</table>")
            continue
        elif item:
            flush()
            tag = "ul" if item.group(1) else "ol"
            items = []
            while index < len(lines) and (item := _MD_LIST_ITEM.match(lines[index])):
                items.append(f"<li>{_md_inline(item.group(3), images, base_dir)}</li>")
                index += 1
            out.append(f"<{tag}>{''.join(items)}</{tag}>")
            continue
        else:
            paragraph.append(_md_inline(stripped, images, base_dir))
        index += 1
    flush()
    return "\n".join(out), images


def text_to_html(text: str) -> str:
    """Plain text: every non-empty line is a paragraph (how Chinese text files are written)."""
    from html import escape

    return "\n".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


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
            match = re.fullmatch(_IMAGE_SRC.format(r"(\d+)"), node.get("src", ""))
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
    """Read a .docx, .md or .txt file into a ParsedDocument, or raise DocumentImportError."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".docx":
        markup, images = docx_to_html(data)
    elif suffix in (".md", ".markdown"):
        markup, images = markdown_to_html(decode_text(data), base_dir)
    elif suffix == ".txt":
        markup, images = text_to_html(decode_text(data)), []
    elif suffix == ".doc":
        raise DocumentImportError(_("Old Word format (.doc): save the file as .docx and import it again."))
    else:
        raise DocumentImportError(_("Unsupported file type %(suffix)s.") % {"suffix": suffix or "?"})
    return html_to_document(markup, images)


# Saving -----------------------------------------------------------------------------------


def _save_image(embedded: EmbeddedImage, title: str):
    """A Wagtail image from embedded bytes; formats browsers cannot show are converted to PNG."""
    try:
        with PILImage.open(io.BytesIO(embedded.data)) as picture:
            picture.load()
            extension = WEB_IMAGE_FORMATS.get(picture.format or "")
            data = embedded.data
            if extension is None:
                converted = io.BytesIO()
                picture.convert("RGBA").save(converted, "PNG")
                data, extension = converted.getvalue(), "png"
    except Exception:  # Pillow cannot read EMF/WMF drawings and the like
        return None
    filename = f"import-{content_hash(data)[:12]}.{extension}"
    image = get_image_model()(title=title[:255], file=ImageFile(io.BytesIO(data), name=filename))
    image.save()
    return image


def _stream_data(parsed: ParsedDocument) -> tuple[list[tuple[str, Any]], list[str]]:
    blocks, warnings = [], list(parsed.warnings)
    image_number = 0
    for kind, value in parsed.body:
        if kind == "image":
            image_number += 1
            image = _save_image(value, f"{parsed.title} ({image_number})")
            if image is None:
                warnings.append(_("Image %(number)d could not be read and was left out.") % {"number": image_number})
                continue
            blocks.append(("image", {"image": image, "alt_text": value.alt_text, "caption": "", "credit": ""}))
        else:
            blocks.append((kind, value))
    return blocks, warnings


def _slug_for(title: str, parent: Page, digest: str) -> str:
    base = slugify(title, allow_unicode=True)[:60].strip("-") or f"story-{digest[:8]}"
    slug, number = base, 1
    while not Page._slug_is_available(slug, parent):
        number += 1
        slug = f"{base}-{number}"
    return slug


def import_document(
    filename: str,
    data: bytes,
    parent: Page,
    *,
    user=None,
    publish: bool = False,
    place: Place | None = None,
    base_dir: Path | None = None,
) -> ImportResult:
    """Import one file as a StoryPage under ``parent`` (a story index), as a draft unless ``publish``.

    Never raises for a bad file: the result says created, duplicate (with the page that
    already holds this file) or failed (with the reason).
    """
    from editorial.models import ImportRecord

    name = Path(filename).name
    try:
        parsed = parse_document(name, data, base_dir)
    except DocumentImportError as error:
        return ImportResult(name, ImportResult.FAILED, reason=str(error))
    digest = parsed.digest()
    existing = ImportRecord.objects.filter(content_hash=digest, parent=parent).select_related("page").first()
    if existing:
        return ImportResult(
            name,
            ImportResult.DUPLICATE,
            page=existing.page,
            reason=_("Already imported as “%(title)s”.") % {"title": existing.page.title},
        )
    with transaction.atomic():
        body, warnings = _stream_data(parsed)
        page = StoryPage(
            title=parsed.title,
            slug=_slug_for(parsed.title, parent, digest),
            locale=parent.locale,
            summary=parsed.summary,
            body=body,
            place=place,
            owner=user,
            live=False,
            **parsed.byline,
        )
        parent.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=False)
        log(page, "wagtail.create", user=user)
        log(page, "shiliu.import", user=user, revision=revision, data={"filename": name, "sha256": digest})
        if publish:
            revision.publish(user=user, skip_permission_checks=True)
        ImportRecord.objects.create(content_hash=digest, parent=parent, page=page, filename=name, imported_by=user)
    return ImportResult(name, ImportResult.CREATED, page=page, warnings=warnings)


def find_files(paths: list[Path]) -> list[Path]:
    """The files to import among ``paths``; folders are searched for .docx, .md and .txt (and .doc, to explain)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in (*SUPPORTED_SUFFIXES, ".doc")
                    and not p.name.startswith((".", "~$"))  # hidden files and Word's lock files
                )
            )
        else:
            found.append(path)
    return found
