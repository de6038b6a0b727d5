"""Excerpts mark the matched words in the text as written."""

import pytest

from search.analysis import analyse_query
from search.excerpts import excerpt, highlight, object_texts
from tests.factories import StoryPageFactory
from tests.search.factories import FVS1, MONGOL, NNBSP

TERMS = analyse_query("团结").terms


def test_traditional_text_is_marked_for_a_simplified_query():
    assert str(highlight("民族團結進步", TERMS)) == "民族<mark>團結</mark>進步"


def test_mongolian_typed_with_variation_selectors_is_marked_as_typed():
    typed = MONGOL[:2] + FVS1 + MONGOL[2:] + NNBSP + "\u1824\u1828"
    assert str(highlight(typed, analyse_query(MONGOL).terms)) == f"<mark>{typed[:7]}</mark>{typed[7:]}"


def test_latin_words_are_marked_whole():
    assert str(highlight("For OR or", analyse_query("or").terms)) == "For <mark>OR</mark> <mark>or</mark>"


def test_text_is_escaped():
    assert str(highlight("<b>团结</b> & co", TERMS)) == "&lt;b&gt;<mark>团结</mark>&lt;/b&gt; &amp; co"


def test_excerpt_is_a_window_around_the_first_match():
    text = "开头" * 200 + "民族团结" + "结尾" * 200
    result = str(excerpt(["没有匹配的摘要", text], TERMS, length=40))
    assert result.startswith("…") and result.endswith("…")
    assert "<mark>团结</mark>" in result
    assert len(result.replace("<mark>", "").replace("</mark>", "")) <= 42


def test_excerpt_without_a_match_shows_the_start_of_the_first_text():
    assert str(excerpt(["摘要在这里", "正文"], TERMS)) == "摘要在这里"
    assert str(excerpt([], TERMS)) == ""


def test_match_across_a_chunk_boundary_is_found():
    text = "甲" * 599 + "团结"
    assert "<mark>团结</mark>" in str(excerpt([text], TERMS))


@pytest.mark.django_db
def test_object_texts_read_summary_and_stream_text_without_markup(index):
    story = StoryPageFactory(
        parent=index,
        summary="摘要",
        body=[
            ("paragraph", "<p>第一段 <b>加粗</b> &amp; 更多</p>"),
            ("quote", {"quote": "引言", "attribution": "居民"}),
        ],
    )
    texts = object_texts(story)
    assert texts[0] == "摘要"
    assert "第一段 加粗 & 更多" in texts[1] and "引言" in texts[1] and "<p>" not in texts[1]
