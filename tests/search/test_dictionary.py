"""The segmenter's dictionary comes from segmenter words and the names of places, groups, themes."""

import pytest

from django.core.cache import cache

from search import dictionary
from search.models import SegmenterWord
from tests.factories import EthnicGroupFactory, PlaceFactory, ThemeFactory
from textkit.analysis import segmenter

pytestmark = pytest.mark.django_db


def test_collect_words_from_every_source():
    SegmenterWord.objects.create(word="红石榴课堂")
    PlaceFactory(name="阿吉拉沁社区")
    EthnicGroupFactory(code="25", name="达斡尔族")
    ThemeFactory(name="共居")
    PlaceFactory(name="Hohhot")
    words = dictionary.collect_words()
    assert {"红石榴课堂", "阿吉拉沁社区", "阿吉拉沁", "达斡尔族", "共居"} <= words
    assert "hohhot" not in words and "Hohhot" not in words


def test_changes_reach_the_segmenter():
    assert "额尔敦" not in segmenter.custom_words
    PlaceFactory(name="额尔敦社区")
    assert "额尔敦" in segmenter.custom_words


def test_another_process_s_change_is_picked_up_after_the_check_interval(monkeypatch):
    dictionary.refresh(force=True)
    SegmenterWord.objects.bulk_create([SegmenterWord(word="满都拉")])  # no signals, as from another process
    cache.set(dictionary.VERSION_KEY, "changed elsewhere")
    dictionary.ensure_current()
    assert "满都拉" not in segmenter.custom_words  # checked moments ago
    monkeypatch.setattr(dictionary, "CHECK_INTERVAL", 0.0)
    dictionary.ensure_current()
    assert "满都拉" in segmenter.custom_words
