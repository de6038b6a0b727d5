"""Search tokens: normalisation before folding, segmentation, the custom dictionary."""

import pytest

from tests.search.factories import FVS1, MONGOL, NNBSP, SCRIPT
from textkit import analysis
from textkit.analysis import analyse, index_tokens, normalise, segmenter

MVS = "\u180e"
ZWJ = "\u200d"


def test_traditional_and_simplified_normalise_alike():
    assert normalise("民族團結進步") == normalise("民族团结进步") == "民族团结进步"


def test_nfkc_and_case_folding():
    assert normalise("ＡＢＣ２０２５ Hello") == "abc2025 hello"
    assert normalise("ﬁne") == "fine"


@pytest.mark.parametrize(
    "typed",
    [
        MONGOL[:2] + FVS1 + MONGOL[2:],  # a free variation selector
        MONGOL[:3] + ZWJ + MONGOL[3:],  # a zero width joiner
        MONGOL[:3] + "\u200c" + MONGOL[3:],  # a zero width non-joiner
        MONGOL + "\u180c",  # FVS2 at the end
    ],
)
def test_invisible_mongolian_code_points_are_ignored(typed):
    assert normalise(typed) == MONGOL
    assert index_tokens(typed) == [MONGOL]


def test_vowel_separator_is_treated_the_same_whether_typed_or_not():
    with_separator = "\u182c\u1820\u1837" + MVS + "\u1820"  # qar-a, black
    without = "\u182c\u1820\u1837\u1820"
    assert analyse(with_separator) == analyse(without)


def test_long_word_after_narrow_no_break_space_is_kept():
    assert index_tokens(MONGOL + NNBSP + SCRIPT + SCRIPT) == [MONGOL, SCRIPT + SCRIPT]


def test_mongolian_digits_become_ascii():
    assert normalise("\u1812\u1810\u1812\u1815") == "2025"


def test_narrow_no_break_space_between_latin_words_is_a_space():
    assert index_tokens("hello\u202fworld") == ["hello", "world"]


def test_chinese_is_segmented_in_search_mode():
    tokens = index_tokens("民族团结进步活动月")
    assert "团结" in tokens and "民族" in tokens and "进步" in tokens

    tokens = index_tokens("中华民族共同体")
    assert {"中华民族共同体", "中华民族", "共同体", "中华", "民族"} <= set(tokens)


def test_chinese_runs_are_indexed_with_their_bigrams():
    assert {"阿吉", "吉拉", "拉沁"} <= set(index_tokens("阿吉拉沁社区"))


def test_latin_and_digits_are_separate_from_chinese():
    assert index_tokens("2025年G20峰会") == ["2025", "年", "g20", "峰会"]


def test_tokens_hold_only_letters_and_digits():
    for token in index_tokens('民族团结 "NEAR" OR * (a) 1,200 user_name e-mail'):
        assert token.isalnum(), token


def test_analyse_accepts_lists_none_and_dicts():
    assert analyse(None) == ""
    assert analyse(["团结", None, "Hello"]) == "团结 hello"
    assert analyse({"a": "團結"}) == "团结"


def test_removing_a_custom_word_keeps_the_dictionary_s_own_words():
    segmenter.set_custom_words({"团结", "蒙古族", "巴彦塔拉"})
    segmenter.set_custom_words(())
    assert index_tokens("团结")[0] == "团结"
    assert "蒙古族" in index_tokens("蒙古族群众")


def test_normalise_with_offsets_maps_back_to_the_original():
    original = "民族團結 " + MONGOL[:2] + FVS1 + MONGOL[2:] + " ﬁne"
    normalised, offsets = analysis.normalise_with_offsets(original)
    assert normalised == "民族团结 " + MONGOL + " fine"
    assert len(offsets) == len(normalised)
    start = normalised.index("团结")
    assert original[offsets[start] : offsets[start + 1] + 1] == "團結"
    fine = normalised.index("fine")
    assert original[offsets[fine] : offsets[fine + 3] + 1] == "ﬁne"


def test_dictionary_form_and_is_chinese():
    assert analysis.dictionary_form(" 阿吉拉沁 社區 ") == "阿吉拉沁社区"
    assert analysis.is_chinese("团结") and not analysis.is_chinese("团结1") and not analysis.is_chinese("")
