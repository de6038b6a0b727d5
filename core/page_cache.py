"""A page cache for anonymous readers, with the headers a CDN needs to cache and purge pages.

Only Wagtail pages are cached (core.wagtail_hooks marks a request when Wagtail serves a
page), only for GET and HEAD, only for requests without a session cookie (editors, and
readers who entered a page password, always get a fresh page), only 200 answers that set no
cookie (a page with a CSRF token sets one, so forms are never shared), and only pages without
view restrictions.

Invalidation is by generation: every cache key embeds a number that any change readers could
see (publish, unpublish, move, delete, a translation going live, a snippet, image, site
setting or view restriction saved) increases. Listings, menus and language switchers show
other pages, so a change invalidates every page, never a guessed subset; a page is rendered
again on its next request. The number lives in the same cache as the pages, so every worker
and every server sharing that cache (a file folder on one server, Redis between servers)
sees it at once.

Headers (settings, in seconds):
- ``Cache-Control: public, max-age=PAGE_CACHE_MAX_AGE, s-maxage=PAGE_CACHE_S_MAXAGE`` on cacheable
  pages (browsers keep a page briefly, since nothing can purge them; a CDN longer).
- ``Surrogate-Key`` (Fastly) and ``Cache-Tag`` (Cloudflare, Akamai): ``pages site-<id> page-<id>
  locale-<code>``; purging ``pages`` is what the local invalidation does. The
  :data:`pages_changed` signal carries the keys to purge for a deployment's CDN hook.
- ``Cache-Control: private, no-cache, no-store`` (Django's never-cache headers) on the pages an
  editor or a reader with a session sees.
- ``X-Page-Cache: hit`` / ``miss`` for measuring.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

logger = logging.getLogger(__name__)

PAGE_ATTRIBUTE = "_shiliu_cached_page"
GENERATION_KEY = "shiliu:page-cache:generation"
HEADERS_NOT_STORED = {"set-cookie", "vary", "x-page-cache"}

#: Sent after every invalidation, with ``surrogate_keys`` (a list of str) naming what a CDN should
#: purge and ``reason`` (str). Connect a receiver that calls the CDN's purge-by-key API.
pages_changed = Signal()


def page_cache():
    """The cache that holds pages and the generation number (``PAGE_CACHE_ALIAS``, default "pages")."""
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "pages")]


def current_generation() -> int:
    """The generation number every cache key embeds; set on first use."""
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A time-based start, so that a cache emptied by a restart never meets old keys again.
        generation = time.time_ns()
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def invalidate(reason: str, page_ids: list[int] | None = None) -> None:
    """Forget every cached page and tell CDN hooks what to purge.

    Args:
        reason: what changed, for the log and the signal.
        page_ids: the pages the change concerns, added to the purge keys as ``page-<id>``.
    """
    _next_generation()
    if transaction.get_connection().in_atomic_block:
        # Again once the change is committed: a request that read the old rows in between may
        # have stored them under the number just increased.
        transaction.on_commit(_next_generation)
    keys = ["pages", *(f"page-{page_id}" for page_id in page_ids or [])]
    logger.info("Page cache invalidated: %s", reason)
    pages_changed.send(sender=None, surrogate_keys=keys, reason=reason)


def _next_generation() -> None:
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
        # Django's incr() is get-then-set on most backends, which gives the number the cache's
        # default timeout (600 s): it would then expire and every process reload what it shares.
        cache.touch(GENERATION_KEY, timeout=None)
    except ValueError:  # no number yet, or evicted: any new value makes every old key unreachable
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def mark_page(request: HttpRequest, page) -> None:
    """Record that Wagtail is serving ``page`` for this request (called by a before_serve_page hook)."""
    setattr(request, PAGE_ATTRIBUTE, page)


def _cache_key(request: HttpRequest, generation: int) -> str:
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"shiliu:page:{generation}:{request.method == 'HEAD'}:{digest}"


def _may_use_cache(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and len(request.get_full_path()) <= 512
    )


def surrogate_keys(page, request: HttpRequest) -> str:
    """The Surrogate-Key / Cache-Tag value of a page: ``pages site-<id> page-<id> locale-<code>``."""
    keys = ["pages", f"page-{page.pk}", f"locale-{page.locale.language_code}"]
    site = Site.find_for_request(request)  # Wagtail keeps it on the request: no query
    if site is not None:
        keys.insert(1, f"site-{site.pk}")
    return " ".join(keys)


class PageCacheMiddleware:
    """Serve anonymous readers' pages from the page cache; place it right after SecurityMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE_ENABLED:  # off: every page rendered anew (benchmarks' "cold")
            return self.get_response(request)
        if not _may_use_cache(request):
            response = self.get_response(request)
            if getattr(request, PAGE_ATTRIBUTE, None) is not None:
                add_never_cache_headers(response)
            return response
        try:
            key = _cache_key(request, current_generation())
        except Exception:  # a cache server that is down must not take the site with it
            logger.warning("Page cache unreachable; serving without it", exc_info=True)
            return self.get_response(request)
        stored = page_cache().get(key)
        if stored is not None:
            return self._rebuild(stored)
        response = self.get_response(request)
        page = getattr(request, PAGE_ATTRIBUTE, None)
        if page is None:
            return response
        if not self._cacheable(request, response, page):
            add_never_cache_headers(response)
            return response
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PAGE_CACHE_MAX_AGE,
            s_maxage=settings.PAGE_CACHE_S_MAXAGE,
        )
        tags = surrogate_keys(page, request)
        response["Surrogate-Key"] = tags
        response["Cache-Tag"] = tags.replace(" ", ",")
        _drop_vary_cookie(response)
        page_cache().set(key, self._stored(response), timeout=settings.PAGE_CACHE_TIMEOUT)
        response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _cacheable(request: HttpRequest, response: HttpResponse, page) -> bool:
        if response.status_code != 200 or response.cookies or response.streaming:
            return False
        if "private" in response.get("Cache-Control", "") or "no-cache" in response.get("Cache-Control", ""):
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        return not page.get_view_restrictions().exists()

    @staticmethod
    def _stored(response: HttpResponse) -> dict:
        headers = [(name, value) for name, value in response.items() if name.lower() not in HEADERS_NOT_STORED]
        vary = response.get("Vary")
        if vary:
            headers.append(("Vary", vary))
        return {"status": response.status_code, "content": response.content, "headers": headers}

    @staticmethod
    def _rebuild(stored: dict) -> HttpResponse:
        response = HttpResponse(stored["content"], status=stored["status"])
        for name, value in stored["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


def _drop_vary_cookie(response: HttpResponse) -> None:
    """Remove ``Cookie`` from Vary: the page set no cookie and is the same for every anonymous
    reader (the session was only read to learn the reader is anonymous), so a CDN may share it."""
    vary = [value.strip() for value in response.get("Vary", "").split(",") if value.strip()]
    kept = [value for value in vary if value.lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif "Vary" in response:
        del response["Vary"]


def _model_changed(sender, instance, **kwargs) -> None:
    """Invalidate when a saved or deleted object is something a public page shows.

    A live page saved without a publish signal (created live by the demo loader, a factory or a
    bulk import, or a draft saved on a live page) counts too: it costs a re-render at worst.
    """
    if isinstance(instance, Page):
        if instance.live and kwargs.get("signal") is post_save:
            invalidate(f"live page {instance.pk} saved", [instance.pk])
    elif isinstance(instance, BaseSiteSetting) and kwargs.get("created"):
        return  # made empty by the first page that reads it: nothing a page showed has changed
    elif _shown_on_pages(type(instance)):
        invalidate(f"{sender._meta.label} {instance.pk} changed")


def _shown_on_pages(model) -> bool:
    return issubclass(model, (BaseSiteSetting, AbstractImage, Locale, PageViewRestriction, Site)) or (
        model in get_snippet_models()
    )


def connect_signals() -> None:
    """Invalidate the page cache on Wagtail's page signals (publish, unpublish, move, delete; a
    translation going live is a publish) and on saving or deleting snippets, images, site
    settings, sites, locales and view restrictions. Called from CoreConfig.ready()."""

    def receiver(name):
        def handle(sender, instance, **kwargs):
            if isinstance(instance, Page):
                invalidate(f"{name} of page {instance.pk}", [instance.pk])

        handle.__name__ = f"invalidate_on_{name}"
        return handle

    for name, signal in (("publish", page_published), ("unpublish", page_unpublished), ("move", post_page_move)):
        signal.connect(receiver(name), weak=False, dispatch_uid=f"shiliu_page_cache_{name}")
    post_delete.connect(receiver("delete"), weak=False, dispatch_uid="shiliu_page_cache_delete")
    post_save.connect(_model_changed, dispatch_uid="shiliu_page_cache_model_saved")
    post_delete.connect(_model_changed, dispatch_uid="shiliu_page_cache_model_deleted")
