"""Segmenter words are Chinese words; the search log counts searches per day."""

import datetime

import pytest

from django.core.exceptions import ValidationError

from search.models import SearchTerm, SearchTermDay, SegmenterWord

pytestmark = pytest.mark.django_db


def test_segmenter_word_is_stored_in_simplified_without_spaces():
    word = SegmenterWord(word=" 阿吉拉沁 ")
    word.full_clean()
    assert word.word == "阿吉拉沁"
    traditional = SegmenterWord(word="紅石榴課堂")
    traditional.full_clean()
    assert traditional.word == "红石榴课堂"


@pytest.mark.parametrize("word", ["团", "abc", "团结1", "团 结!", "", "ᠮᠣᠩᠭᠣᠯ"])
def test_segmenter_word_must_be_two_or_more_chinese_characters(word):
    with pytest.raises(ValidationError):
        SegmenterWord(word=word).full_clean()


def test_search_term_record_counts_per_day():
    day = datetime.date(2026, 11, 24)
    SearchTerm.record("团结", 3, today=day)
    SearchTerm.record("团结", 0, today=day)
    SearchTerm.record("团结", 2, today=day + datetime.timedelta(days=1))
    SearchTerm.record("  ", 0, today=day)
    term = SearchTerm.objects.get()
    assert term.last_result_count == 2 and term.last_searched_at is not None
    days = list(SearchTermDay.objects.order_by("date").values_list("searches", "zero_result_searches"))
    assert days == [(2, 1), (1, 0)]
    assert str(term) == "团结" and "团结" in str(SearchTermDay.objects.first())


def test_search_term_is_cut_to_the_column_length():
    SearchTerm.record("团" * 400, 1)
    assert len(SearchTerm.objects.get().query_string) == 255
