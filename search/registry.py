"""Filters that content apps add to the site search, so search never names a content app.

A content app describes a filter of its own (stories: the place a page is filed under)
as a :class:`Facet` and registers it when its app is ready::

    from search.registry import facets

    class StoriesConfig(AppConfig):
        def ready(self):
            facets.register(PlaceFacet())

The search page then shows the facet as a field of its form, filters results with it, and
labels each result with the facet's :meth:`Facet.labels`. The date a result is filed by
comes from the page type itself (``core.mixins.page_date_field``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from wagtail.models import Locale, Page


class Facet:
    """One filter of the search page, contributed by the app that owns what it filters by.

    Subclasses set ``name`` (the query parameter and form field, such as "place") and
    ``label`` (translatable), and implement the three methods.
    """

    name: str = ""
    label: str = ""

    def choices(self, locale: Locale) -> list[tuple[str, str]]:
        """(value, label) pairs the form offers, in display order, labelled in ``locale``'s language."""
        raise NotImplementedError

    def matching_pages(self, value: str) -> Iterable[QuerySet]:
        """Querysets of pages (of any page type) that match ``value``; search keeps results among them.

        ``value`` is one of the values :meth:`choices` offered. An empty iterable matches nothing.
        """
        raise NotImplementedError

    def labels(self, pages: list[Page], locale: Locale) -> dict[int, str]:
        """A short label per page pk, shown with each result (the place's name); a fixed number of queries."""
        return {}


class FacetRegistry:
    """The facets of the site search, in the order apps registered them."""

    def __init__(self) -> None:
        self._facets: dict[str, Facet] = {}

    def register(self, facet: Facet) -> Facet:
        """Add ``facet``; a second facet of the same name replaces the first (apps reloaded in tests).

        Raises:
            ValueError: the facet has no name, or its name is a parameter the search page uses itself.
        """
        if not facet.name or facet.name in RESERVED_PARAMETERS:
            raise ValueError(f"A facet needs a name other than {sorted(RESERVED_PARAMETERS)}: {facet.name!r}")
        self._facets[facet.name] = facet
        return facet

    def unregister(self, name: str) -> None:
        """Remove the facet called ``name`` (no error when there is none)."""
        self._facets.pop(name, None)

    def get(self, name: str) -> Facet | None:
        return self._facets.get(name)

    def __iter__(self):
        return iter(list(self._facets.values()))


#: Query parameters of the search page itself, which no facet may take.
RESERVED_PARAMETERS = frozenset({"q", "type", "year", "lang", "page"})

#: The site search's facets.
facets = FacetRegistry()
