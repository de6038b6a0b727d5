"""Fixtures for search tests: a site in both languages and a segmenter without leftovers."""

import pytest

from search import dictionary
from tests.factories import StoryIndexPageFactory
from textkit.analysis import segmenter


@pytest.fixture(autouse=True)
def _fresh_segmenter():
    """Words added by one test never change how the next one segments."""
    segmenter.set_custom_words(())
    dictionary._state.update(version=None, checked_at=0.0, loaded=False)
    yield
    segmenter.set_custom_words(())
    dictionary._state.update(version=None, checked_at=0.0, loaded=False)


def publish_translation(page, locale):
    """A published translation of ``page`` in ``locale`` (its parent must be translated)."""
    translation = page.copy_for_translation(locale)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation.specific


@pytest.fixture
def mn_home(home, locales):
    """The Mongolian home page, a translation of the Chinese one."""
    return publish_translation(home, locales["mn"])


@pytest.fixture
def index(home):
    return StoryIndexPageFactory(parent=home, title="故事汇")


@pytest.fixture
def mn_index(index, mn_home, locales):
    return publish_translation(index, locales["mn"])
