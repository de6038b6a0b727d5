"""HTML for and from the rich text editor: tidying what is pasted or imported from Word, and plain text.

Characters are never converted: Traditional characters stay as the editor wrote them, and
Mongolian format characters (U+202F before a case suffix, the vowel separator, variation
selectors, ZWJ and ZWNJ) are kept exactly as typed, even at the start or end of a paragraph:
they are part of the word. Folding for comparison is textkit.normalise's job, on a copy.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction

# Links: the one rule every input path (Word, Markdown, text, pasted HTML, the page form)
# goes through. Browsers ignore tabs and newlines anywhere in a URL and controls and spaces
# around it, and decode entities in attributes, so a scheme is read only after doing the same.
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_A_TAG = re.compile(r"""<a\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
_HREF = re.compile(r"""(\shref\s*=\s*)("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)

# White space other than U+202F NARROW NO-BREAK SPACE, which joins a Mongolian suffix to
# its stem (Python counts it as white space).
_SPACE = r"[^\S\u202f]"
# Spaces an editor types to indent a paragraph: ASCII, no-break and the full-width
# ideographic space (U+3000), literal or as entities.
_INDENT = rf"(?:{_SPACE}|&nbsp;|&#160;|&#x0*a0;|&#12288;|&#x3000;|\u00a0|\u3000)"
_BLOCK_OPEN = r"<(?:p|li|h[1-6]|td|th)\b[^>]*>"
_INLINE_OPEN = r"<(?:b|i|strong|em|span|a)\b[^>]*>"
_LEADING_SPACE = re.compile(f"({_BLOCK_OPEN})((?:{_INLINE_OPEN}|{_INDENT})+)", re.IGNORECASE)
_INDENT_RE = re.compile(_INDENT, re.IGNORECASE)
_TRAILING_SPACE = re.compile(f"{_INDENT}+((?:</(?:b|i|strong|em|span|a)>)*</(?:p|li|h[1-6])>)", re.IGNORECASE)
_EMPTY_BLOCK = re.compile(
    rf"<(p|h[1-6])\b[^>]*>(?:{_INDENT}|<br\s*/?>|<(?:b|i|strong|em|span)\b[^>]*>|</(?:b|i|strong|em|span)>)*</\1>",
    re.IGNORECASE,
)

_OUTER_SPACE = re.compile(rf"^{_SPACE}+|{_SPACE}+$")
_SPACE_RUN = re.compile(rf"{_SPACE}+")


def strip_spaces(text: str) -> str:
    """``text`` without white space at either end, but with U+202F (and every format character) kept."""
    return _OUTER_SPACE.sub("", text)


def squeeze_spaces(text: str) -> str:
    """Runs of white space as one space, none at either end; U+202F and every Mongolian format character kept.

    ``" ".join(text.split())`` would split on U+202F, which joins a Mongolian suffix to its stem.
    """
    return _SPACE_RUN.sub(" ", text).strip(" ")


def safe_url(url: str | None, *, extra_schemes: Iterable[str] = ()) -> str | None:
    """The URL when following it is safe, else None: the one link rule of the site.

    Args:
        url: an ``href`` as written (entities may still be encoded).
        extra_schemes: further schemes allowed on this path (the import's own image marker).
    Returns:
        ``url`` unchanged when it is relative (a path, ``#anchor``, ``?query``, ``//host``) or
        its scheme is http, https, mailto or tel; None for javascript:, data:, vbscript: and
        every other scheme, however disguised (case, entities, controls, tabs, spaces).
    """
    if url is None:
        return None
    seen = _URL_IGNORED.sub("", html.unescape(html.unescape(url)))
    match = _SCHEME.match(seen)
    if match is None:
        return None if ":" in seen.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0] else url
    scheme = match.group(1).lower()
    return url if scheme in SAFE_SCHEMES or scheme in set(extra_schemes) else None


def _safe_href(match: re.Match) -> str:
    value = match.group(2)
    url = value[1:-1] if value[:1] in "\"'" else value
    return match.group(0) if safe_url(url) is not None else match.group(1) + '"#"'


def strip_unsafe_links(markup: str) -> str:
    """Rich text with every link that is not :func:`safe_url` pointed at ``#`` (its text kept).

    Every ``href`` of a tag is checked, a repeated one too (parsers differ on which wins).
    """
    if not markup:
        return markup
    return _A_TAG.sub(lambda tag: _HREF.sub(_safe_href, tag.group(0)), markup)


def _drop_indent(match: re.Match) -> str:
    pieces = re.split(r"(<[^>]+>)", match.group(2))
    return match.group(1) + "".join(piece if piece.startswith("<") else _INDENT_RE.sub("", piece) for piece in pieces)


def tidy_rich_text(markup: str) -> str:
    """Drop empty paragraphs and the spaces at paragraph starts and ends, and defuse unsafe links.

    Links whose scheme :func:`safe_url` refuses (``javascript:`` and its disguises) point at
    ``#`` afterwards; everything else is left alone.
    """
    if not markup:
        return markup
    markup = strip_unsafe_links(markup)
    markup = _LEADING_SPACE.sub(_drop_indent, markup)
    markup = _TRAILING_SPACE.sub(r"\1", markup)
    return _OUTER_SPACE.sub("", _EMPTY_BLOCK.sub("", markup))


# Word's HTML: Office namespaces (o:p, st1:*, v:shape, w:*), conditional comments, <font>,
# class="MsoNormal" and style="mso-..." everywhere.
_DROP_WITH_CONTENT = {"script", "style", "xml", "meta", "link", "title", "head", "noscript", "object", "iframe"}
_DROP_NAMESPACES = ("o", "v", "w", "m")  # Office placeholders, VML shapes, Word and maths markup
_RENAME = {"strong": "b", "em": "i", "h1": "h2", "h4": "h3", "h5": "h3", "h6": "h3", "div": "p"}
_KEEP = {
    "p",
    "h2",
    "h3",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "br",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "img",
}
_KEEP_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}


def clean_html(markup: str, *, image_schemes: Iterable[str] = ()) -> str:
    """HTML from Word (pasted, or converted from .docx) reduced to what the rich text editor holds.

    Keeps paragraphs, two heading levels, bold, italic, lists, links, line breaks, rules,
    tables and images; removes styles, classes, fonts, smart tags and Office markup. Links
    that :func:`safe_url` refuses lose their target (their text stays); images keep only a
    ``src`` in ``image_schemes`` (the importer's marker for embedded images) or a safe one.
    """
    soup = BeautifulSoup(markup, "html.parser")
    for node in soup.find_all(string=lambda s: isinstance(s, Comment | Declaration | Doctype | ProcessingInstruction)):
        node.extract()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        name = tag.name.lower()
        if name in _DROP_WITH_CONTENT or (":" in name and name.split(":")[0] in _DROP_NAMESPACES):
            tag.decompose()
            continue
        name = _RENAME.get(name, name)
        if name == "a" and not safe_url(tag.get("href")):
            tag.unwrap()
            continue
        if name == "img" and not safe_url(tag.get("src"), extra_schemes=image_schemes):
            tag.decompose()
            continue
        if name not in _KEEP:
            tag.unwrap()  # span, font, u, smart tags such as st1:chsdate keep their text
            continue
        tag.name = name
        allowed = _KEEP_ATTRIBUTES.get(name, set())
        tag.attrs = {key: value for key, value in tag.attrs.items() if key in allowed}
    # Nested paragraphs (from <div><p>) would be invalid: keep the inner ones.
    for paragraph in soup.find_all("p"):
        if paragraph.find(["p", "h2", "h3", "ul", "ol", "table"]):
            paragraph.unwrap()
    _wrap_loose_text(soup)
    return tidy_rich_text(str(soup))


_BLOCKS = {"p", "h2", "h3", "ul", "ol", "hr", "table", "img"}


def _wrap_loose_text(soup: BeautifulSoup) -> None:
    """Put text and inline tags that sit between blocks into paragraphs of their own."""
    run: list = []

    def close_run() -> None:
        if any(getattr(node, "name", None) or _OUTER_SPACE.sub("", str(node)) for node in run):
            paragraph = soup.new_tag("p")
            run[0].insert_before(paragraph)
            for node in run:
                paragraph.append(node.extract())
        run.clear()

    for node in list(soup.contents):
        if getattr(node, "name", None) in _BLOCKS:
            close_run()
        else:
            run.append(node)
    close_run()


_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|tr|td|th)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(markup: str) -> str:
    """Plain text of rich text, for checking and comparing (not for display).

    Args:
        markup: HTML as the rich text editor stores it.
    Returns:
        The text without tags, entities decoded, with a line break where a paragraph,
        heading, list item or table cell ends.
    """
    return html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", markup)))
