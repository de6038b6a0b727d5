"""Feed the segmenter the words editors manage: segmenter words and the names of snippets.

Snippets whose names the segmenter must keep whole (places, ethnic groups, themes) declare
it by subclassing :class:`DictionaryWordsMixin`; nothing here names them.

Each process keeps the words in memory. Saving or deleting one of these records reloads them
here and bumps a version in the cache, which other processes check every
:data:`CHECK_INTERVAL` seconds (with a shared cache such as Redis; with the local-memory
cache they reload on restart). ``manage.py update_index`` always reloads them first.
"""

import logging
import time
import uuid
from collections.abc import Iterable
from typing import ClassVar

from django.apps import apps
from django.core.cache import cache
from django.db import DatabaseError, transaction

from search.models import SegmenterWord
from textkit.analysis import dictionary_form, is_chinese, segmenter

logger = logging.getLogger(__name__)

VERSION_KEY = "search:segmenter-words:version"
CHECK_INTERVAL = 30.0

_state = {"version": None, "checked_at": 0.0, "loaded": False}


class DictionaryWordsMixin:
    """A model whose names the segmenter keeps whole, such as places and ethnic groups.

    Saving or deleting one reloads the dictionary everywhere and re-indexes the pages that
    refer to it (search.signals). Override :meth:`dictionary_words` for more forms of a name.
    """

    #: The field whose values are words.
    dictionary_field: ClassVar[str] = "name"

    @classmethod
    def dictionary_words(cls) -> Iterable[str]:
        """Every word this model contributes, in dictionary form (see textkit.analysis.dictionary_form)."""
        names = cls._default_manager.values_list(cls.dictionary_field, flat=True).distinct()
        return {dictionary_form(name) for name in names}


def dictionary_models() -> list[type]:
    """Installed models that contribute words (subclasses of :class:`DictionaryWordsMixin`)."""
    return [model for model in apps.get_models() if issubclass(model, DictionaryWordsMixin)]


def collect_words() -> set[str]:
    """Every custom word, from the database, in dictionary form (two or more characters)."""
    words = {dictionary_form(word) for word in SegmenterWord.objects.values_list("word", flat=True)}
    for model in dictionary_models():
        words.update(model.dictionary_words())
    return {word for word in words if len(word) >= 2 and is_chinese(word)}


def refresh(force: bool = False) -> int:
    """Reload the custom words into the segmenter; returns how many there are.

    A database that is not migrated yet leaves the dictionary as it was.
    """
    version = cache.get(VERSION_KEY)
    if not force and _state["loaded"] and version == _state["version"]:
        _state["checked_at"] = time.monotonic()
        return len(segmenter.custom_words)
    try:
        with transaction.atomic():
            words = collect_words()
    except DatabaseError:
        logger.debug("Segmenter words not loaded: the database is not ready.")
        return len(segmenter.custom_words)
    segmenter.set_custom_words(words)
    _state.update(version=version, checked_at=time.monotonic(), loaded=True)
    return len(words)


def ensure_current() -> None:
    """Reload the words if another process changed them; cheap enough to call per request."""
    if _state["loaded"] and time.monotonic() - _state["checked_at"] < CHECK_INTERVAL:
        return
    refresh()


def changed() -> None:
    """Tell every process the words changed, and reload them in this one."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    refresh(force=True)
