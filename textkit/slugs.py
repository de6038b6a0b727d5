"""Short, readable, stable slugs for titles in Chinese (pinyin), Latin or Mongolian script.

A Chinese title slugified as Unicode becomes a URL of percent-encoded bytes (nine characters
per Han character). The slug is the title's pinyin without tones instead, word by word, cut
at a word boundary: "光明社区：石榴籽志愿服务队" becomes ``guang-ming-she-qu-shi-liu-zi-zhi-yuan``.
The same title always gives the same slug. Text with no Latin or Han letters (a Mongolian
title) gives "", and the caller falls back to its own stable name.
"""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

from django.utils.text import slugify

MAX_SLUG_CHARS = 50
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def pinyin_slug(title: str, max_chars: int = MAX_SLUG_CHARS) -> str:
    """The ASCII slug of ``title``: pinyin for Han characters, Latin letters and digits kept, others dropped.

    Args:
        title: the page title as written.
        max_chars: the longest slug; it is cut between syllables, never inside one.
    Returns:
        A slug of lower-case ASCII letters, digits and hyphens, or "" when nothing is left.
    """
    pieces = lazy_pinyin(title, style=Style.NORMAL, errors=lambda text: [f" {text} "])
    words = slugify(" ".join(pieces)).split("-")
    slug = ""
    for word in filter(None, words):
        if len(slug) + len(word) + 1 > max_chars:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug
