"""Word files made ready for mammoth: what it would lose is brought into the text or reported.

mammoth reads the main text of a .docx well, but silently drops some constructs community
offices use. Before conversion, ``word/document.xml`` is rewritten with lxml:

- text boxes drawn with DrawingML (``wps:txbx``) and no VML fallback: their paragraphs are
  moved after the paragraph that anchors them, so their text is kept, in reading order;
- ``mc:AlternateContent`` with no fallback: its preferred content is read instead;
- simple fields (``w:fldSimple``, a date or page number): their shown result is kept;
- images linked to a file outside the document: removed, with a warning (they cannot be
  read, and reading a path the file names would be unsafe).

What mammoth leaves out by design is reported as a warning saying what and where: comments,
deleted text of tracked changes (insertions are kept: the changes read as accepted), and the
text of headers and footers.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from textkit.html import squeeze_spaces

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "v": "urn:schemas-microsoft-com:vml",
}
W, R, MC, WPS, A, V = (f"{{{NS[prefix]}}}" for prefix in ("w", "r", "mc", "wps", "a", "v"))
DOCUMENT_PART = "word/document.xml"
WHERE_CHARS = 20

# No DTDs, no entities, no network: a .docx never needs them.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass
class PreparedDocx:
    """The rewritten .docx, and what could not be kept, for the editor."""

    data: bytes
    warnings: list[str] = field(default_factory=list)


def _text(element) -> str:
    return squeeze_spaces("".join(element.itertext()))


def _short(text: str) -> str:
    return Truncator(text).chars(WHERE_CHARS)


def _where(element) -> str:
    """Where ``element`` is, for a warning: the start of its paragraph, or of the one before it."""
    paragraph = element if element.tag == W + "p" else next(element.iterancestors(W + "p"), None)
    candidates = []
    if paragraph is not None:
        candidates.append(paragraph)
        candidates.extend(paragraph.itersiblings(W + "p", preceding=True))
    for candidate in candidates:
        text = "".join(t.text or "" for t in candidate.iter(W + "t"))
        if text.strip():
            return _("near “%(text)s”") % {"text": _short(squeeze_spaces(text))}
    return _("at the start of the document")


def _unwrap(element) -> None:
    """Put ``element``'s children in its place."""
    parent = element.getparent()
    index = parent.index(element)
    for child in reversed(list(element)):
        parent.insert(index, child)
    parent.remove(element)


def _lift_text_boxes(root) -> None:
    # Alternate content with no fallback: mammoth reads only the fallback, so read the choice.
    for alternate in root.iter(MC + "AlternateContent"):
        if alternate.find("mc:Fallback", NS) is None:
            choice = alternate.find("mc:Choice", NS)
            if choice is not None:
                _unwrap(choice)
            _unwrap(alternate)
    for box in list(root.iter(WPS + "txbx")):
        drawing = next(box.iterancestors(W + "drawing"), None)
        choice = next(box.iterancestors(MC + "Choice"), None)
        if drawing is None or choice is not None:
            continue  # inside alternate content that has a VML fallback, which mammoth reads
        anchor = next(drawing.iterancestors(W + "p"), None)
        content = box.find("w:txbxContent", NS)
        if anchor is None or content is None:
            continue
        insert_after = anchor
        for block in list(content):
            if block.tag in (W + "p", W + "tbl"):
                insert_after.addnext(block)
                insert_after = block
        if not drawing.findall(".//a:blip", NS):
            drawing.getparent().remove(drawing)
        else:
            box.getparent().remove(box)


def _unwrap_simple_fields(root) -> None:
    for simple_field in list(root.iter(W + "fldSimple")):
        _unwrap(simple_field)


def _drop_linked_images(root) -> list[str]:
    warnings = []
    for blip in list(root.iter(A + "blip")):
        if blip.get(R + "embed") or not blip.get(R + "link"):
            continue
        drawing = next(blip.iterancestors(W + "drawing"), None)
        drawing = blip if drawing is None else drawing
        warnings.append(
            _("A linked image (not embedded in the file) was left out %(where)s: insert the picture into the document.")
            % {"where": _where(drawing)}
        )
        drawing.getparent().remove(drawing)
    for imagedata in list(root.iter(V + "imagedata")):
        if imagedata.get(R + "id") or not imagedata.get(R + "href"):
            continue
        warnings.append(
            _("A linked image (not embedded in the file) was left out %(where)s: insert the picture into the document.")
            % {"where": _where(imagedata)}
        )
        imagedata.getparent().remove(imagedata)
    return warnings


def _tracked_changes(root) -> list[str]:
    deleted = [_text(element) for element in root.iter(W + "del", W + "moveFrom") if _text(element)]
    inserted = any(True for _element in root.iter(W + "ins"))
    if not deleted and not inserted:
        return []
    if not deleted:
        return [_("The document holds tracked changes: insertions were kept, as if accepted.")]
    return [
        _("The document holds tracked changes: they were read as accepted, and the deleted text left out: %(text)s")
        % {"text": "; ".join(f"“{_short(text)}”" for text in deleted)}
    ]


def _other_parts(archive: zipfile.ZipFile, names: set[str]) -> list[str]:
    warnings = []
    if "word/comments.xml" in names:
        comments = etree.fromstring(archive.read("word/comments.xml"), _PARSER)
        texts = [_text(comment) for comment in comments.iter(W + "comment")]
        if texts:
            warnings.append(
                ngettext("A comment was left out: %(text)s", "%(count)d comments were left out: %(text)s", len(texts))
                % {"count": len(texts), "text": "; ".join(f"“{_short(text)}”" for text in texts)}
            )
    for name in sorted(names):
        match = re.fullmatch(r"word/(header|footer)\d*\.xml", name)
        if match is None:
            continue
        kind = match.group(1)
        root = etree.fromstring(archive.read(name), _PARSER)
        text = squeeze_spaces(" ".join(_text(paragraph) for paragraph in root.iter(W + "p")))
        if text and not text.isdigit():  # a page number alone is no loss
            message = _("The page header was left out: “%(text)s”") if kind == "header" else None
            message = message or _("The page footer was left out: “%(text)s”")
            warnings.append(message % {"text": _short(text)})
    return warnings


def prepare_docx(archive: zipfile.ZipFile) -> PreparedDocx:
    """The .docx in ``archive`` rewritten for mammoth, and the warnings about what it leaves out.

    Args:
        archive: the open .docx, already within the size limits (textkit.limits.check_archive).
    Returns:
        The rewritten file's bytes and the warnings, in the order of the document.
    """
    names = set(archive.namelist())
    if DOCUMENT_PART not in names:
        return PreparedDocx(b"", [])  # mammoth reports the missing part
    root = etree.fromstring(archive.read(DOCUMENT_PART), _PARSER)
    warnings = _drop_linked_images(root)
    _lift_text_boxes(root)
    _unwrap_simple_fields(root)
    warnings += _tracked_changes(root)
    warnings += _other_parts(archive, names)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for info in archive.infolist():
            if info.filename == DOCUMENT_PART:
                rewritten.writestr(info, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
            else:
                rewritten.writestr(info, archive.read(info))
    return PreparedDocx(output.getvalue(), warnings)
