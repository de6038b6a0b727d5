"""Stage one of an import: a file's bytes become HTML and the images it embeds.

Word (.docx) goes through mammoth, Markdown and plain text through small converters
written for how editors write them. Embedded images are kept aside as bytes; the HTML
refers to each by :data:`IMAGE_SRC` and its number. Nothing here touches the database.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import NamedTuple

import mammoth
from bs4 import BeautifulSoup

from django.utils.translation import gettext as _

from textkit import decode
from textkit.html import strip_spaces
from textkit.limits import Deadline, LimitExceeded, check_archive

from .wordml import prepare_docx

SUPPORTED_SUFFIXES = (".docx", ".md", ".markdown", ".txt")

#: The largest Markdown or text file read (a long report is well under 1 MB).
MAX_TEXT_BYTES = 5 * 1024 * 1024

#: The ``src`` an embedded image gets in the HTML: its number in the list of images.
IMAGE_SRC = "shiliu-embedded-image:{}"


class DocumentImportError(Exception):
    """A file that cannot be imported; the message says why, for the editor."""


class Converted(NamedTuple):
    """A file as HTML (not yet cleaned), the images it embeds, and what could not be kept."""

    html: str
    images: list[EmbeddedImage]
    warnings: list[str]


def limit_error(error: LimitExceeded) -> DocumentImportError:
    """The editor's message for a file past a limit (textkit.limits), translated."""
    messages = {
        "archive": _("The file is too large to import."),
        "parts": _("The file holds too many parts to import (a normal Word document holds a few dozen)."),
        "uncompressed": _("The file expands to too much data to import."),
        "part": _("A part of the file expands to too much data to import."),
        "ratio": _("The file expands far more than a document does; it looks like a zip bomb and was refused."),
        "time": _("Reading the file took too long; it was stopped."),
        "zip": _("Not a readable Word document (.docx): %(error)s") % {"error": "BadZipFile"},
    }
    return DocumentImportError(f"{messages.get(error.kind, _('The file is too large to import.'))} ({error})")


@dataclass
class EmbeddedImage:
    """An image found in a document, not yet saved as a Wagtail image."""

    data: bytes
    alt_text: str = ""
    #: Text near the image that describes it (the caption under it), found by the parse stage.
    caption: str = field(default="", compare=False)
    #: Whether the caption is shown under the image (it came out of a table cell, so only the image block holds it).
    show_caption: bool = field(default=False, compare=False)


def decode_text(data: bytes) -> str:
    """The text of an uploaded text file (UTF-8 or GB18030, see textkit.decode); DocumentImportError otherwise."""
    try:
        return decode.decode_text(data)
    except decode.TextDecodeError as error:
        raise DocumentImportError(_("The text is neither UTF-8 nor GB18030.")) from error


# Converters to HTML ----------------------------------------------------------------------

_STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => h2:fresh
p[style-name='标题'] => h1:fresh
"""


def docx_to_html(data: bytes, deadline: Deadline | None = None) -> Converted:
    """HTML of a Word document (via mammoth), the images it embeds, and warnings.

    The archive's sizes are checked before anything is parsed (textkit.limits); constructs
    mammoth would drop are brought into the text or reported (see :mod:`.wordml`); mammoth's
    own messages become warnings.
    """
    deadline = deadline or Deadline()
    try:
        archive = check_archive(data)
        prepared = prepare_docx(archive)
    except LimitExceeded as error:
        raise limit_error(error) from error
    except Exception as error:  # zipfile, lxml and key errors on damaged files
        raise DocumentImportError(
            _("Not a readable Word document (.docx): %(error)s") % {"error": error.__class__.__name__}
        ) from error
    _check(deadline, "prepare")
    images: list[EmbeddedImage] = []

    def keep_image(image) -> dict[str, str]:
        with image.open() as stream:
            images.append(EmbeddedImage(stream.read(), image.alt_text or ""))
        return {"src": IMAGE_SRC.format(len(images) - 1), "alt": image.alt_text or ""}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(prepared.data or data),
            convert_image=mammoth.images.img_element(keep_image),
            style_map=_STYLE_MAP,
        )
    except Exception as error:  # mammoth raises zip, XML and key errors on damaged files
        raise DocumentImportError(
            _("Not a readable Word document (.docx): %(error)s") % {"error": error.__class__.__name__}
        ) from error
    _check(deadline, "convert")
    warnings = list(prepared.warnings)
    warnings += [
        _("The converter reported: %(message)s") % {"message": message.message}
        for message in result.messages
        if message.type in ("warning", "error")
    ]
    return Converted(_inline_notes(result.value), images, warnings)


def _check(deadline: Deadline, stage: str) -> None:
    try:
        deadline.check(stage)
    except LimitExceeded as error:
        raise limit_error(error) from error


def _inline_notes(markup: str) -> str:
    """Footnotes and endnotes as "[1] text" paragraphs at the end, references as "[1]" in the text.

    mammoth links them both ways by element ids, which rich text does not keep.
    """
    if "footnote-" not in markup and "endnote-" not in markup:
        return markup
    soup = BeautifulSoup(markup, "html.parser")
    numbers: dict[str, str] = {}
    for link in soup.select('a[href^="#footnote-"], a[href^="#endnote-"]'):
        if "-ref-" in link["href"]:
            link.decompose()  # the back link in the note
            continue
        numbers[link["href"][1:]] = link.get_text()
        (link.parent if link.parent.name == "sup" else link).replace_with(link.get_text())
    for item in soup.select('li[id^="footnote-"], li[id^="endnote-"]'):
        paragraph = soup.new_tag("p")
        paragraph.append(f"{numbers.get(item['id'], '')} ")
        for child in list(item.children):
            if getattr(child, "name", None) == "p":
                child.unwrap()
        for child in list(item.contents):
            paragraph.append(child.extract())
        owner = item.parent
        owner.insert_before(paragraph)
        item.decompose()
        if owner.name in ("ol", "ul") and not owner.find("li"):
            owner.decompose()
    return str(soup)


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_MD_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
_MD_ITALIC = re.compile(r"(?<![*A-Za-z0-9])([*_])(?!\s)(.+?)(?<!\s)\1(?![*A-Za-z0-9])")
_MD_LIST_ITEM = re.compile(r"^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _md_inline(text: str, images: list[EmbeddedImage], base_dir: Path | None) -> str:
    def image(match: re.Match) -> str:
        path = (base_dir / match.group(2)).resolve() if base_dir else None
        # Only images in the Markdown file's folder or below: never ../../ anything else.
        if path is None or not path.is_relative_to(base_dir.resolve()) or not path.is_file():
            return ""
        images.append(EmbeddedImage(path.read_bytes(), match.group(1)))
        return f'<img src="{IMAGE_SRC.format(len(images) - 1)}" alt="{escape(match.group(1))}">'

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
        stripped = strip_spaces(line)  # U+202F at either end belongs to a Mongolian word
        heading = re.match(r"^(#{1,6})[^\S\u202f]+(.*?)[^\S\u202f]*#*$", stripped)
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
            while index < len(lines) and strip_spaces(lines[index]).startswith("|"):
                rows.append(strip_spaces(lines[index]))
                index += 1
            cells = [[strip_spaces(cell) for cell in row.strip("|").split("|")] for row in rows]
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
    lines = (strip_spaces(line) for line in text.splitlines())
    return "\n".join(f"<p>{escape(line)}</p>" for line in lines if line)


def convert(filename: str, data: bytes, base_dir: Path | None = None, deadline: Deadline | None = None) -> Converted:
    """HTML and embedded images of a .docx, .md or .txt file, by its suffix.

    Args:
        filename: the file's name; only its suffix is read.
        data: the file's bytes (text files in UTF-8 or GB18030).
        base_dir: the folder Markdown image paths are relative to; without it they are left out.
        deadline: when reading must end (checked between stages); 60 seconds from now if None.
    Returns:
        The HTML (not yet cleaned), the images it refers to by :data:`IMAGE_SRC`, and warnings.
    Raises:
        DocumentImportError: an unsupported, old or unreadable file, with the reason for the editor.
    """
    suffix = Path(filename).suffix.lower()
    if suffix == ".docx":
        return docx_to_html(data, deadline)
    if len(data) > MAX_TEXT_BYTES:
        raise DocumentImportError(_("The file is too large to import."))
    if suffix in (".md", ".markdown"):
        return Converted(*markdown_to_html(decode_text(data), base_dir), [])
    if suffix == ".txt":
        return Converted(text_to_html(decode_text(data)), [], [])
    if suffix == ".doc":
        raise DocumentImportError(_("Old Word format (.doc): save the file as .docx and import it again."))
    raise DocumentImportError(_("Unsupported file type %(suffix)s.") % {"suffix": suffix or "?"})
