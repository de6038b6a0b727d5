"""The one comparison form of text: what search and the term check both mean by "the same text".

:func:`fold` takes text as an editor typed or pasted it and returns the form it is compared
in; :func:`fold_with_spans` returns the same string with, for each of its characters, the
span of the original it came from, so a match can be shown in the text as written. The
steps, in order:

1. Invisible characters are removed (not turned into spaces): Mongolian free variation
   selectors U+180B-U+180D and U+180F and the vowel separator U+180E, every character of
   general category Cf (ZWSP, ZWNJ, ZWJ, word joiner, soft hyphen, BOM, bidi marks,
   embeddings and isolates, invisible operators, tag characters...), and the invisibles that
   are not Cf: combining grapheme joiner U+034F, variation selectors U+FE00-U+FE0F and
   U+E0100-U+E01EF, Hangul fillers. They change how a word is drawn (or nothing at all),
   never which word it is, and a forbidden term with one hidden inside must not slip past.
   Mongolian digits become ASCII digits.
2. Unicode NFKC (full-width letters and digits, compatibility ideographs, ligatures).
3. Control characters that are not white space (:data:`CONTROL_CHARACTERS`) are removed,
   as :func:`strip_controls` removes them from stored text; U+2028, U+2029 and private-use
   code points (old vendor Mongolian encodings, see :func:`find_private_use`) become a space.
4. Traditional to Simplified Chinese with OpenCC ``t2s``; where a phrase conversion changes
   the length, character by character instead, so every character keeps its origin. Then the
   Taiwan and Hong Kong variants that ``t2s`` leaves alone (住著 for 住着, 衞 for 卫) are folded
   by OpenCC's regional variant tables (:data:`VARIANTS`), except inside the phrases where the
   variant is the right character (著名, 显著: :data:`KEEP_PHRASES`). Each variant is one
   character for one, so the length still does not change.
5. Case folding.
6. Runs of white space become one space; none at either end.

Folded text is for comparing only, never for storing: NFKC turns U+202F NARROW NO-BREAK
SPACE, which joins a Mongolian case suffix to its stem, into a plain space.
"""

from __future__ import annotations

import functools
import pathlib
import re
import unicodedata

import opencc

# Mongolian free variation selectors FVS1-3 and FVS4, and the vowel separator (also Cf).
MONGOLIAN_FORMAT_CHARACTERS = frozenset("\u180b\u180c\u180d\u180f\u180e")
# Invisible characters outside category Cf: combining grapheme joiner, variation selectors,
# Hangul fillers (which render as nothing and are used to fake empty names).
_OTHER_INVISIBLES = frozenset(
    "\u034f"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
    + "\u115f\u1160\u3164\uffa0"
)


def _format_characters() -> frozenset[str]:
    # Unicode assigns Cf only in planes 0, 1 and 14; scanning those keeps import fast
    # (a test checks the whole code space).
    planes = (range(0x20000), range(0xE0000, 0xE1000))
    return frozenset(chr(cp) for plane in planes for cp in plane if unicodedata.category(chr(cp)) == "Cf")


#: Every character :func:`fold` removes.
INVISIBLE_CHARACTERS: frozenset[str] = MONGOLIAN_FORMAT_CHARACTERS | _OTHER_INVISIBLES | _format_characters()

MONGOLIAN_DIGITS = {0x1810 + n: str(n) for n in range(10)}

#: C0 and C1 control characters that are not white space, and DEL: never text, wherever
#: text is stored, compared or written (XML 1.0 cannot carry the C0 ones; the C1 ones come
#: from mis-decoded Windows code pages).
CONTROL_CHARACTERS: frozenset[str] = frozenset(
    chr(cp) for cp in (*range(0x00, 0x09), *range(0x0E, 0x1C), 0x7F, *range(0x80, 0x85), *range(0x86, 0xA0))
)
#: Controls that are white space, as line breaks: U+000B (Word's manual line break), U+000C,
#: the information separators U+001C-U+001F and NEL. Stored text gets a line feed for each.
CONTROL_LINE_BREAKS: frozenset[str] = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f\x85")
_STRIP_CONTROLS = {ord(ch): None for ch in CONTROL_CHARACTERS} | {ord(ch): "\n" for ch in CONTROL_LINE_BREAKS}
_CONTROL_RE = re.compile("[" + re.escape("".join(sorted(CONTROL_CHARACTERS | CONTROL_LINE_BREAKS))) + "]")

