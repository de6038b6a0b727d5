"""The term checker: hits in context, both scripts, invisible characters, agreement with search, 5,000 terms."""

import time
import unicodedata

import pytest

from django.utils import translation

from wagtail.rich_text import RichText

from core.blocks import BodyStreamBlock
from editorial.checks import (
    PRIVATE_USE_KIND,
    TermEntry,
    TermMatcher,
    check_page,
    check_texts,
    find_private_use,
    get_matcher,
)
from editorial.models import Term
from search.analysis import analyse_query
from tests.factories import StoryIndexPageFactory, StoryPageFactory, TermFactory
from tests.search.factories import GENITIVE, MONGOL, NNBSP, SCRIPT
from textkit.analysis import analyse
from textkit.normalise import INVISIBLE_CHARACTERS
from textkit.stream import iter_texts

pytestmark = pytest.mark.django_db

# "团结" (unity) in traditional script, typed with and without a free variation selector.
MONGOLIAN_WORD = "ᠡᠪ ᠨᠡᠢᠯᠡᠭᠡ"
MONGOLIAN_WORD_WITH_FVS = "ᠡᠪ ᠨᠡᠢ\u180bᠯᠡᠭᠡ"


def matcher(*entries: tuple[str, str, str]) -> TermMatcher:
    return TermMatcher(TermEntry(phrase, kind, suggestion, "") for phrase, kind, suggestion in entries)


def test_a_simplified_term_is_found_in_traditional_text_and_shown_as_written():
    terms = matcher(("民族团结", Term.Kind.OUTDATED, "铸牢中华民族共同体意识"))
    found = terms.find("社區推進民族團結進步創建工作", "正文")
    assert len(found) == 1
    hit = found[0]
    assert hit.found == "民族團結"  # the editor's characters, not the normalised ones
    assert hit.before == "社區推進" and hit.after == "進步創建工作"
    assert hit.in_context == "…社區推進【民族團結】進步創建工作…"
    assert "铸牢中华民族共同体意识" in hit.message() and "正文" in hit.message()


def test_a_traditional_term_matches_simplified_text():
    assert matcher(("少數民族", Term.Kind.TYPO, "")).find("关心少数民族群众")[0].found == "少数民族"


def test_a_mongolian_term_matches_whichever_variation_selectors_were_typed():
    terms = matcher((MONGOLIAN_WORD, Term.Kind.FORBIDDEN, ""))
    assert terms.find(f"ᠪᠢᠳᠡ {MONGOLIAN_WORD_WITH_FVS} ᠶᠢ")[0].found == MONGOLIAN_WORD_WITH_FVS
    with_fvs = matcher((MONGOLIAN_WORD_WITH_FVS, Term.Kind.FORBIDDEN, ""))
    assert with_fvs.find(MONGOLIAN_WORD)[0].blocking


def test_overlapping_terms_are_all_reported_in_order():
    found = matcher(("民族", Term.Kind.TYPO, ""), ("民族团结", Term.Kind.FORBIDDEN, "")).find("推进民族团结")
    assert [(hit.phrase, hit.start) for hit in found] == [("民族", 2), ("民族团结", 2)]


def test_private_use_text_is_flagged_with_its_place():
    text = "ᠮᠣᠩᠭᠣᠯ \ue26a\ue2b1\ue234 文字"
    hits = find_private_use(text, "正文")
    assert len(hits) == 1
    assert hits[0].kind == PRIVATE_USE_KIND and hits[0].found == "\ue26a\ue2b1\ue234"
    assert not hits[0].blocking
    with translation.override("en"):
        assert "private-use" in hits[0].message()


def test_text_is_collected_from_every_block_of_a_stream_field():
    body = BodyStreamBlock().to_python(
        [
            {"type": "paragraph", "value": "<p>段落<b>文字</b></p><p>第二段</p>"},
            {"type": "quote", "value": {"quote": "引语", "attribution": "居民"}},
            {
                "type": "figures",
                "value": {"heading": "成果", "figures": [{"value": "3", "unit": "场", "label": "活动"}]},
            },
            {"type": "table", "value": {"data": [["表头", "数"], ["单元格", "1"]], "first_row_is_table_header": True}},
        ]
    )
    texts = [text for _label, text in iter_texts(body, "Body")]
    joined = " ".join(texts)
    for expected in ("段落文字", "第二段", "引语", "居民", "成果", "活动", "单元格"):
        assert expected in joined
    assert isinstance(body[0].value, RichText)


