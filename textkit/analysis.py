"""Chinese and Mongolian text as search tokens: the indexing half of search's one pipeline.

Wagtail's backends split text on spaces and punctuation. Chinese has neither between words,
and the same Mongolian word can be typed with different invisible code points, so text is
analysed here first and the backends only ever see space-separated tokens made of letters
and digits. SQLite FTS5, PostgreSQL's 'simple' configuration and Elasticsearch's whitespace
analyser all split such a string at the same places, so every backend sees the same words.
Queries go through the same steps (``search.analysis.analyse_query``).

The steps, in order:

1. A short Mongolian suffix joined to its stem by U+202F NARROW NO-BREAK SPACE is dropped
   (:func:`drop_mongolian_suffixes`), so that the stem matches whatever case ending is
   typed. This is search's own step and comes first: folding turns U+202F into a space.
2. :func:`textkit.normalise.fold`, the comparison form the term check uses too: invisible
   characters removed, Mongolian digits to ASCII, NFKC, controls and private-use text to
   spaces, Traditional to Simplified, case folding, one space between words.
3. Tokens: runs of Chinese characters are segmented by jieba, and every dictionary word
   found anywhere in the run is added (a search mode that does not depend on how the run was
   cut, so 中华民族共同体 also yields 中华民族, 民族 and 共同体), with the character bigrams
   of the run for words the dictionary does not know; other runs of letters and digits are
   single tokens, except Mongolian case endings typed on their own.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Iterable, Iterator

import jieba

from textkit.normalise import INVISIBLE_CHARACTERS, fold, fold_with_spans

jieba.setLogLevel(logging.WARNING)

#: Longer "words" are noise (base64, hashes, runs of letters without spaces) and are skipped.
MAX_TOKEN_LENGTH = 48
#: Longest dictionary word looked for inside a run of Chinese characters.
MAX_DICTIONARY_WORD = 16

# Mongolian letters (basic, Todo, Sibe, Manchu, Ali Gali) and the combining Ali Gali marks.
_MONGOLIAN_LETTERS = "\u1820-\u1878\u1880-\u18aa\U00011660-\U0001167f"
_MONGOLIAN_FORMAT = "\u180b-\u180f\u200c\u200d"
_NNBSP = "\u202f"
#: A suffix after U+202F is at most this many letters; a longer run is a word typed after
#: a narrow space by mistake and is kept.
_MAX_SUFFIX_LETTERS = 5
_SUFFIX_RE = re.compile(f"{_NNBSP}([{_MONGOLIAN_LETTERS}{_MONGOLIAN_FORMAT}]+)")

_CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_RE = re.compile(f"[{_CJK}]")
# A run of Chinese characters, or a run of other letters and digits (no underscore: it is a
# separator for every backend's tokenizer).
_TOKEN_RE = re.compile(f"(?P<cjk>[{_CJK}]+)|(?P<word>(?:(?![{_CJK}])[^\\W_])+)")


def _transliterated(*names: str) -> frozenset[str]:
    letters = {"a": "\u1820", "e": "\u1821", "i": "\u1822", "u": "\u1824", "ue": "\u1826", "n": "\u1828"}
    letters |= {"b": "\u182a", "g": "\u182d", "t": "\u1832", "d": "\u1833", "ch": "\u1834", "y": "\u1836"}
    letters |= {"r": "\u1837"}
    return frozenset("".join(letters[part] for part in name.split()) for name in names)


#: Mongolian case endings; typed after a plain space instead of U+202F they would otherwise be
#: required words of the query. Genitive, accusative, dative-locative, ablative, instrumental,
#: comitative.
MONGOLIAN_SUFFIXES = _transliterated(
    "u n", "ue n", "y i n", "i n", "u", "ue", "i", "y i",
    "d u", "t u", "d ue", "t ue", "a ch a", "e ch e",
    "b a r", "b e r", "i y a r", "i y e r", "t a i", "t e i",
)  # fmt: skip

#: Words the segmenter keeps whole even before editors add their own: programme names and
#: the set phrases of ethnic-unity work. Place names come from the Place snippets.
BUILTIN_WORDS = (
    "红石榴课堂",
    "红石榴驿站",
    "红石榴服务站",
    "石榴籽",
    "互嵌式",
    "互嵌式社区",
    "民族团结",
    "民族团结进步",
    "民族团结进步活动月",
    "民族政策宣传月",
    "民族法治宣传周",
    "中华民族共同体",
    "中华民族共同体意识",
    "铸牢中华民族共同体意识",
    "交往交流交融",
    "网格化管理",
    "枫桥经验",
    "一刻钟生活圈",
    "那达慕",
    "非遗",
    "共居",
    "共学",
    "共建",
    "共享",
    "共事",
    "共乐",
)


class Segmenter:
    """jieba with the project's own words; thread-safe to use, words applied on the fly.

    Custom words the dictionary already knows are left alone, so removing one never takes
    a common word (团结, 蒙古族) out of jieba's own dictionary.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._tokenizer: jieba.Tokenizer | None = None
        self._custom: set[str] = set()
        self._added: set[str] = set()

    @property
    def tokenizer(self) -> jieba.Tokenizer:
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    tokenizer = jieba.Tokenizer()
                    tokenizer.initialize()
                    for word in BUILTIN_WORDS:
                        if not tokenizer.FREQ.get(word):
                            tokenizer.add_word(word)
                    self._added = set()
                    for word in self._custom:
                        self._add(tokenizer, word)
                    self._tokenizer = tokenizer
        return self._tokenizer

    def _add(self, tokenizer: jieba.Tokenizer, word: str) -> None:
        if not tokenizer.FREQ.get(word):
            tokenizer.add_word(word)
            self._added.add(word)

    @property
    def custom_words(self) -> frozenset[str]:
        return frozenset(self._custom)

    def set_custom_words(self, words: Iterable[str]) -> bool:
        """Make ``words`` (already normalised) the custom dictionary; True if it changed."""
        wanted = {w for w in words if w and _CJK_RE.search(w)}
        with self._lock:
            if wanted == self._custom:
                return False
            removed, added = self._custom - wanted, wanted - self._custom
            self._custom = wanted
            tokenizer = self._tokenizer
            if tokenizer is not None:
                for word in removed & self._added:
                    tokenizer.del_word(word)
                    self._added.discard(word)
                for word in added:
                    self._add(tokenizer, word)
        _cjk_index_tokens.cache_clear()
        return True

    def words(self, run: str) -> list[tuple[str, int]]:
        """The words of a run of Chinese characters with their start offsets (accurate mode)."""
        return [(word, start) for word, start, _end in self.tokenizer.tokenize(run, HMM=True)]

    def dictionary_words(self, run: str) -> list[tuple[int, str]]:
        """(start, word) for every dictionary word of two or more characters inside ``run``."""
        return [
            (start, run[start : end + 1])
            for start, ends in self.tokenizer.get_DAG(run).items()
            for end in ends
            if end > start and end - start < MAX_DICTIONARY_WORD
        ]

    def is_word(self, text: str) -> bool:
        """True for a word of the dictionary (jieba's, the built-in words and custom words)."""
        return bool(self.tokenizer.FREQ.get(text))


