"""manage.py update_index loads the segmenter's words and reports progress."""

from io import StringIO

import pytest

from django.core.management import call_command

from wagtail.models import Page

from search import services
from search.models import SegmenterWord
from tests.factories import StoryPageFactory
from textkit.analysis import segmenter

pytestmark = pytest.mark.django_db


def test_update_index_applies_new_words_and_shows_counts(index):
    story = StoryPageFactory(parent=index, title="走进宝力根陶海嘎查")
    SegmenterWord.objects.bulk_create([SegmenterWord(word="宝力根陶海")])  # no signal: as if added elsewhere
    segmenter.set_custom_words(())
    output = StringIO()
    call_command("update_index", stdout=output)
    text = output.getvalue()
    assert "Segmenter dictionary: 1 custom words" in text
    assert "stories.StoryPage" in text and "1/1" in text
    assert "宝力根陶海" in segmenter.custom_words

    query = services.analyse("宝力根陶海")
    assert query.words == ("宝力根陶海",)
    assert [page.pk for page in services.run(Page.objects.all(), query)] == [story.pk]