def test_the_page_check_covers_title_summary_byline_and_body(home):
    TermFactory(phrase="少数民族同胞", kind=Term.Kind.OUTDATED, suggestion="各族群众")
    TermFactory(phrase="禁用词", kind=Term.Kind.FORBIDDEN)
    story = StoryPageFactory(
        parent=StoryIndexPageFactory(parent=home),
        title="看望少数民族同胞",
        summary="摘要里也有禁用词",
        body=[("paragraph", RichText("<p>正文里的少數民族同胞</p>"))],
        author="作者",
    )
    with translation.override("en"):
        hits = check_page(story)
    assert [(hit.phrase, hit.found) for hit in hits] == [
        ("少数民族同胞", "少数民族同胞"),
        ("禁用词", "禁用词"),
        ("少数民族同胞", "少數民族同胞"),
    ]
    assert [hit.field.split(" ›")[0] for hit in hits] == ["Title", "Summary", "Body"]


def test_the_matcher_is_built_once_and_rebuilt_when_the_term_list_changes():
    TermFactory(phrase="旧提法")
    first = get_matcher()
    assert get_matcher() is first
    TermFactory(phrase="新提法")
    second = get_matcher()
    assert second is not first
    assert [hit.phrase for hit in check_texts([("正文", "旧提法和新提法")], second)] == ["旧提法", "新提法"]
    Term.objects.get(phrase="旧提法").delete()
    assert [hit.phrase for hit in check_texts([("正文", "旧提法和新提法")])] == ["新提法"]


def test_five_thousand_terms_build_and_match_fast():
    Term.objects.bulk_create(
        Term(phrase=f"术语{number:04d}号", kind=Term.Kind.OUTDATED, suggestion=f"新{number}") for number in range(5000)
    )
    Term.objects.create(phrase="严禁出现的说法", kind=Term.Kind.FORBIDDEN)
    text = ("社区各族居民共同建设美好家园，" * 2000) + "这里有术语4999号，也有嚴禁出現的說法。"

    started = time.perf_counter()
    terms = get_matcher()
    built = time.perf_counter() - started
    started = time.perf_counter()
    hits = check_texts([("正文", text)])
    matched = time.perf_counter() - started

    assert terms.size == 5001
    assert [(hit.phrase, hit.suggestion) for hit in hits] == [("术语4999号", "新4999"), ("严禁出现的说法", "")]
    assert hits[1].blocking and hits[1].found == "嚴禁出現的說法"
    assert built < 5 and matched < 2, (built, matched)


# Invisible characters: a forbidden term with one typed inside is still forbidden ---------

# Every format character (Cf) of the BMP, generated rather than typed, a tag character,
# and the invisibles that are not Cf: Mongolian variation selectors, the combining grapheme
# joiner, variation selectors, Hangul fillers.
INVISIBLES = sorted(
    {chr(cp) for cp in range(0x10000) if unicodedata.category(chr(cp)) == "Cf"}
    | {"\U000e0001", "\u180b", "\u180c", "\u180d", "\u180f", "\u034f", "\u115f", "\u1160", "\u3164", "\uffa0"}
    | {chr(cp) for cp in range(0xFE00, 0xFE10)}
    | {chr(cp) for cp in range(0xE0100, 0xE01F0)}
)


def test_the_list_of_invisibles_is_the_one_folding_removes():
    assert len(INVISIBLES) > 300
    assert set(INVISIBLES) <= INVISIBLE_CHARACTERS


@pytest.mark.parametrize("invisible", INVISIBLES, ids=lambda ch: f"U+{ord(ch):04X}")
def test_a_forbidden_term_with_an_invisible_character_inside_is_blocked(invisible):
    terms = matcher(("鞑子", Term.Kind.FORBIDDEN, ""))
    written = f"称呼他为鞑{invisible}子是错误的"
    found = terms.find(written, "正文")
    assert [(hit.phrase, hit.found, hit.blocking) for hit in found] == [("鞑子", f"鞑{invisible}子", True)]
    assert [hit.found for hit in terms.find("称呼他为鞑子是错误的")] == ["鞑子"]


