"""Site search: what the search page and the API both call, so they give the same results."""

import datetime
import difflib
import logging
from dataclasses import dataclass, field

from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, Paginator
from django.db import DatabaseError
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from wagtail.api.querysets import get_public_pages_queryset
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, get_page_models
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from core.collections import outside_restricted_collections
from core.mixins import page_date_field
from core.translation import active_locale
from core.visitors import visitor_digest
from search import dictionary
from search.analysis import AnalysedQuery, analyse_query
from search.excerpts import excerpt, highlight, object_texts
from search.models import SearchTerm
from search.registry import facets

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 20
DOCUMENTS_PREVIEW = 3
SUGGESTIONS = 3
POPULAR_DAYS = 30
DOCUMENT_TYPE = "document"


def analyse(text: str | None) -> AnalysedQuery:
    """Analyse a query with the segmenter's current words."""
    dictionary.ensure_current()
    return analyse_query(text)


def run(queryset, query: AnalysedQuery, *, operator: str = "and", order_by_relevance: bool = True):
    """Search ``queryset`` (pages or documents) on the default backend.

    Args:
        queryset: what may be found, already filtered.
        query: an analysed, non-empty query.
        operator: "and" (every word) or "or" (any word).
        order_by_relevance: False keeps the queryset's own ordering.
    Returns:
        Wagtail search results: slice them and call count(); evaluation may raise
        DatabaseError, which callers turn into a message.
    """
    return get_search_backend().search(query.search_query(operator), queryset, order_by_relevance=order_by_relevance)


def public_pages(request) -> QuerySet:
    """The pages anyone may see on the request's site, in every language (as the API sees them)."""
    try:
        return get_public_pages_queryset(request)
    except ValueError:  # an unknown ?site= value
        return Page.objects.none()


def display_date(page) -> datetime.date | None:
    """The date shown with a result: the date the page is about (core.mixins), else its first publication."""
    name = page_date_field(type(page))
    if name:
        return getattr(page, name)
    published = getattr(page, "first_published_at", None) or getattr(page, "created_at", None)
    return timezone.localdate(published) if published else None


def searchable_page_types() -> list[type]:
    """Concrete page types that can appear in results, in a stable order."""
    return sorted(
        (model for model in get_page_models() if model is not Page and not model._meta.abstract),
        key=lambda model: str(model._meta.verbose_name_plural),
    )


def type_value(model) -> str:
    """How a page type is named in ?type= (the API's form, app_label.ModelName)."""
    return f"{model._meta.app_label}.{model.__name__}"


@dataclass
class Filters:
    """The search page's filters; None or "" means any.

    ``facets`` maps the name of a registered facet (search.registry) to the value chosen.
    ``page_language`` is true when ``locale`` is the language of the page searched from (the
    default, not a filter the reader chose): results are then in that language, and on a page
    in a translation's language also the source-language pages not translated into it, as
    every Mongolian listing shows them.
    """

    page_type: type | None = None
    documents: bool = False
    year: int | None = None
    locale: Locale | None = None
    facets: dict[str, str] = field(default_factory=dict)
    page_language: bool = False

    @property
    def active(self) -> bool:
        chosen_locale = self.locale and not self.page_language
        return bool(self.page_type or self.documents or self.year or chosen_locale or any(self.facets.values()))


def _ids(queryset, backend):
    # Elasticsearch needs the ids themselves; databases take a subquery.
    if isinstance(backend, ElasticsearchBaseSearchBackend):
        return list(queryset.values_list("pk", flat=True))
    return queryset.values("pk")


