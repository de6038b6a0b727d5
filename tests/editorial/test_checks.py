"""The term checker: normalisation, hits in context, both scripts, private-use text and 5,000 terms."""

import time

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
from tests.factories import StoryIndexPageFactory, StoryPageFactory, TermFactory
from textkit.normalise import fold as normalise
from textkit.normalise import fold_with_spans as normalise_with_positions
from textkit.stream import iter_texts as texts_of_value

pytestmark = pytest.mark.django_db

# "团结" (unity) in traditional script, typed with and without a free variation selector.
MONGOLIAN_WORD = "ᠡᠪ ᠨᠡᠢᠯᠡᠭᠡ"
MONGOLIAN_WORD_WITH_FVS = "ᠡᠪ ᠨᠡᠢ\u180bᠯᠡᠭᠡ"


def matcher(*entries: tuple[str, str, str]) -> TermMatcher:
    return TermMatcher(TermEntry(phrase, kind, suggestion, "") for phrase, kind, suggestion in entries)


def test_normalise_folds_traditional_full_width_and_mongolian_variants():
    assert normalise("民族團結") == "民族团结"
    assert normalise("ＡＢＣ１２３") == "abc123"
    assert normalise(MONGOLIAN_WORD_WITH_FVS) == normalise(MONGOLIAN_WORD)
    assert normalise("a\u200db\u200cc") == "abc"
    assert normalise("  两个   空格 ") == "两个 空格"


def test_positions_map_every_normalised_character_back_to_the_original():
    text = "Ｘ團\u180b結 e\u0301"
    normalised, spans = normalise_with_positions(text)
    assert len(normalised) == len(spans)
    assert normalised == "x团结 é"
    assert spans[1] == (1, 2) and spans[2] == (3, 4)  # the selector at 2 is dropped
    assert spans[-1] == (5, 7)  # e + combining acute composed into one character


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
    texts = [text for _label, text in texts_of_value(body, "Body")]
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
