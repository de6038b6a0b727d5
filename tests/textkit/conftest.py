"""Fixtures for textkit tests: a segmenter without custom words left over from another test."""

import pytest

from textkit.analysis import segmenter


@pytest.fixture(autouse=True)
def _fresh_segmenter():
    segmenter.set_custom_words(())
    yield
    segmenter.set_custom_words(())
