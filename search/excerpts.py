"""Excerpts of search results with the matched words marked, in the text as it was written.

The index holds analysed tokens (Simplified, case-folded, Mongolian normalised); readers see
the original, which may be Traditional or typed with other Mongolian code points. Matching
is done on a normalised copy that keeps, for every character, its offset in the original,
so marks land on the words as written.
"""

import re
from collections.abc import Iterable

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from textkit.analysis import is_chinese, normalise
from textkit.html import html_to_text
from textkit.normalise import fold_with_spans
from textkit.stream import raw_stream_texts

EXCERPT_LENGTH = 140
CONTEXT_BEFORE = 30
#: Text is scanned in overlapping chunks so that only a small part is mapped character by character.
CHUNK = 600
OVERLAP = 60
#: How much of one text (a long PDF, say) is scanned for a match.
MAX_SCANNED = 60_000


def _term_pattern(terms: Iterable[str]) -> re.Pattern | None:
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):
        if not term:
            continue
        escaped = re.escape(term)
        # Chinese words match anywhere; other words only whole (no "or" inside "for").
        parts.append(escaped if is_chinese(term) else rf"(?<!\w){escaped}(?!\w)")
    return re.compile("|".join(parts)) if parts else None


def _marked_spans(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    # Folded like the index (suffixes after U+202F kept), each character with its span in
    # the text as written, so a mark covers whole characters with their combining marks.
    folded, origins = fold_with_spans(text)
    spans = []
    for match in pattern.finditer(folded):
        if match.end() > match.start():
            spans.append((origins[match.start()][0], origins[match.end() - 1][1]))
    return spans


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    html, position = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end or span_start < position:
            continue
        html.append(escape(text[position:span_start]))
        html.append(f"<mark>{escape(text[span_start : min(span_end, end)])}</mark>")
        position = min(span_end, end)
    html.append(escape(text[position:end]))
    return "".join(html)


def highlight(text: str, terms: Iterable[str]) -> SafeString:
    """``text``, escaped, with every occurrence of the normalised ``terms`` in <mark>."""
    pattern = _term_pattern(terms)
    spans = _marked_spans(text, pattern) if pattern else []
    return mark_safe(_render(text, spans, 0, len(text)))  # noqa: S308 - every piece is escaped


def _clean(text: str) -> str:
    return " ".join(text.split())


def excerpt(texts: Iterable[str], terms: Iterable[str], length: int = EXCERPT_LENGTH) -> SafeString:
    """A window of about ``length`` characters around the first match in ``texts``.

    Args:
        texts: the result's texts in order of preference (summary, body, ...); plain text.
        terms: normalised words to mark, as in AnalysedQuery.terms.
        length: characters shown.
    Returns:
        Escaped HTML with the matches in <mark>; the start of the first text when no
        match is found; "" when there is no text.
    """
    texts = [_clean(text) for text in texts if text and text.strip()]
    pattern = _term_pattern(terms)
    if pattern:
        for text in texts:
            for chunk_start in range(0, min(len(text), MAX_SCANNED), CHUNK):
                chunk = text[chunk_start : chunk_start + CHUNK + OVERLAP]
                if not pattern.search(normalise(chunk)):
                    continue
                spans = _marked_spans(chunk, pattern)
                if not spans:
                    continue
                first = spans[0][0]
                start = max(0, first - CONTEXT_BEFORE)
                end = min(len(chunk), start + length)
                prefix = "…" if chunk_start + start > 0 else ""
                suffix = "…" if chunk_start + end < len(text) else ""
                return mark_safe(prefix + _render(chunk, spans, start, end) + suffix)  # noqa: S308 - escaped
    if not texts:
        return mark_safe("")  # noqa: S308 - empty
    text = texts[0]
    return mark_safe(escape(text[:length]) + ("…" if len(text) > length else ""))  # noqa: S308 - escaped


def object_texts(obj) -> list[str]:
    """The plain texts of an object's search fields except the title, in declared order.

    Reads only the object's own columns (StreamField JSON is walked, never expanded into
    blocks), so it costs no queries; used for excerpts of a whole page of results.
    """
    texts = []
    for field in type(obj).get_search_fields():
        if not isinstance(field, index.SearchField) or field.field_name == "title":
            continue
        try:
            model_field = obj._meta.get_field(field.field_name)
        except FieldDoesNotExist:  # a method or property: may cost queries, so not used for excerpts
            continue
        value = getattr(obj, model_field.attname, None)
        if isinstance(model_field, StreamField):
            raw = getattr(value, "raw_data", value)
            texts.append(" ".join(raw_stream_texts(list(raw or []))))
        elif isinstance(model_field, RichTextField):
            texts.append(html_to_text(value or ""))
        elif isinstance(value, str):
            texts.append(value)
    return texts
