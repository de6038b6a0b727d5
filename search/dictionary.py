"""Feed the segmenter the words editors manage: segmenter words, places, ethnic groups, themes.

Each process keeps the words in memory. Saving or deleting one of these records reloads them
here and bumps a version in the cache, which other processes check every
:data:`CHECK_INTERVAL` seconds (with a shared cache such as Redis; with the local-memory
cache they reload on restart). ``manage.py update_index`` always reloads them first.
"""

import logging
import time
import uuid

from django.apps import apps
from django.core.cache import cache
from django.db import DatabaseError, transaction

from textkit.analysis import dictionary_form, is_chinese, segmenter

logger = logging.getLogger(__name__)

VERSION_KEY = "search:segmenter-words:version"
CHECK_INTERVAL = 30.0

#: Level words at the end of place names: 阿吉拉沁社区 is also found as 阿吉拉沁.
PLACE_SUFFIXES = (
    "街道办事处",
    "自治区",
    "自治旗",
    "自治县",
    "社区",
    "街道",
    "嘎查",
    "苏木",
    "村",
    "镇",
    "乡",
    "旗",
    "县",
    "区",
    "市",
    "盟",
    "省",
)

#: (app label, model) of the snippets whose names feed the dictionary.
NAMED_SNIPPETS = (("stories", "Place"), ("stories", "EthnicGroup"), ("stories", "Theme"))

_state = {"version": None, "checked_at": 0.0, "loaded": False}


def place_name_forms(name: str) -> set[str]:
    """A place name and the name without its level word, in dictionary form."""
    form = dictionary_form(name)
    forms = {form}
    for suffix in PLACE_SUFFIXES:
        if form.endswith(suffix) and len(form) - len(suffix) >= 2:
            forms.add(form[: -len(suffix)])
            break
    return forms


def collect_words() -> set[str]:
    """Every custom word, from the database, in dictionary form (two or more characters)."""
    from search.models import SegmenterWord

    words = {dictionary_form(word) for word in SegmenterWord.objects.values_list("word", flat=True)}
    for app_label, model_name in NAMED_SNIPPETS:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        for name in model.objects.values_list("name", flat=True).distinct():
            words |= place_name_forms(name) if model_name == "Place" else {dictionary_form(name)}
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
