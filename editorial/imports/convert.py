"""Stage one of an import: a file's bytes become HTML and the images it embeds.

Word (.docx) goes through mammoth, Markdown and plain text through small converters
written for how editors write them. Embedded images are kept aside as bytes; the HTML
refers to each by :data:`IMAGE_SRC` and its number. Nothing here touches the database.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import mammoth

from django.utils.translation import gettext as _

from textkit import decode

SUPPORTED_SUFFIXES = (".docx", ".md", ".markdown", ".txt")

#: The ``src`` an embedded image gets in the HTML: its number in the list of images.
IMAGE_SRC = "shiliu-embedded-image:{}"


class DocumentImportError(Exception):
    """A file that cannot be imported; the message says why, for the editor."""


@dataclass
class EmbeddedImage:
    """An image found in a document, not yet saved as a Wagtail image."""

    data: bytes
    alt_text: str = ""


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


def docx_to_html(data: bytes) -> tuple[str, list[EmbeddedImage]]:
    """HTML of a Word document (via mammoth) and the images it embeds."""
    images: list[EmbeddedImage] = []

    def keep_image(image) -> dict[str, str]:
        with image.open() as stream:
            images.append(EmbeddedImage(stream.read(), image.alt_text or ""))
        return {"src": IMAGE_SRC.format(len(images) - 1), "alt": image.alt_text or ""}

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
    def image(match: re.Match) -> str:
        path = (base_dir / match.group(2)) if base_dir else None
        if path is None or not path.is_file():
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
    return "\n".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def convert(filename: str, data: bytes, base_dir: Path | None = None) -> tuple[str, list[EmbeddedImage]]:
    """HTML and embedded images of a .docx, .md or .txt file, by its suffix.

    Args:
        filename: the file's name; only its suffix is read.
        data: the file's bytes (text files in UTF-8 or GB18030).
        base_dir: the folder Markdown image paths are relative to; without it they are left out.
    Returns:
        The HTML (not yet cleaned) and the images it refers to by :data:`IMAGE_SRC`.
    Raises:
        DocumentImportError: an unsupported, old or unreadable file, with the reason for the editor.
    """
    suffix = Path(filename).suffix.lower()
    if suffix == ".docx":
        return docx_to_html(data)
    if suffix in (".md", ".markdown"):
        return markdown_to_html(decode_text(data), base_dir)
    if suffix == ".txt":
        return text_to_html(decode_text(data)), []
    if suffix == ".doc":
        raise DocumentImportError(_("Old Word format (.doc): save the file as .docx and import it again."))
    raise DocumentImportError(_("Unsupported file type %(suffix)s.") % {"suffix": suffix or "?"})
