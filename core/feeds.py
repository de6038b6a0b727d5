"""Feed generators whose XML stays well-formed whatever the text holds.

Django's feed writer raises on control characters (XML 1.0 cannot carry them), which turns
one bad summary into a 500 for every reader of the feed. These generators strip them from
every string they are given (textkit.normalise.strip_controls); use them as ``feed_type``.
"""

from __future__ import annotations

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from textkit.normalise import strip_controls
from textkit.stream import map_raw_strings


def _clean(value):
    return map_raw_strings(value, strip_controls)


class XMLSafeFeedMixin:
    """Strip control characters from the feed's and every item's strings before they are written."""

    def __init__(self, *args, **kwargs):
        super().__init__(*[_clean(arg) for arg in args], **{key: _clean(value) for key, value in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*[_clean(arg) for arg in args], **{key: _clean(value) for key, value in kwargs.items()})


class SafeRssFeed(XMLSafeFeedMixin, Rss201rev2Feed):
    """RSS 2.0 that never fails on a control character."""


class SafeAtomFeed(XMLSafeFeedMixin, Atom1Feed):
    """Atom 1.0 that never fails on a control character."""