def filter_pages(queryset, filters: Filters):
    """Apply the filters to a page queryset, using only fields the search index can filter on."""
    backend = get_search_backend()
    if filters.locale:
        default = Locale.get_default()
        if filters.page_language and filters.locale.pk != default.pk:
            translated = Page.objects.filter(locale_id=filters.locale.pk).values("translation_key")
            untranslated = Page.objects.filter(locale_id=default.pk).exclude(translation_key__in=translated)
            queryset = queryset.filter(Q(locale_id=filters.locale.pk) | Q(pk__in=_ids(untranslated, backend)))
        else:
            queryset = queryset.filter(locale_id=filters.locale.pk)
    if filters.page_type:
        models = [model for model in get_page_models() if issubclass(model, filters.page_type)]
        queryset = queryset.filter(content_type__in=list(ContentType.objects.get_for_models(*models).values()))
    for name, value in filters.facets.items():
        facet = facets.get(name)
        if facet is None or not value:
            continue
        matching = Q(pk__in=[])
        for pages in facet.matching_pages(value):
            matching |= Q(pk__in=_ids(pages, backend))
        queryset = queryset.filter(matching)
    if filters.year:
        dated, year_filter = [], Q()
        for model in searchable_page_types():
            name = page_date_field(model)
            if name:
                dated.append(model)
                year_filter |= Q(pk__in=_ids(model.objects.filter(**{f"{name}__year": filters.year}), backend))
        undated = [model for model in searchable_page_types() if model not in dated]
        undated_types = list(ContentType.objects.get_for_models(*undated).values()) if undated else []
        year_filter |= Q(first_published_at__year=filters.year, content_type__in=undated_types)
        queryset = queryset.filter(year_filter)
    return queryset


def public_documents() -> QuerySet:
    """Documents outside collections with view restrictions (core.collections)."""
    return outside_restricted_collections(get_document_model().objects.all())


@dataclass
class Hit:
    """One result as the page shows it."""

    title: SafeString
    url: str
    type_label: str
    date: datetime.date | None = None
    labels: list[str] = field(default_factory=list)
    excerpt: SafeString = SafeString("")
    language: str = ""
    extension: str = ""
    object: object = None


def page_hits(pages: list, query: AnalysedQuery, request) -> list[Hit]:
    """Hits for specific pages, labelled by every facet (a story's place); a fixed number of queries."""
    locale = active_locale()
    facet_labels = [facet.labels(pages, locale) for facet in facets]
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    hits = []
    for page in pages:
        hits.append(
            Hit(
                title=highlight(page.title, query.terms),
                url=page.get_url(request) or "",
                type_label=str(type(page)._meta.verbose_name),
                date=display_date(page),
                labels=[labels[page.pk] for labels in facet_labels if labels.get(page.pk)],
                excerpt=excerpt(object_texts(page), query.terms),
                language=languages.get(page.locale_id, ""),
                object=page,
            )
        )
    return hits


def document_hits(documents: list, query: AnalysedQuery) -> list[Hit]:
    """Hits for documents, with an excerpt of their extracted text."""
    return [
        Hit(
            title=highlight(document.title, query.terms),
            url=document.url,
            type_label=str(_("Document")),
            date=timezone.localdate(document.created_at) if document.created_at else None,
            excerpt=excerpt([getattr(document, "extracted_text", "")], query.terms),
            extension=document.file_extension.upper(),
            object=document,
        )
        for document in documents
    ]


def promotions(query: AnalysedQuery) -> list[SearchPromotion]:
    """Editor's picks for the query, as typed or in Simplified characters."""
    strings = {normalise_query_string(query.original), normalise_query_string(query.normalised)}
    picks = (
        SearchPromotion.objects.filter(query__query_string__in=strings).select_related("page").order_by("sort_order")
    )
    return [pick for pick in picks if pick.page is None or (pick.page.live and not pick.page.get_view_restrictions())]


def popular_searches(limit: int = 5) -> list[str]:
    """Searches that found something, most frequent over the last POPULAR_DAYS days first.

    Each visitor counts once per term and day (:func:`record`), terms hold only words the
    analysis knows, and terms editors hid (``SearchTerm.hidden``) are left out.
    """
    since = timezone.localdate() - datetime.timedelta(days=POPULAR_DAYS)
    return list(
        SearchTerm.objects.filter(last_result_count__gt=0, hidden=False, days__date__gte=since)
        .annotate(total=Sum("days__searches"))
        .order_by("-total", "query_string")
        .values_list("query_string", flat=True)[:limit]
    )


