"""Serving a page in a fixed, small number of queries.

Wagtail asks the database on every request for the site (one query), the active locale (one
per ``Locale.get_active()``), every view restriction (one per ``.public()`` queryset and two
for the page itself), the site settings, and routes a URL two queries per level (each child,
then its specific fields). What editors seldom change is kept per process until core.page_cache's
generation changes (core.shared); a URL is routed in two queries, whatever its depth: the
pages along the path in one, the page served with its own foreign keys in the other.
"""

from __future__ import annotations

import copy

from django.db.models import Q
from django.http import Http404, HttpRequest
from django.http.request import split_domain_port

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet
from wagtail.url_routing import RouteResult

from core.shared import shared
from core.translation import active_locale

ROUTE_PAGES = "_shiliu_route_pages"
#: More distinct Host headers than this and the remembered sites are forgotten (a flood of
#: made-up hosts must not grow a worker's memory).
MAX_REMEMBERED_HOSTS = 64


def site_for_request(request: HttpRequest | None) -> Site | None:
    """``Site.find_for_request`` without its query: Wagtail's rule, applied once per host name
    and port in each process until a change (core.shared). The site is kept on the request
    where Wagtail looks for it, so ``Site.find_for_request`` returns it too."""
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        sites: dict = shared("sites", dict)
        key = (split_domain_port(request._get_raw_host())[0], request.get_port())
        if key not in sites:
            if len(sites) >= MAX_REMEMBERED_HOSTS:
                sites.clear()
            sites[key] = Site._find_for_request(request)
        request._wagtail_site = copy.copy(sites[key])
    return request._wagtail_site


def localized_root(site: Site, locale: Locale | None = None) -> Page:
    """The site's root page in ``locale`` (the active one by default), like Wagtail's
    ``site.root_page.localized``: its live translation there, else the root page itself.
    A copy for this request; no query once the process has looked it up."""
    locale = locale or active_locale()
    roots: dict = shared("localized_roots", dict)
    key = (site.pk, locale.pk)
    if key not in roots:
        root = site.root_page
        translation = root
        if root.locale_id != locale.pk:
            translation = Page.objects.filter(translation_key=root.translation_key, locale_id=locale.pk).first()
            if translation is None or not translation.live:
                translation = root
        roots[key] = translation
    return copy.copy(roots[key])


def restricted_sections() -> list[tuple[int, str, int]]:
    """``(page id, path, depth)`` of every page with a view restriction; read once per change."""
    return shared(
        "view_restrictions",
        lambda: list(PageViewRestriction.objects.values_list("page_id", "page__path", "page__depth")),
    )


class SharedRestrictionsPageQuerySet(PageQuerySet):
    """Wagtail's page queryset, whose ``.public()`` and ``.not_public()`` read the view
    restrictions from the process's copy instead of querying them each time."""

    def private_q(self) -> Q:
        q = Q()
        for _page_id, path, depth in restricted_sections():
            q |= Q(path__startswith=path) & Q(depth__gte=depth)
        return q if q else Q(pk__in=[])


def pages() -> SharedRestrictionsPageQuerySet:
    """All pages (``Page.objects``) with the shared view restrictions."""
    return SharedRestrictionsPageQuerySet(Page)


def prime_site_settings(request: HttpRequest, site: Site | None) -> None:
    """Give the request every site setting of ``site`` where ``for_request`` looks, from the
    process's copy (one query per setting model and change instead of one per request)."""
    if site is None:
        return
    for model in settings_registry:
        if not issubclass(model, BaseSiteSetting) or hasattr(request, model.get_cache_attr_name()):
            continue
        known: dict = shared(f"site_settings:{model._meta.label}", dict)
        if site.pk not in known:
            known[site.pk] = model.for_site(site)
        instance = copy.copy(known[site.pk])
        instance._request = request
        setattr(request, model.get_cache_attr_name(), instance)


def joins_when_served(model) -> list[str]:
    """The foreign keys a page type declares itself (images, places, ...) and its locale,
    fetched with the page it serves (templates read them all)."""
    return [
        "locale",
        *(
            field.name
            for field in model._meta.concrete_fields
            if field.many_to_one and field.model is not Page and not field.name.endswith("_ptr")
        ),
    ]


def fully_loaded(page: Page) -> Page:
    """``page`` with all its fields and its own foreign keys, in one query when deferred."""
    if not page.get_deferred_fields():
        return page
    model = type(page)
    loaded = model._default_manager.select_related(*joins_when_served(model)).get(pk=page.pk)
    if hasattr(page, "_cached_parent_obj"):
        loaded._cached_parent_obj = page._cached_parent_obj
    return loaded


#: Path components whose pages route_for_request fetches in its one query (the site's deepest
#: page, a story in a community section, is six levels below the root).
PREFETCHED_LEVELS = 10


def routed_child(request: HttpRequest, parent: Page, slug: str) -> Page:
    """The child of ``parent`` with ``slug``, from the pages fetched for this request's path
    when there (no query), else from the database. Raises Http404 when there is none."""
    child = getattr(request, ROUTE_PAGES, {}).get(f"{parent.url_path}{slug}/")
    if child is None or child.depth != parent.depth + 1 or not child.path.startswith(parent.path):
        try:
            child = parent.get_children().get(slug=slug)
        except Page.DoesNotExist as error:
            raise Http404 from error
    child._cached_parent_obj = parent  # breadcrumbs and get_parent() read it without a query
    return child


def route_for_request(request: HttpRequest, path: str) -> RouteResult | None:
    """Wagtail's ``Page.route_for_request`` in two queries: the pages along ``path`` below the
    root page in the reader's language, then the page served (BasePage.route walks them)."""
    site = site_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    root = localized_root(site)
    # The first levels only: a hostile path of a thousand parts must not become a thousand long
    # prefixes in one IN list; a page deeper than this is found by routed_child's own query.
    prefetched = components[:PREFETCHED_LEVELS]
    prefixes = [root.url_path + "".join(f"{part}/" for part in prefetched[: end + 1]) for end in range(len(prefetched))]
    setattr(request, ROUTE_PAGES, {page.url_path: page for page in Page.objects.filter(url_path__in=prefixes)})
    try:
        page, args, kwargs = root.specific_deferred.route(request, components)
    except Http404:
        return None
    loaded = fully_loaded(page)
    if loaded is not page and args and getattr(args[0], "__self__", None) is page:
        # A RoutablePageMixin route: its view was bound to the deferred page; bind it to the loaded one.
        view = args[0].__func__.__get__(loaded, type(loaded))
        args = (view, *args[1:])
        if hasattr(request, "routable_resolver_match"):
            request.routable_resolver_match.func = view
    return RouteResult(loaded, args=args, kwargs=kwargs)
