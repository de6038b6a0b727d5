"""API v2 endpoints whose ?search= goes through search.analysis, like the search page.

/api/v2/pages/?search=团结 returns the pages /zh-hans/search/?q=团结 lists, in the same order,
so the WeChat mini-program and the site agree. ?search_operator=or asks for any word.
"""

from django.conf import settings

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from search import services


class AnalysedSearchFilter(SearchFilter):
    """Wagtail's search filter, with the query analysed the way indexed text was."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if not getattr(settings, "WAGTAILAPI_SEARCH_ENABLED", True):
            raise BadRequestError("search is disabled")
        if getattr(queryset, "_filtered_by_tag", False):
            raise BadRequestError("filtering by tag with a search query is not supported")
        operator = request.GET.get("search_operator") or "and"
        if operator not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        query = services.analyse(request.GET["search"])
        if query.is_empty:
            return queryset.none()
        try:
            return services.run(queryset, query, operator=operator, order_by_relevance="order" not in request.GET)
        except FilterFieldError as error:
            message = f"cannot filter by '{error.field_name}' while searching (field is not indexed)"
            raise BadRequestError(message) from error
        except OrderByFieldError as error:
            message = f"cannot order by '{error.field_name}' while searching (field is not indexed)"
            raise BadRequestError(message) from error


def _with_analysed_search(filter_backends: list) -> list:
    return [AnalysedSearchFilter if backend is SearchFilter else backend for backend in filter_backends]


class SearchablePagesAPIViewSet(PagesAPIViewSet):
    """Pages API; ?search= gives the search page's results."""

    filter_backends = _with_analysed_search(PagesAPIViewSet.filter_backends)


class SearchableDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Documents API; ?search= also finds words inside PDF and Word files."""

    filter_backends = _with_analysed_search(DocumentsAPIViewSet.filter_backends)
