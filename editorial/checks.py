"""Content checks before review: the term list, matched fast on folded text, and private-use Mongolian.

Terms and pages are compared in textkit.normalise's one comparison form, the one search
uses too (:func:`textkit.normalise.fold`: invisible characters removed, NFKC, Traditional to
Simplified, case folding, one space between words), so a term with a zero-width space or a
variation selector typed inside it is still found. Each folded character remembers the
original characters it came from, so a hit is shown in the text as the editor wrote it.
Matching uses one Aho-Corasick automaton over every term, built once per process and
rebuilt only when the term list changes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from django.db.models import Count, Max
from django.utils.translation import gettext

from textkit import normalise
from textkit.stream import iter_texts

from .models import Term

PRIVATE_USE_KIND = "private-use"
CONTEXT_CHARS = 12


@dataclass(frozen=True)
class TermEntry:
    """What the automaton stores for a folded phrase."""

    phrase: str
    kind: str
    suggestion: str
    note: str


@dataclass(frozen=True)
class Hit:
    """One place where a term (or private-use text) was found."""

    kind: str
    phrase: str
    found: str
    suggestion: str
    note: str
    field: str
    before: str
    after: str
    start: int

    @property
    def blocking(self) -> bool:
        return self.kind == Term.Kind.FORBIDDEN

    @property
    def kind_label(self) -> str:
        if self.kind == PRIVATE_USE_KIND:
            return gettext("Private-use encoding")
        return str(Term.Kind(self.kind).label)

    @property
    def in_context(self) -> str:
        """The hit inside the words around it, as written: …前文【命中】后文…"""
        return f"…{self.before}【{self.found}】{self.after}…"

    def message(self) -> str:
        """A sentence for the editor: what, where, and what to write instead."""
        if self.kind == PRIVATE_USE_KIND:
            return gettext(
                "%(field)s: %(context)s is Mongolian in a vendor private-use encoding that cannot be read or "
                "searched; retype it or convert it to Unicode Mongolian."
            ) % {"field": self.field, "context": self.in_context}
        if self.blocking:
            text = gettext("%(field)s: %(context)s contains the forbidden term “%(phrase)s”.")
        elif self.kind == Term.Kind.TYPO:
            text = gettext("%(field)s: %(context)s contains the common typo “%(phrase)s”.")
        else:
            text = gettext("%(field)s: %(context)s contains the outdated formulation “%(phrase)s”.")
        text %= {"field": self.field, "context": self.in_context, "phrase": self.phrase}
        if self.suggestion:
            text += " " + gettext("Suggested: “%(suggestion)s”.") % {"suggestion": self.suggestion}
        if self.note:
            text += f" ({self.note})"
        return text


class TermMatcher:
    """An Aho-Corasick automaton over every term, keyed by folded phrase (textkit.normalise.fold)."""

    def __init__(self, terms: Iterable[TermEntry]):
        self.automaton = ahocorasick.Automaton()
        entries: dict[str, list[TermEntry]] = {}
        for term in terms:
            key = normalise.fold(term.phrase)
            if key:
                entries.setdefault(key, []).append(term)
        for key, found in entries.items():
            self.automaton.add_word(key, (len(key), tuple(found)))
        self.size = len(entries)
        if self.size:
            self.automaton.make_automaton()

    def find(self, text: str, field: str = "") -> list[Hit]:
        """Every term in ``text``, in order of position; overlapping terms are all reported."""
        if not self.size or not text:
            return []
        folded, spans = normalise.fold_with_spans(text)
        hits = []
        for end, (length, entries) in self.automaton.iter(folded):
            start = spans[end - length + 1][0]
            stop = spans[end][1]
            for entry in entries:
                hits.append(_hit(text, start, stop, field, entry.kind, entry.phrase, entry.suggestion, entry.note))
        hits.sort(key=lambda hit: hit.start)
        return hits


def _hit(text: str, start: int, stop: int, field: str, kind: str, phrase: str, suggestion="", note="") -> Hit:
    return Hit(
        kind=kind,
        phrase=phrase,
        found=text[start:stop],
        suggestion=suggestion,
        note=note,
        field=field,
        before=" ".join(text[max(0, start - CONTEXT_CHARS) : start].split()),
        after=" ".join(text[stop : stop + CONTEXT_CHARS].split()),
        start=start,
    )


def find_private_use(text: str, field: str = "") -> list[Hit]:
    """Runs of private-use characters (U+E000-U+F8FF): old vendor Mongolian encodings, unreadable and unsearchable.

    The detection is textkit's (``textkit.normalise.find_private_use``), the one search uses,
    so search and the editorial checks agree on what cannot be searched; this adds where
    each run is.
    """
    hits, position = [], 0
    for run in normalise.find_private_use(text):
        start = text.index(run, position)
        position = start + len(run)
        hits.append(_hit(text, start, position, field, PRIVATE_USE_KIND, run))
    return hits


_lock = threading.Lock()
_cached: dict[str, object] = {}


def _term_list_fingerprint() -> tuple:
    """Changes whenever a term is added, changed or deleted (one small query)."""
    summary = Term.objects.aggregate(count=Count("pk"), latest=Max("updated_at"), top=Max("pk"))
    return (summary["count"], summary["latest"], summary["top"])


def get_matcher() -> TermMatcher:
    """The matcher for the current term list, rebuilt only when the list has changed.

    The fingerprint comes from the database, so every process notices changes made by
    another one, and a rolled-back transaction never leaves a stale automaton behind.
    """
    fingerprint = _term_list_fingerprint()
    with _lock:
        if _cached.get("fingerprint") != fingerprint:
            terms = [
                TermEntry(*row) for row in Term.objects.values_list("phrase", "kind", "suggestion", "note").iterator()
            ]
            _cached["matcher"] = TermMatcher(terms)
            _cached["fingerprint"] = fingerprint
        return _cached["matcher"]  # type: ignore[return-value]


def invalidate_matcher() -> None:
    """Forget the built automaton (after bulk changes that bypass ``save``, for example)."""
    with _lock:
        _cached.clear()


def check_texts(texts: Iterable[tuple[str, str]], matcher: TermMatcher | None = None) -> list[Hit]:
    """Term hits and private-use runs in (label, text) pairs."""
    matcher = matcher or get_matcher()
    hits: list[Hit] = []
    for label, text in texts:
        hits.extend(matcher.find(text, label))
        hits.extend(find_private_use(text, label))
    return hits


# Fields of the base Page model that hold words a reader sees; the rest are plumbing.
PAGE_TEXT_FIELDS = {"title", "seo_title", "search_description"}
SKIPPED_FIELDS = {"slug", "url_path", "draft_title", "path", "translation_key"}


def page_texts(page) -> list[tuple[str, str]]:
    """(label, text) pairs of every text, rich text and StreamField field of a page."""
    from django.db import models

    from wagtail.fields import StreamField
    from wagtail.models import Page

    page = page.specific
    texts: list[tuple[str, str]] = []
    page_fields = {field.name for field in Page._meta.concrete_fields}
    for field in type(page)._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or (field.name in page_fields and field.name not in PAGE_TEXT_FIELDS):
            continue
        if isinstance(field, StreamField) or (
            isinstance(field, models.CharField | models.TextField) and not field.choices
        ):
            texts.extend(iter_texts(getattr(page, field.name), str(field.verbose_name).capitalize()))
    return texts


def check_page(page) -> list[Hit]:
    """Every hit in the text of a page (as it is in memory, so pass the latest revision to check a draft)."""
    return check_texts(page_texts(page))


def summarise(hits: list[Hit], limit: int = 10) -> list[str]:
    """Messages for up to ``limit`` hits, with a count of the rest."""
    lines = [hit.message() for hit in hits[:limit]]
    if len(hits) > limit:
        lines.append(gettext("…and %(count)d more.") % {"count": len(hits) - limit})
    return lines
