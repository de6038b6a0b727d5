"""Turn Chinese and Mongolian text into search tokens: one pipeline for indexing and querying.

Wagtail's backends split text on spaces and punctuation. Chinese has neither between words,
and the same Mongolian word can be typed with different invisible code points, so text is
analysed here first and the backends only ever see space-separated tokens made of letters
and digits. SQLite FTS5, PostgreSQL's 'simple' configuration and Elasticsearch's whitespace
analyser all split such a string at the same places, so every backend sees the same words.

The steps, in order:

1. Mongolian normalisation (before NFKC, which would turn U+202F into a plain space): a short
   suffix joined to its stem by U+202F NARROW NO-BREAK SPACE is dropped so that the stem
   matches whatever case ending is typed; free variation selectors, the vowel separator
   U+180E and ZWJ/ZWNJ are removed; Mongolian digits become ASCII digits.
2. Unicode NFKC (full-width letters and digits, compatibility ideographs).
3. Text in a private-use encoding (old Mongolian fonts and input methods) is removed: it
   cannot be searched. :func:`find_private_use` reports it so editors can be told.
4. Traditional to Simplified Chinese with OpenCC (``t2s``).
5. Case folding.
6. Tokens: runs of Chinese characters are segmented by jieba, and every dictionary word
   found anywhere in the run is added (a search mode that does not depend on how the run was
   cut, so 中华民族共同体 also yields 中华民族, 民族 and 共同体), with the character bigrams
   of the run for words the dictionary does not know; other runs of letters and digits are
   single tokens.

Queries go through the same steps (:func:`analyse_query`) and become a Wagtail search query
that asks, for each run of Chinese characters, for its words when they are all dictionary
words, else for all its bigrams.
"""

import functools
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import jieba
import opencc

from wagtail.search.query import Or, PlainText, SearchQuery

logger = logging.getLogger(__name__)
jieba.setLogLevel(logging.WARNING)

#: Longest query, in characters, that is analysed; the rest is ignored.
MAX_QUERY_LENGTH = 200
#: Most tokens a query may have; more would only slow the search down.
MAX_QUERY_TOKENS = 32
#: Longer "words" are noise (base64, hashes, runs of letters without spaces) and are skipped.
MAX_TOKEN_LENGTH = 48
#: Longest dictionary word looked for inside a run of Chinese characters.
MAX_DICTIONARY_WORD = 16

# Mongolian: letters (basic, Todo, Sibe, Manchu, Ali Gali), the combining Ali Gali marks,
# the free variation selectors FVS1-3 and FVS4, the vowel separator and the joiners.
_MONGOLIAN_LETTERS = "\u1820-\u1878\u1880-\u18aa\U00011660-\U0001167f"
_FVS = "\u180b\u180c\u180d\u180f"
_MVS = "\u180e"
_JOINERS = "\u200c\u200d"
_NNBSP = "\u202f"
_MONGOLIAN_DIGITS = {0x1810 + n: str(n) for n in range(10)}
#: A suffix after U+202F is at most this many letters; a longer run is a word typed after
#: a narrow space by mistake and is kept.
_MAX_SUFFIX_LETTERS = 5
_SUFFIX_RE = re.compile(f"{_NNBSP}([{_MONGOLIAN_LETTERS}{_FVS}{_MVS}{_JOINERS}]+)")
# Invisible characters that only change how a word is drawn, never what it is.
_INVISIBLE_RE = re.compile(f"[{_FVS}{_MVS}{_JOINERS}\u180a\u2060\ufeff\u00ad]")

_PRIVATE_USE_RE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]+")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b\u2028\u2029]")

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


@functools.cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


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


def find_private_use(text: str) -> list[str]:
    """The runs of private-use characters in ``text`` (old vendor encodings), in order.

    Such text cannot be searched or reliably displayed; callers report it to the editor.
    """
    return _PRIVATE_USE_RE.findall(text or "")


def _drop_suffix(match: re.Match) -> str:
    letters = _INVISIBLE_RE.sub("", match.group(1))
    return " " if len(letters) <= _MAX_SUFFIX_LETTERS else " " + match.group(1)


def normalise_mongolian(text: str) -> str:
    """Mongolian typed with any keyboard in one form: see the module's step 1."""
    text = _SUFFIX_RE.sub(_drop_suffix, text)
    text = _INVISIBLE_RE.sub("", text)
    return text.translate(_MONGOLIAN_DIGITS)


def normalise(text: str) -> str:
    """Text in the form tokens are taken from: steps 1 to 5 of the module docstring.

    The result may be shorter or longer than ``text``; :func:`normalise_with_offsets` keeps
    the mapping back to the original.
    """
    if not text:
        return ""
    text = normalise_mongolian(text)
    text = unicodedata.normalize("NFKC", text)
    text = _PRIVATE_USE_RE.sub(" ", text)
    text = _CONTROL_RE.sub(" ", text)
    if _CJK_RE.search(text):
        text = _converter().convert(text)
    return text.casefold()


@functools.lru_cache(maxsize=8192)
def _normalised_char(char: str) -> str:
    if char == _NNBSP:
        return " "
    piece = unicodedata.normalize("NFKC", normalise_mongolian(char))
    return _CONTROL_RE.sub(" ", _PRIVATE_USE_RE.sub(" ", piece)).casefold()


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` and map each character of the result to its offset in ``text``.

    Used to highlight matches in the original (Traditional or Simplified, as written).
    Suffixes after U+202F are kept here (only the index drops them). Returns
    (normalised text, offsets) with ``len(offsets) == len(normalised text)``.
    """
    pieces: list[str] = []
    offsets: list[int] = []
    for position, char in enumerate(text):
        piece = _normalised_char(char)
        pieces.append(piece)
        if len(piece) == 1:
            offsets.append(position)
        else:
            offsets.extend([position] * len(piece))
    joined = "".join(pieces)
    if _CJK_RE.search(joined):
        converted = _converter().convert(joined)
        if len(converted) != len(joined):
            # A phrase conversion changed the length: convert character by character instead.
            converted = "".join(_single_char_t2s(char) for char in joined)
        joined = converted
    return joined, offsets


@functools.lru_cache(maxsize=8192)
def _single_char_t2s(char: str) -> str:
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


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


def _word_token(word: str) -> str | None:
    if len(word) > MAX_TOKEN_LENGTH or word in MONGOLIAN_SUFFIXES:
        return None
    return word


def index_tokens(text: str) -> list[str]:
    """The tokens ``text`` is indexed under, in order (with repeats, which weigh in ranking)."""
    tokens: list[str] = []
    for match in _TOKEN_RE.finditer(normalise(text)):
        if match.lastgroup == "cjk":
            tokens.extend(_cjk_index_tokens(match.group()))
        elif token := _word_token(match.group()):
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


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


class AnalysedText(PlainText):
    """A Wagtail PlainText query whose words are tokens from :func:`analyse_query` already."""


@dataclass(frozen=True)
class QueryUnit:
    """One word of a query: a run of Chinese characters, or a Mongolian or Latin word.

    ``tokens`` must all be in a text for the unit to match. For a run of Chinese characters
    made of dictionary words these are its words (indexed texts hold every dictionary word
    they contain); otherwise its character bigrams, which every text containing the run holds
    however the segmenter cut it. ``words`` is the segmenter's reading, kept for highlighting.
    """

    tokens: tuple[str, ...]
    words: tuple[str, ...] = ()

    def search_query(self) -> SearchQuery:
        return AnalysedText(" ".join(self.tokens), operator="and")


@dataclass(frozen=True)
class AnalysedQuery:
    """What a user typed, analysed like indexed text.

    ``units`` are the query's words (see :class:`QueryUnit`); ``terms`` are the normalised
    words to highlight.
    """

    original: str
    units: tuple[QueryUnit, ...] = ()
    terms: tuple[str, ...] = ()
    truncated: bool = False
    private_use: bool = False
    normalised: str = field(default="", compare=False)

    @property
    def tokens(self) -> tuple[str, ...]:
        """Every token the query asks for, in order."""
        return tuple(_unique(token for unit in self.units for token in unit.tokens))

    @property
    def words(self) -> tuple[str, ...]:
        """The words of the query as the segmenter reads them, in order."""
        return tuple(_unique(word for unit in self.units for word in unit.words))

    @property
    def is_empty(self) -> bool:
        """True when nothing searchable was typed (only punctuation, spaces or symbols)."""
        return not self.units

    def search_query(self, operator: str = "and") -> SearchQuery:
        """A Wagtail search query object for these tokens, safe for every backend.

        Tokens hold only letters and digits, so no FTS or tsquery syntax can reach the
        database. ``operator`` is "and" (every word of the query) or "or" (any word; the
        tokens of one Chinese word are still all required).
        """
        if self.is_empty:
            raise ValueError("An empty query cannot be searched.")
        if operator not in ("and", "or"):
            raise ValueError("The operator is 'and' or 'or'.")
        if operator == "and" or len(self.units) == 1:
            return AnalysedText(" ".join(self.tokens), operator="and")
        simple = [unit.tokens[0] for unit in self.units if len(unit.tokens) == 1]
        parts = [AnalysedText(" ".join(simple), operator="or")] if simple else []
        parts += [unit.search_query() for unit in self.units if len(unit.tokens) > 1]
        return parts[0] if len(parts) == 1 else Or(parts)

    def __str__(self) -> str:
        return " ".join(self.tokens)


def analyse_query(text: str | None) -> AnalysedQuery:
    """Analyse what a user typed into the search box.

    Args:
        text: the raw query; anything goes, including markup, SQL or FTS syntax.
    Returns:
        An :class:`AnalysedQuery` whose ``original`` is the query without control
        characters and repeated spaces; ``is_empty`` is true when nothing searchable remains.
    """
    text = " ".join(_CONTROL_RE.sub(" ", text or "").split())
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    private_use = bool(find_private_use(text))
    normalised = normalise(text)
    units: list[QueryUnit] = []
    terms: list[str] = []
    budget = MAX_QUERY_TOKENS
    for match in _TOKEN_RE.finditer(normalised):
        run = match.group()
        if match.lastgroup == "cjk":
            words = tuple(_unique(word for word, _start in segmenter.words(run)))
            if all(len(word) > 1 and segmenter.is_word(word) for word in words):
                tokens = words
            else:
                tokens = tuple(_unique(run[i : i + 2] for i in range(len(run) - 1))) or (run,)
            unit = QueryUnit(tokens=tokens, words=words)
            unit_terms = [run, *(word for word in words if len(word) > 1)]
        elif token := _word_token(run):
            unit = QueryUnit(tokens=(token,), words=(token,))
            unit_terms = [token]
        else:
            continue
        if unit in units:
            continue
        if len(unit.tokens) > budget:
            # Too many words: keep what fits (a looser match) and ignore the rest.
            truncated = True
            if budget > 0:
                units.append(QueryUnit(tokens=unit.tokens[:budget], words=unit.words))
                terms.extend(unit_terms)
            break
        budget -= len(unit.tokens)
        units.append(unit)
        terms.extend(unit_terms)
    return AnalysedQuery(
        original=text,
        units=tuple(units),
        terms=tuple(sorted(_unique(terms), key=len, reverse=True)),
        truncated=truncated,
        private_use=private_use,
        normalised=" ".join(normalised.split()),
    )


def is_chinese(text: str) -> bool:
    """True if ``text`` is not empty and holds only Chinese characters."""
    return bool(text) and len(_CJK_RE.findall(text)) == len(text)


def dictionary_form(word: str) -> str:
    """A word as the segmenter's dictionary holds it (normalised, Simplified, no spaces)."""
    return "".join(normalise(word).split())
