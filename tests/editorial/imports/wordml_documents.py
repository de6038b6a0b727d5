"""Word files with what python-docx cannot write, as raw WordprocessingML zipped by hand.

:func:`raw_docx` starts from python-docx's blank document (styles, settings, numbering),
puts the given body XML in ``word/document.xml`` and adds parts (comments, footnotes,
headers) with their relationships and content types.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import docx

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}
_XMLNS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."


@dataclass
class Part:
    """An extra part: its path in the zip, XML, relationship type and content type."""

    name: str
    xml: str
    rel_type: str
    content_type: str


def p(text: str) -> str:
    """A paragraph of one run."""
    return f"<w:p><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def text_box(*paragraphs: str, anchor_text: str = "") -> str:
    """A paragraph anchoring a DrawingML text box (wps:txbx) with no VML fallback."""
    inner = "".join(p(text) for text in paragraphs)
    return (
        f"<w:p><w:r><w:t>{anchor_text}</w:t></w:r><w:r><w:drawing>"
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
        'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:extent cx="1828800" cy="914400"/><wp:docPr id="10" name="Text Box 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>"
    )


def linked_image(rel_id: str = "rIdLinked") -> str:
    """A paragraph with a picture linked to a file outside the document (a:blip r:link)."""
    return (
        '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/><wp:docPr id="11" name="Picture 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="a.jpg"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:link="{rel_id}"/></pic:blipFill><pic:spPr/></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


def raw_docx(
    body: str,
    parts: list[Part] = (),
    external_links: dict[str, tuple[str, str]] | None = None,
    header: str = "",
    footer: str = "",
) -> bytes:
    """A .docx whose body is ``body`` (WordprocessingML inside ``w:body``).

    Args:
        body: the paragraphs and tables.
        parts: extra parts (comments, footnotes, endnotes) with their relationships.
        external_links: relationship id -> (type suffix, target) of TargetMode="External"
            relationships (hyperlinks, linked images).
        header, footer: text of the page header and footer (written by python-docx).
    """
    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    if footer:
        document.sections[0].footer.paragraphs[0].text = footer
    base = io.BytesIO()
    document.save(base)
    source = zipfile.ZipFile(base)
    sect = source.read("word/document.xml").decode()
    sect = sect[sect.index("<w:sectPr") : sect.index("</w:body>")]
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"<w:document {_XMLNS}><w:body>{body}{sect}</w:body></w:document>"
    )
    rels = source.read("word/_rels/document.xml.rels").decode()
    types = source.read("[Content_Types].xml").decode()
    extra_rels = "".join(
        f'<Relationship Id="rIdPart{number}" Type="{REL}{part.rel_type}" Target="{part.name.removeprefix("word/")}"/>'
        for number, part in enumerate(parts)
    )
    extra_rels += "".join(
        f'<Relationship Id="{rel_id}" Type="{REL}{kind}" Target="{target}" TargetMode="External"/>'
        for rel_id, (kind, target) in (external_links or {}).items()
    )
    rels = rels.replace("</Relationships>", extra_rels + "</Relationships>")
    extra_types = "".join(
        f'<Override PartName="/{part.name}" ContentType="{CT}{part.content_type}"/>' for part in parts
    )
    types = types.replace("</Types>", extra_types + "</Types>")
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = xml.encode()
            elif info.filename == "word/_rels/document.xml.rels":
                data = rels.encode()
            elif info.filename == "[Content_Types].xml":
                data = types.encode()
            target.writestr(info.filename, data)
        for part in parts:
            target.writestr(part.name, part.xml)
    return output.getvalue()


def notes_part(kind: str, notes: dict[int, str]) -> Part:
    """footnotes.xml or endnotes.xml (kind "footnote" or "endnote") holding ``notes`` by id."""
    inner = "".join(f'<w:{kind} w:id="{number}">{p(text)}</w:{kind}>' for number, text in notes.items())
    return Part(f"word/{kind}s.xml", f"<w:{kind}s {_XMLNS}>{inner}</w:{kind}s>", f"{kind}s", f"{kind}s+xml")


def comments_part(comments: dict[int, str]) -> Part:
    inner = "".join(
        f'<w:comment w:id="{number}" w:author="审核人" w:initials="S">{p(text)}</w:comment>'
        for number, text in comments.items()
    )
    return Part("word/comments.xml", f"<w:comments {_XMLNS}>{inner}</w:comments>", "comments", "comments+xml")
