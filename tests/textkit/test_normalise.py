"""The one comparison form: what is removed, what becomes a space, and spans back to the text as written."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import require
from textkit import normalise
from textkit.normalise import INVISIBLE_CHARACTERS, find_private_use, fold, fold_with_spans, is_invisible

MONGOL = "\u182e\u1823\u1829\u182d\u1823\u182f"  # ᠮᠣᠩᠭᠣᠯ

EXAMPLES = [
    ("民族團結進步", "民族团结进步"),
    ("ＡＢＣ２０２５　Hello", "abc2025 hello"),
    ("ﬁne Straße Ⅻ", "fine strasse xii"),
    ("鞑\u200b子", "鞑子"),
    ("团\u2060结\u00ad工\ufeff作\u200e", "团结工作"),
    (MONGOL[:2] + "\u180b" + MONGOL[2:] + "\u180e\u200d\u200c\u180f", MONGOL),
    ("\u1812\u1810\u1812\u1815年", "2025年"),
    (MONGOL + "\u202f\u1824\u1828", MONGOL + " \u1824\u1828"),
    ("a\x00b\x85c\u2028d\u2029e\x0bf", "ab c d e f"),  # controls removed; those that break lines are spaces
    ("旧\ue26a\ue2b1字\U000f0001", "旧 字"),
    ("  两个 \t\n 空格  ", "两个 空格"),
    ("cafe\u0301 e\u200b\u0301", "café é"),
    ("ｶﾞｲﾄﾞ", "ガイド"),
    ("\uf96b加\uf9d1月", "参加六月"),
    ("团\u034f结\ufe0f葛\U000e0100\u3164\U000e0041", "团结葛"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "folded"), EXAMPLES)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(("text", "folded"), EXAMPLES)
def test_fold_with_spans_gives_the_same_text_and_a_span_per_character(text, folded):
    result, spans = fold_with_spans(text)
    assert result == fold(text) == folded
    assert len(spans) == len(result)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert [start for start, _end in spans] == sorted(start for start, _end in spans)


def test_fold_of_none_is_empty():
    assert fold(None) == "" and fold_with_spans(None) == ("", [])


def test_spans_point_at_the_text_as_written():
    text = "Ｘ團\u180b結 e\u0301  鞑\u200b子"
    folded, spans = fold_with_spans(text)
    assert folded == "x团结 é 鞑子"
    assert spans[1] == (1, 2) and spans[2] == (3, 4)  # the selector at 2 is dropped
    assert spans[4] == (5, 7)  # e + combining acute composed into one character
    assert spans[5] == (7, 9)  # two spaces, one folded space
    start, end = spans[folded.index("鞑")][0], spans[folded.index("子")][1]
    assert text[start:end] == "鞑\u200b子"


def test_a_phrase_conversion_that_changes_length_falls_back_to_characters(monkeypatch):
    class Converter:
        def convert(self, text):
            return text.replace("團結", "团结了") if len(text) > 1 else text.replace("團", "团")

    monkeypatch.setattr(normalise, "_converter", lambda: Converter())
    normalise._single_char_t2s.cache_clear()
    try:
        assert fold_with_spans("團結")[0] == fold("團結") == "团結"
        assert len(fold_with_spans("團結")[1]) == 2
    finally:
        normalise._single_char_t2s.cache_clear()


def test_every_format_character_is_invisible():
    every_cf = {chr(cp) for cp in range(0x110000) if unicodedata.category(chr(cp)) == "Cf"}
    assert every_cf <= INVISIBLE_CHARACTERS
    others = "\u180b\u180c\u180d\u180f\u034f\ufe00\ufe0f\U000e0100\U000e01ef\u115f\u1160\u3164\uffa0"
    assert all(is_invisible(ch) for ch in others)
    assert not any(is_invisible(ch) for ch in "a 团\u202f\u3000\u180a" + MONGOL)


def test_no_visible_character_folds_into_an_invisible_one():
    for cp in range(0x30000):
        ch = chr(cp)
        if unicodedata.category(ch) != "Cs" and not is_invisible(ch):
            assert not any(is_invisible(out) for out in unicodedata.normalize("NFKC", ch)), hex(cp)


def test_characters_that_join_the_one_before_are_all_known():
    # NFKC joins these to the character before though their combining class is 0; folding
    # unit by unit must keep them with it (recomputed here from the Unicode data).
    seconds = set()
    for cp in range(0x30000):
        decomposition = unicodedata.decomposition(chr(cp)).split()
        if len(decomposition) == 2 and not decomposition[0].startswith("<"):
            second = chr(int(decomposition[1], 16))
            if not unicodedata.combining(second):
                seconds.add(second)
    for cp in range(0x30000):
        ch = chr(cp)
        if unicodedata.category(ch) == "Cs" or unicodedata.combining(ch):
            continue
        decomposed = unicodedata.normalize("NFKD", ch)
        if decomposed != ch and (unicodedata.combining(decomposed[0]) or decomposed[0] in seconds):
            seconds.add(ch)
    assert seconds <= normalise._JOINS_PREVIOUS


def test_private_use_runs_are_found_in_order():
    assert find_private_use("a\ue000\ue001 b \uf8ff \U00100000") == ["\ue000\ue001", "\uf8ff", "\U00100000"]
    assert find_private_use(None) == []
    assert find_private_use("\uf900") == []  # a compatibility ideograph, not private use


_ALPHABET = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK, Simplified and Traditional
    st.sampled_from("團結進步臺灣鄉村發展後裡乾麵麼著爲於們個來說"),  # Traditional t2s changes
    st.characters(min_codepoint=0x1800, max_codepoint=0x18AF),  # Mongolian
    st.sampled_from(sorted(ch for ch in INVISIBLE_CHARACTERS if ch < "\U00020000")),
    st.sampled_from("\u202f\u00a0\u3000 \t\n\r\x00\x01\x1f\x7f\x85\x9f\u2028\u2029\ue000\uf8ff\uf96b\uf9d1"),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),  # ASCII
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF9F),  # full-width and half-width forms
    st.characters(min_codepoint=0x0300, max_codepoint=0x036F),  # combining marks
    st.sampled_from("ßﬁⅫ①ΣİK"),
)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_fold_with_spans_agrees_with_fold_on_any_text(text):
    folded, spans = fold_with_spans(text)
    assert folded == fold(text)
    assert len(spans) == len(folded)
    assert all(0 <= start < end <= len(text) for start, end in spans)


# Regional variants that OpenCC's t2s keeps (issue 13): the Taiwan/Hong Kong form on one side,
# the mainland form on the other, folded to one.
VARIANT_PAIRS = [
    ("他住著一間房", "他住着一间房"),
    ("孩子們看著老師", "孩子们看着老师"),
    ("穿著民族服裝", "穿着民族服装"),
    ("衞生服務站", "卫生服务站"),
    ("敍述", "叙述"),
    ("枱燈", "台灯"),
    ("化粧品", "化妆品"),
    ("麻痺", "麻痹"),
    ("屋簷下", "屋檐下"),
    ("衹有", "只有"),
]


@pytest.mark.parametrize(("variant", "mainland"), VARIANT_PAIRS)
def test_regional_variants_fold_into_the_mainland_form(variant, mainland):
    assert fold(variant) == fold(mainland) == mainland


@pytest.mark.parametrize("phrase", ["著名", "著作", "显著", "顯著", "名著", "編著", "恶名昭著", "著稱於世", "土著"])
def test_phrases_where_the_variant_is_right_keep_it(phrase):
    assert "著" in fold(phrase)
    assert "着" not in fold(phrase)


def test_a_phrase_kept_does_not_protect_the_variant_next_to_it():
    # 著名 keeps its 著; the 著 of 住著 right after it is still the verb suffix.
    assert fold("著名作家住著") == "著名作家住着"
    assert fold("着名") != fold("著名")


@pytest.mark.parametrize(("variant", "mainland"), VARIANT_PAIRS)
def test_fold_with_spans_keeps_one_span_per_character_through_variants(variant, mainland):
    folded, spans = fold_with_spans(variant)
    assert folded == mainland
    assert spans == [(i, i + 1) for i in range(len(variant))]


def test_variant_table_is_what_the_installed_opencc_gives():
    """textkit/opencc_variants.tsv is regenerated from OpenCC's own tables by the script."""
    import importlib.util
    import pathlib

    import opencc

    root = pathlib.Path(__file__).resolve().parents[2]
    tool = pathlib.Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    require(tool.exists(), "this OpenCC build ships no opencc_dict tool")
    spec = importlib.util.spec_from_file_location("opencc_variants", root / "scripts" / "opencc_variants.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert (root / "textkit" / "opencc_variants.tsv").read_text(encoding="utf-8") == script.build()
    assert normalise.VARIANTS["著"] == "着"
