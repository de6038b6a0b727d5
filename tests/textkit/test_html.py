"""Cleaning keeps every character as written, Mongolian format characters included; rich text to plain text."""

import pytest

from textkit.html import clean_html, html_to_text, tidy_rich_text

MONGOL = "\u182e\u1823\u1829\u182d\u1823\u182f"  # ᠮᠣᠩᠭᠣᠯ
MONGOLIAN_FORMAT = ["\u202f", "\u180e", "\u180b", "\u180c", "\u180d", "\u180f", "\u200d", "\u200c"]


@pytest.mark.parametrize("mark", MONGOLIAN_FORMAT, ids=lambda mark: f"U+{ord(mark):04X}")
@pytest.mark.parametrize("clean", [clean_html, tidy_rich_text])
def test_mongolian_format_characters_survive_cleaning(clean, mark):
    # Inside a word, at the start and at the end of a paragraph, and in a heading.
    markup = f"<p>{mark}{MONGOL[:3]}{mark}{MONGOL[3:]}{mark}</p><h2>{MONGOL}{mark}\u1824\u1828</h2>"
    assert clean(markup) == markup


def test_word_markup_around_mongolian_is_removed_but_its_characters_kept():
    text = f"{MONGOL}\u202f\u1824\u1828 \u182e\u180b\u1823\u180e\u1820\u200d"
    pasted = f'<p class="MsoNormal" style="mso-x:1"><span lang="MN">&nbsp;{text}</span><o:p></o:p></p>'
    assert clean_html(pasted) == f"<p>{text}</p>"


def test_indents_and_empty_paragraphs_still_go():
    assert tidy_rich_text("<p>\u3000\u3000正文 </p><p>&nbsp;</p>") == "<p>正文</p>"


def test_traditional_characters_are_not_converted():
    assert clean_html("<p>民族團結</p>") == "<p>民族團結</p>"


def test_html_to_text_breaks_lines_at_blocks_and_decodes_entities():
    assert html_to_text("<p>段落<b>文字</b></p><p>A &amp; B</p>") == "段落文字\nA & B\n"