# Step 1 as a str.translate table: removed characters map to None, digits to ASCII. The line
# breaks among the controls are white space and become one space in step 6, as after
# strip_controls, so fold(strip_controls(text)) == fold(text).
_STEP_ONE = {ord(ch): None for ch in INVISIBLE_CHARACTERS | CONTROL_CHARACTERS} | MONGOLIAN_DIGITS


def strip_controls(text: str) -> str:
    """``text`` as it may be stored or written to XML: control characters removed.

    Tab, line feed and carriage return stay; the controls that are line breaks become a line
    feed (:data:`CONTROL_LINE_BREAKS`); the rest (:data:`CONTROL_CHARACTERS`) are removed.
    Nothing else changes, so it is safe for what an editor wrote (unlike :func:`fold`).

    Args:
        text: any string ("" and None are returned as they are).
    Returns:
        The string without C0 and C1 controls, e.g. ``"社区\\x0b活动\\x00"`` gives ``"社区\\n活动"``.
    """
    return text.translate(_STRIP_CONTROLS) if text else text


def has_controls(text: str) -> bool:
    """True when :func:`strip_controls` would change ``text``."""
    return bool(text) and _CONTROL_RE.search(text) is not None


_PRIVATE_USE = "\ue000-\uf8ff\U000f0000-\U0010ffff"
_PRIVATE_USE_RE = re.compile(f"[{_PRIVATE_USE}]+")
# Step 3: line and paragraph separators and private use become a space.
_SPACE_RE = re.compile(f"[\u2028\u2029{_PRIVATE_USE}]")
_CJK_RE = re.compile("[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")

# Characters of combining class 0 that NFKC still joins to the character before them: the
# second halves of canonical compositions (Indic two-part vowels, Balinese, Tibetan), the
# Tibetan and half-width kana characters whose decomposition starts with a combining mark,
# and conjoining Hangul vowels and trailing consonants. Folding a base with them as one unit
# gives the same result as folding the whole text (a test recomputes the list).
_JOINS_PREVIOUS = frozenset(
    "\u09be\u09d7\u0b3e\u0b56\u0b57\u0bbe\u0bd7\u0cc2\u0cd5\u0cd6\u0d3e\u0d57\u0dcf\u0ddf"
    "\u0f73\u0f75\u0f81\u0fb5\u0fb7\u102e\u1b35\uff9e\uff9f"
    "\U00011127\U0001133e\U00011357\U000114b0\U000114ba\U000114bd\U000115af\U00011930"
    + "".join(map(chr, range(0x1160, 0x1200)))
    + "".join(map(chr, range(0xD7B0, 0xD800)))
)


def is_invisible(ch: str) -> bool:
    """True for a character :func:`fold` removes (see :data:`INVISIBLE_CHARACTERS`)."""
    return ch in INVISIBLE_CHARACTERS


def find_private_use(text: str | None) -> list[str]:
    """The runs of private-use characters in ``text`` (old vendor encodings), in order.

    Args:
        text: any text, or None.
    Returns:
        The runs as strings, e.g. ``["\\ue26a\\ue2b1"]``; empty when there are none. Such
        text cannot be searched or reliably displayed; callers report it to the editor.
    """
    return _PRIVATE_USE_RE.findall(text or "")


@functools.cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=8192)
def _single_char_t2s(char: str) -> str:
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


def _t2s(text: str) -> str:
    """Step 4: Simplified, variants folded, with exactly one output character per input character."""
    if not _CJK_RE.search(text):
        return text
    converted = _converter().convert(text)
    if len(converted) != len(text):
        # A phrase conversion changed the length: convert character by character instead.
        converted = "".join(_single_char_t2s(char) for char in text)
    return fold_variants(converted)


def _read_variants() -> tuple[dict[str, str], frozenset[str]]:
    chars: dict[str, str] = {}
    keep: set[str] = set()
    path = pathlib.Path(__file__).with_name("opencc_variants.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        kind, *values = line.split("\t")
        if kind == "char":
            chars[values[0]] = values[1]
        elif kind == "keep":
            keep.add(values[0])
    return chars, frozenset(keep)


#: Regional variants OpenCC's ``t2s`` keeps, in Simplified form, and the character each is
#: folded into: OpenCC's TWVariantsRev and HKVariantsRev tables, written to
#: ``textkit/opencc_variants.tsv`` by ``scripts/opencc_variants.py``.
#: Phrases (Simplified) in which a variant of :data:`VARIANTS` is right and stays: OpenCC's
#: TWVariantsRevPhrases and HKVariantsRevPhrases, and the common words with 著 "to write,
#: notable" that those tables lack (their Taiwan text has no variant to fold, ours has).
VARIANTS, _OPENCC_KEEP = _read_variants()
KEEP_PHRASES: frozenset[str] = _OPENCC_KEEP | frozenset(
    ("编著", "专著", "论著", "译著", "原著", "遗著", "新著", "拙著", "卓著", "土著", "著作权")
)
_VARIANT_RE = re.compile(
    "(?P<keep>"
    + "|".join(map(re.escape, sorted(KEEP_PHRASES, key=len, reverse=True)))
    + ")|["
    + re.escape("".join(VARIANTS))
    + "]"
)
_ANY_VARIANT_RE = re.compile("[" + re.escape("".join(VARIANTS)) + "]")


def _variant(match: re.Match) -> str:
    return match.group() if match.group("keep") else VARIANTS[match.group()]


def fold_variants(text: str) -> str:
    """``text`` (Simplified already) with regional variants folded, one character for one.

    Args:
        text: text after OpenCC ``t2s``.
    Returns:
        The text with each character of :data:`VARIANTS` replaced by its standard form,
        except inside :data:`KEEP_PHRASES`: ``"住著"`` gives ``"住着"``, ``"著名"`` stays.
    """
    if not _ANY_VARIANT_RE.search(text):
        return text
    return _VARIANT_RE.sub(_variant, text)


def fold(text: str | None) -> str:
    """``text`` in the one form it is compared in (steps 1 to 6 of the module docstring).

    Args:
        text: any text, or None.
    Returns:
        The folded text, e.g. ``fold("民族團\\u200b結 ＡＢＣ")`` is ``"民族团结 abc"``;
        "" for None or empty text. Never store it: it is for comparing.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text.translate(_STEP_ONE))
    text = _t2s(_SPACE_RE.sub(" ", text))
    return " ".join(text.casefold().split())


@functools.lru_cache(maxsize=8192)
def _fold_unit(unit: str) -> str:
    """Steps 2 and 3 for one base character with the marks that follow it."""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", unit))


def _joins_previous(ch: str) -> bool:
    return bool(unicodedata.combining(ch)) or ch in _JOINS_PREVIOUS


def fold_with_spans(text: str | None) -> tuple[str, list[tuple[int, int]]]:
    """:func:`fold` of ``text``, and where in ``text`` each of its characters came from.

    Args:
        text: any text, or None.
    Returns:
        ``(folded, spans)`` where ``folded == fold(text)`` and ``spans[i]`` is the
        ``(start, end)`` slice of ``text`` that ``folded[i]`` comes from. A base character
        and the combining marks after it are one unit (all its characters share its span);
        a space standing for a run of white space spans the whole run; removed characters
        lie inside a hit's span when they sit between its first and last character.
    """
    if not text:
        return "", []
    # Step 1, remembering where each remaining character was.
    kept: list[str] = []
    positions: list[int] = []
    for position, char in enumerate(text):
        mapped = _STEP_ONE.get(ord(char), char)
        if mapped is not None:
            kept.append(mapped)
            positions.append(position)
    # Steps 2 and 3, unit by unit.
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    start, length = 0, len(kept)
    while start < length:
        end = start + 1
        while end < length and _joins_previous(kept[end]):
            end += 1
        span = (positions[start], positions[end - 1] + 1)
        for char in _fold_unit("".join(kept[start:end])):
            chars.append(char)
            spans.append(span)
        start = end
    # Step 4 keeps the length; step 5 may lengthen (ß to ss); step 6 merges spaces.
    folded: list[str] = []
    folded_spans: list[tuple[int, int]] = []
    for char, span in zip(_t2s("".join(chars)), spans, strict=True):
        for piece in char.casefold():
            if piece.isspace():
                if not folded or folded[-1] == " ":
                    if folded:
                        folded_spans[-1] = (folded_spans[-1][0], span[1])
                    continue
                piece = " "
            folded.append(piece)
            folded_spans.append(span)
    if folded and folded[-1] == " ":
        folded.pop()
        folded_spans.pop()
    return "".join(folded), folded_spans
