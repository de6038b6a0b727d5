"""Cleaning keeps every character as written, Mongolian format characters included; rich text to plain text."""

import pytest

from textkit.html import clean_html, html_to_text, safe_url, squeeze_spaces, strip_spaces, tidy_rich_text

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


UNSAFE_URLS = [
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    "  javascript:alert(1)",
    "\x01\x02javascript:alert(1)",
    "\u200bjavascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#0000106avascript:alert(1)",
    "javascript&colon;alert(1)",
    "&amp;#106;avascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:image/svg+xml,<svg onload=alert(1)>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "shiliu-embedded-image:0",
]
SAFE_URLS = [
    "http://example.cn/",
    "HTTPS://example.gov.cn/a?b=c#d",
    "mailto:office@example.cn",
    "tel:12345",
    "/zh-hans/stories/",
    "stories/a:b",
    "#footnote",
    "?page=2",
    "//example.cn/a",
]


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_unsafe_link_schemes_are_refused_however_disguised(url):
    assert safe_url(url) is None
    assert "href" not in clean_html(f'<p><a href="{url}">链接</a></p>')
    assert clean_html(f'<p><a href="{url}">链接</a></p>') == "<p>链接</p>"
    assert tidy_rich_text(f'<p><a href="{url}">链接</a></p>') == '<p><a href="#">链接</a></p>'
    assert "<img" not in clean_html(f'<p>图<img src="{url}"></p>')


@pytest.mark.parametrize("url", SAFE_URLS)
def test_safe_and_relative_links_are_kept(url):
    assert safe_url(url) == url
    assert tidy_rich_text(f'<p><a href="{url}">链接</a></p>') == f'<p><a href="{url}">链接</a></p>'


def test_the_import_image_marker_is_allowed_only_where_asked():
    markup = '<p><img src="shiliu-embedded-image:0"></p>'
    assert "<img" in clean_html(markup, image_schemes=["shiliu-embedded-image"])
    assert "<img" not in clean_html(markup)


@pytest.mark.parametrize("mark", MONGOLIAN_FORMAT, ids=lambda mark: f"U+{ord(mark):04X}")
def test_squeezing_and_stripping_spaces_keep_mongolian_format_characters(mark):
    text = f"{mark}{MONGOL}{mark}  \u1824\u1828{mark}"
    assert squeeze_spaces(f"  {text}\u3000") == f"{mark}{MONGOL}{mark} \u1824\u1828{mark}"
    assert strip_spaces(f" \t{text} ") == text


def test_every_href_of_a_link_is_checked_a_repeated_one_too():
    markup = '<p><a title="a>b" href="https://example.cn/" HREF = \'javascript:alert(1)\'>链接</a></p>'
    assert "javascript" not in tidy_rich_text(markup)
    assert "https://example.cn/" in tidy_rich_text(markup)