segmenter = Segmenter()


def _drop_suffix(match: re.Match) -> str:
    letters = [char for char in match.group(1) if char not in INVISIBLE_CHARACTERS]
    return " " if len(letters) <= _MAX_SUFFIX_LETTERS else " " + match.group(1)


def drop_mongolian_suffixes(text: str) -> str:
    """``text`` with each short case suffix after U+202F replaced by a space (step 1).

    Args:
        text: text as written.
    Returns:
        The text, other characters untouched; a run of more than five letters after
        U+202F is a word typed after a narrow space by mistake and stays (after a space).
    """
    return _SUFFIX_RE.sub(_drop_suffix, text)


def normalise(text: str | None) -> str:
    """Text in the form tokens are taken from: steps 1 and 2 of the module docstring.

    Args:
        text: any text, or None.
    Returns:
        The normalised text; "" for None. It may be shorter or longer than ``text``;
        :func:`normalise_with_offsets` keeps the mapping back to the original.
    """
    if not text:
        return ""
    return fold(drop_mongolian_suffixes(text))


def normalise_with_offsets(text: str | None) -> tuple[str, list[int]]:
    """Fold ``text`` and map each character of the result to its offset in ``text``.

    Used to highlight matches in the original (Traditional or Simplified, as written).
    Suffixes after U+202F are kept here (only the index drops them).

    Args:
        text: any text, or None.
    Returns:
        ``(folded, offsets)`` with ``len(offsets) == len(folded)``; ``offsets[i]`` is where
        the unit ``folded[i]`` comes from starts (:func:`textkit.normalise.fold_with_spans`
        gives whole spans).
    """
    folded, spans = fold_with_spans(text)
    return folded, [start for start, _end in spans]


@functools.lru_cache(maxsize=4096)
def _cjk_index_tokens(run: str) -> tuple[str, ...]:
    # Cached: the same short runs (社区, 各族群众) come back in every text.
    tokens: list[str] = []
    seen: set[tuple[str, int]] = set()

    def emit(word: str, start: int) -> None:
        if (word, start) not in seen:
            seen.add((word, start))
            tokens.append(word)

    # The segmenter's reading of the run (its own words, new words it guesses, single characters) ...
    for word, start in segmenter.words(run):
        emit(word, start)
    # ... every dictionary word found anywhere in the run, however the run was cut, so that a
    # query made of dictionary words matches every text that contains it ...
    for start, word in segmenter.dictionary_words(run):
        emit(word, start)
    # ... and the character bigrams, for the words the dictionary does not know.
    for start in range(len(run) - 1):
        emit(run[start : start + 2], start)
    return tuple(tokens)


def word_token(word: str) -> str | None:
    """The token of a non-Chinese word of normalised text; None for noise and lone case endings."""
    if len(word) > MAX_TOKEN_LENGTH or word in MONGOLIAN_SUFFIXES:
        return None
    return word


def runs(normalised: str) -> Iterator[tuple[str, bool]]:
    """The runs of normalised text that tokens are made of, in order.

    Args:
        normalised: text from :func:`normalise`.
    Returns:
        ``(run, is_chinese)`` pairs: a run of Chinese characters, or a run of other letters
        and digits; spaces, punctuation, symbols and underscores separate runs.
    """
    for match in _TOKEN_RE.finditer(normalised):
        yield match.group(), match.lastgroup == "cjk"


def index_tokens(text: str) -> list[str]:
    """The tokens ``text`` is indexed under, in order (with repeats, which weigh in ranking)."""
    tokens: list[str] = []
    for run, is_cjk in runs(normalise(text)):
        if is_cjk:
            tokens.extend(_cjk_index_tokens(run))
        elif token := word_token(run):
            tokens.append(token)
    return tokens


def analyse(text) -> str:
    """The pre-analysed form of ``text`` (a string, a list of strings or None) for an index.

    Returns the tokens joined by single spaces.
    """
    if text is None:
        return ""
    if isinstance(text, dict):
        text = list(text.values())
    if isinstance(text, (list, tuple)):
        return " ".join(filter(None, (analyse(item) for item in text)))
    return " ".join(index_tokens(str(text)))


def is_chinese(text: str) -> bool:
    """True if ``text`` is not empty and holds only Chinese characters."""
    return bool(text) and len(_CJK_RE.findall(text)) == len(text)


def dictionary_form(word: str) -> str:
    """A word as the segmenter's dictionary holds it (normalised, Simplified, no spaces)."""
    return "".join(normalise(word).split())
