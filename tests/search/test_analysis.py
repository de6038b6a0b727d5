"""Search queries analysed like indexed text, and the Wagtail query objects they become."""

import pytest

from wagtail.search.query import Or, PlainText

from search import analysis
from search.analysis import analyse_query
from tests.search.factories import GENITIVE, MONGOL, NNBSP
from textkit.analysis import analyse, index_tokens, segmenter
from textkit.normalise import find_private_use


def test_suffix_after_narrow_no_break_space_is_split_from_its_stem():
    assert index_tokens(MONGOL + NNBSP + GENITIVE) == [MONGOL]
    assert analyse_query(MONGOL + NNBSP + GENITIVE).words == (MONGOL,)


def test_case_ending_typed_after_a_plain_space_is_not_a_required_word():
    assert analyse_query(f"{MONGOL} {GENITIVE}").words == (MONGOL,)


def test_private_use_text_is_reported_and_not_indexed():
    text = "\ue101\ue102\ue103 团结"
    assert find_private_use(text) == ["\ue101\ue102\ue103"]
    assert analyse(text) == "团结"
    assert analyse_query("\ue101\ue102").private_use
    assert analyse_query("\ue101\ue102").is_empty


def test_query_words_and_bigrams():
    query = analyse_query("阿吉拉沁")
    assert query.tokens == ("阿吉", "吉拉", "拉沁")  # not a dictionary word: its bigrams
    assert "阿吉拉沁" in query.terms
    assert not query.is_empty


def test_a_long_pasted_sentence_is_cut_to_the_token_budget():
    query = analyse_query("铸牢中华民族共同体意识推动各民族共同团结奋斗共同繁荣发展构建互嵌式社会结构和社区环境")
    assert query.truncated and not query.is_empty
    assert len(query.tokens) <= analysis.MAX_QUERY_TOKENS


def test_and_asks_for_every_token_at_once():
    search_query = analyse_query("hello 阿吉拉沁 world 红石榴课堂").search_query()
    assert isinstance(search_query, PlainText) and search_query.operator == "and"
    assert search_query.query_string == "hello 阿吉 吉拉 拉沁 world 红石榴课堂"


def test_or_asks_for_any_word_but_all_tokens_of_a_chinese_word():
    search_query = analyse_query("阿吉拉沁 宝力根陶海 hello 团结").search_query(operator="or")
    assert isinstance(search_query, Or)
    simple, *runs = search_query.subqueries
    assert (simple.query_string, simple.operator) == ("hello 团结", "or")
    assert [(run.query_string, run.operator) for run in runs] == [
        ("阿吉 吉拉 拉沁", "and"),
        ("宝力 力根 根陶 陶海", "and"),
    ]


def test_query_of_a_two_character_word_has_one_form():
    query = analyse_query("團結")
    assert query.words == query.tokens == ("团结",)
    search_query = query.search_query()
    assert isinstance(search_query, PlainText)
    assert search_query.query_string == "团结" and search_query.operator == "and"


def test_query_with_an_unknown_word_asks_for_its_bigrams():
    query = analyse_query("宝力根陶海")
    assert query.words == ("宝力", "根陶海")  # the segmenter's guess, used for highlighting
    assert query.tokens == ("宝力", "力根", "根陶", "陶海")
    assert set(query.tokens) <= set(index_tokens("走进宝力根陶海嘎查"))


def test_query_of_dictionary_words_asks_for_the_words_only():
    # Indexed texts hold every dictionary word they contain, wherever the segmenter cut them.
    search_query = analyse_query("互嵌式社区").search_query()
    assert isinstance(search_query, PlainText)
    assert "互嵌式社区" in index_tokens("构建互嵌式社区环境")
    assert "中华民族" in index_tokens("铸牢中华民族共同体意识")


@pytest.mark.parametrize(
    "hostile",
    ["", "   ", "!!!", "\"'*", "()", "\x00\x01\x7f", "🙂🙂", "----", "'; "],
)
def test_queries_without_searchable_text_are_empty(hostile):
    query = analyse_query(hostile)
    assert query.is_empty
    with pytest.raises(ValueError):
        query.search_query()


@pytest.mark.parametrize(
    "hostile", ['"团结" OR NEAR(a b)', "团结* AND NOT x", "'; DROP TABLE wagtailcore_page; --", "a:b title:团结"]
)
def test_query_syntax_becomes_plain_words(hostile):
    query = analyse_query(hostile)
    assert not query.is_empty
    assert all(token.isalnum() for token in query.tokens)


def test_control_characters_are_removed_from_the_query_as_shown():
    assert analyse_query("团\x00结\x0b那达慕").original == "团结 那达慕"  # removed; a line break is a space


def test_long_queries_are_truncated():
    query = analyse_query("团结" * 500)
    assert query.truncated
    assert len(query.original) == analysis.MAX_QUERY_LENGTH

    many = analyse_query(" ".join(f"w{number}" for number in range(100)))
    assert many.truncated and len(many.tokens) == analysis.MAX_QUERY_TOKENS


def test_custom_words_are_kept_whole_and_can_be_removed():
    assert "阿吉拉沁" not in index_tokens("阿吉拉沁社区")
    assert segmenter.set_custom_words({"阿吉拉沁"})
    assert "阿吉拉沁" in index_tokens("阿吉拉沁社区")
    assert analyse_query("阿吉拉沁").tokens == ("阿吉拉沁",)
    assert not segmenter.set_custom_words({"阿吉拉沁"})  # unchanged
    segmenter.set_custom_words(())
    assert "阿吉拉沁" not in index_tokens("阿吉拉沁社区")


def test_builtin_programme_names_are_words():
    assert "红石榴课堂" in index_tokens("欢迎参加红石榴课堂")
    assert analyse_query("红石榴课堂").tokens == ("红石榴课堂",)