def test_the_full_check_blocks_a_term_hidden_by_a_zero_width_space():
    TermFactory(phrase="鞑子", kind=Term.Kind.FORBIDDEN)
    plain, hidden = check_texts([("正文", "鞑子")]), check_texts([("正文", "他们把人叫作鞑\u200b子")])
    assert [(hit.phrase, hit.blocking) for hit in plain] == [(hit.phrase, hit.blocking) for hit in hidden]
    assert hidden[0].blocking and hidden[0].found == "鞑\u200b子"


# Search and the term check agree on what is the same text -------------------------------

MVS, ZWJ, ZWNJ = "\u180e", "\u200d", "\u200c"
QARA = "\u182c\u1820\u1837\u1820"  # qar-a, black

#: (as written, plain form): the plain form, as a term or a query, finds the written text.
SAME_TEXT = [
    ("團結", "团结"),
    ("社區推進民族團結進步", "民族团结进步"),
    ("鄉村振興發展", "乡村振兴"),
    ("ＡＢＣ", "abc"),
    ("２０２５年", "2025年"),
    ("Hello WORLD", "hello world"),
    ("ﬁne", "fine"),
    ("Straße", "strasse"),
    ("Ⅻ", "xii"),
    ("第①期", "第1期"),
    ("\uf96b加活动", "参加"),  # a compatibility ideograph
    ("cafe\u0301", "café"),  # a combining mark
    ("ｶﾞｲﾄﾞ", "ガイド"),  # half-width kana with a voiced mark
    (MONGOL[:2] + "\u180b" + MONGOL[2:], MONGOL),  # FVS1
    (MONGOL[:2] + "\u180c" + MONGOL[2:], MONGOL),  # FVS2
    (MONGOL[:2] + "\u180d" + MONGOL[2:], MONGOL),  # FVS3
    (MONGOL[:2] + "\u180f" + MONGOL[2:], MONGOL),  # FVS4
    (QARA[:3] + MVS + QARA[3:], QARA),  # the vowel separator
    (MONGOL[:3] + ZWJ + MONGOL[3:], MONGOL),
    (MONGOL[:3] + ZWNJ + MONGOL[3:], MONGOL),
    ("\u1812\u1810\u1812\u1815", "2025"),  # Mongolian digits
    (MONGOL + NNBSP + GENITIVE, MONGOL + " " + GENITIVE),  # a case suffix after U+202F
    ("民族团\u200b结", "民族团结"),  # ZWSP
    ("民族团\u2060结", "民族团结"),  # word joiner
    ("民族团\u00ad结", "民族团结"),  # soft hyphen
    ("\ufeff民族团结", "民族团结"),  # BOM
    ("民族\u200e团结\u200f", "民族团结"),  # LRM, RLM
    ("民族\u202a团结\u202c", "民族团结"),  # a bidi embedding
    ("团\u034f结\ufe0f", "团结"),  # combining grapheme joiner, variation selector
    ("团\U000e0020结", "团结"),  # a tag character
    ("hello\x00world", "helloworld"),  # a C0 control is removed, as it is from stored text
    ("hello\x0bworld", "hello world"),  # a line-breaking control is white space
    ("团结\x85进步", "团结 进步"),  # a C1 control
    ("团结\u2028进步", "团结 进步"),  # line separator
    ("民族\u3000团结", "民族 团结"),  # ideographic space
    ("鞑\u200b子", "鞑子"),
]

#: (written, plain): different words, which neither may match.
DIFFERENT_TEXT = [
    ("民族团体", "团结"),
    ("民族团结", "民主"),
    (MONGOL, SCRIPT),
    ("2024年", "2025"),
    ("hello", "world"),
]


def _search_finds(written: str, plain: str) -> bool:
    query = analyse_query(plain)
    return not query.is_empty and set(query.tokens) <= set(analyse(written).split())


@pytest.mark.parametrize(("written", "plain"), SAME_TEXT)
def test_search_and_the_term_check_agree_on_the_same_text(written, plain):
    assert len(SAME_TEXT) >= 30
    assert matcher((plain, Term.Kind.FORBIDDEN, "")).find(written), "the term check misses it"
    assert _search_finds(written, plain), "search misses it"


@pytest.mark.parametrize(("written", "plain"), DIFFERENT_TEXT)
def test_search_and_the_term_check_agree_on_different_text(written, plain):
    assert not matcher((plain, Term.Kind.FORBIDDEN, "")).find(written)
    assert not _search_finds(written, plain)