def suggestions(query: AnalysedQuery, queryset) -> list[str]:
    """ "Did you mean" for a query without results.

    Parts of a longer query that find something on their own come first, then earlier
    searches that found something and look like this one.
    """
    found: list[str] = []
    parts = query.original.split()
    if len(parts) < 2:
        parts = [word for word in query.words if len(word) > 1]
    if len(parts) > 1:
        for part in parts[:4]:
            part_query = analyse(part)
            if not part_query.is_empty and run(queryset, part_query).count():
                found.append(part)
    recent = SearchTerm.objects.filter(last_result_count__gt=0).order_by("-last_searched_at")
    scored = []
    for candidate in recent.values_list("query_string", flat=True)[:300]:
        if candidate == query.normalised or candidate in found:
            continue
        ratio = difflib.SequenceMatcher(None, query.normalised, candidate).ratio()
        if ratio >= 0.5:
            scored.append((ratio, candidate))
    found.extend(candidate for _ratio, candidate in sorted(scored, reverse=True))
    return found[:SUGGESTIONS]


@dataclass
class SiteSearch:
    """Everything the search page shows for one request."""

    query: AnalysedQuery
    filters: Filters
    page_number: int = 1
    hits: list[Hit] = field(default_factory=list)
    page: object = None
    count: int = 0
    documents: list[Hit] = field(default_factory=list)
    documents_count: int = 0
    promotions: list = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    popular: list[str] = field(default_factory=list)
    failed: bool = False


def _paginate(results, number: int):
    # The page is fetched before the count: backends that count while ranking (search.backends)
    # then answer the paginator's count without a second query.
    start = (number - 1) * RESULTS_PER_PAGE
    objects = list(results[start : start + RESULTS_PER_PAGE])
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page = paginator.page(number)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
        objects = list(page.object_list)
    page.object_list = objects
    return page


def site_search(request, query: AnalysedQuery, filters: Filters, page_number: int = 1) -> SiteSearch:
    """Run the search page's search: pages or documents, picks, suggestions; logs page 1.

    A backend error (the database index being rebuilt, say) gives an empty result with
    ``failed`` set, never an exception.
    """
    outcome = SiteSearch(query=query, filters=filters, page_number=page_number)
    if query.is_empty:
        outcome.popular = popular_searches()
        return outcome
    pages = filter_pages(public_pages(request).specific(), filters)
    try:
        if filters.documents:
            page = _paginate(run(public_documents(), query), page_number)
            outcome.hits = document_hits(page.object_list, query)
        else:
            page = _paginate(run(pages, query), page_number)
            outcome.hits = page_hits(page.object_list, query, request)
            if page.number == 1 and not filters.active:
                documents = run(public_documents(), query)
                outcome.documents_count = documents.count()
                if outcome.documents_count:
                    outcome.documents = document_hits(list(documents[:DOCUMENTS_PREVIEW]), query)
        outcome.page, outcome.count = page, page.paginator.count
        if page.number == 1:
            outcome.promotions = promotions(query)
        if not outcome.count:
            outcome.suggestions = suggestions(query, public_pages(request))
            outcome.popular = popular_searches()
    except DatabaseError:
        logger.exception("Search for %r failed", query.original)
        outcome.failed = True
        return outcome
    if page_number == 1:
        record(request, query, outcome.count)
    return outcome


def record(request, query: AnalysedQuery, result_count: int) -> None:
    """Log a search for the editors' report and the popular searches; never fails the search.

    What is logged is the part of the query the analysis understood
    (:attr:`search.analysis.AnalysedQuery.understood`: "团结 🍎🍎💰" is logged as "团结", and
    nothing is logged for a query with no known word), and each visitor counts once per term
    and day: only a keyed hash of address, user agent, term and day is kept, for that day
    (core.visitors).
    """
    term = normalise_query_string(query.understood)
    if not term:
        return
    today = timezone.localdate()
    try:
        SearchTerm.record(term, result_count, today=today, visitor=visitor_digest(request, "search", today, term))
    except DatabaseError:
        logger.warning("Could not log the search %r", term, exc_info=True)
