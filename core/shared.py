"""Per-process copies of what pages read on every request and editors seldom change.

Locales, sites and their root pages in each language, view restrictions and site settings
cost a story page about ten queries when read anew for every request. Each is kept in the
process until core.page_cache's generation number changes: saving a locale, site, site setting,
view restriction or snippet, or publishing, moving or deleting a page, increases it (in the
cache every worker shares), so every worker reloads on its next request. The number is read
once per request; outside a request (a management command, a task) it is read at every use.
Whatever the number says, a value is also read anew after :data:`MAX_AGE` seconds: a server
whose page cache is not the one its neighbours bump (several machines without ``REDIS_URL``)
is then wrong for a minute at most, never for good; that includes a page's view restrictions.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from django.core.signals import request_finished, request_started

from core.page_cache import current_generation

T = TypeVar("T")
logger = logging.getLogger(__name__)

#: Seconds a value is kept even when the generation has not changed.
MAX_AGE = 60

_values: dict[str, tuple[int, float, object]] = {}
_request = threading.local()


def generation() -> int | None:
    """The page-cache generation, read once per request (core.page_cache.current_generation);
    None when the cache cannot be reached."""
    known = getattr(_request, "generation", None)
    if known is not None:
        return known
    try:
        number = current_generation()
    except Exception:  # a cache server that is down must not take the site with it
        logger.warning("Page cache unreachable; per-process values are read anew", exc_info=True)
        return None
    if getattr(_request, "active", False):
        _request.generation = number
    return number


def shared(name: str, load: Callable[[], T]) -> T:
    """The value ``load()`` returned in this process for the current generation.

    Args:
        name: a key unique to the value, such as ``"locales"``.
        load: makes the value; called again after any change of the generation.
    Returns:
        The value, shared by every request of this process: treat it as read-only (copy an
        object before setting attributes on it). Made anew after :data:`MAX_AGE` seconds, and
        at every call while the cache holding the generation cannot be reached.
    """
    number = generation()
    if number is None:
        return load()
    entry = _values.get(name)
    now = time.monotonic()
    if entry is None or entry[0] != number or now - entry[1] > MAX_AGE:
        entry = (number, now, load())
        _values[name] = entry
    return entry[2]  # type: ignore[return-value]


def _request_started(**kwargs) -> None:
    _request.active = True
    _request.generation = None


def _request_finished(**kwargs) -> None:
    _request.active = False
    _request.generation = None


request_started.connect(_request_started, weak=False, dispatch_uid="shiliu_shared_request_started")
request_finished.connect(_request_finished, weak=False, dispatch_uid="shiliu_shared_request_finished")
