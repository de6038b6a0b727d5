"""Wagtail API v2, read-only, for the WeChat mini-program and other clients (docs/api.md).

Content: ``/api/v2/pages/?type=<app.Model>`` lists one page type with the fields and filters
that type declares (``api_fields``, ``api_listing_fields``, ``api_filters``: core.api);
``/api/v2/pages/<id>/`` gives every declared field. Only live pages without a view
restriction appear; images and documents appear only when such a page uses them
(core.api.public_images, public_documents_in_use), images as renditions only.

Every answer is JSON: errors are ``{"message": "..."}`` with 400 (a parameter of the wrong
form: integers are read by core.params, NUL bytes are refused) or 404, never an HTML page
or a 500. The OpenAPI 3 description is ``config/openapi.yaml``, served at
``/api/v2/openapi.json`` and ``/api/v2/openapi.yaml``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import yaml
from rest_framework import exceptions
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from wagtail.api import APIField
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    LocaleFilter,
    OrderingFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Page, get_page_models

from core.api import APIFilterError, RenditionURLsField, api_attribute, public_documents_in_use, public_images
from core.mixins import page_date_field
from core.params import MAX_PARAMETER, parse_positive_int
from search.api import AnalysedSearchFilter, SearchableDocumentsAPIViewSet, SearchablePagesAPIViewSet
from search.services import type_value

#: Seconds a client or CDN may keep a successful answer (content changes on publication).
API_MAX_AGE = 60
#: Parameters read as integers, each by core.params; "root" is also accepted where Wagtail takes it.
INTEGER_PARAMETERS = {"limit", "offset", "id", "child_of", "descendant_of", "ancestor_of", "translation_of", "year"}
ROOT_PARAMETERS = {"child_of", "descendant_of"}
YEAR_MAX = 9999
OPENAPI_FILE = Path(__file__).with_name("openapi.yaml")


class JSONOnly(BaseContentNegotiation):
    """Always JSON, whatever the Accept header says (a WeChat client sends several)."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _non_negative(value: str) -> int | None:
    if isinstance(value, str) and value and value.isascii() and set(value) == {"0"}:
        return 0
    return parse_positive_int(value)


class BoundedPagination(WagtailPagination):
    """Wagtail's limit and offset, read by core.params: ASCII digits, bounded, else 400.

    ``limit`` is 1 to ``WAGTAILAPI_LIMIT_MAX`` (default 20), ``offset`` 0 to core.params.MAX_PARAMETER.
    """

    def paginate_queryset(self, queryset, request, view=None):
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or 20
        offset = request.GET.get("offset", "0")
        offset = _non_negative(offset)
        if offset is None:
            raise BadRequestError(f"offset must be an integer from 0 to {MAX_PARAMETER}")
        limit = request.GET.get("limit")
        limit = min(20, limit_max) if limit is None else parse_positive_int(limit, maximum=limit_max)
        if limit is None:
            raise BadRequestError(f"limit must be an integer from 1 to {limit_max}")
        if view is not None and hasattr(queryset, "for_listing"):
            # What a card shows in a fixed number of queries (the page type's queryset).
            ordering = queryset.query.order_by
            queryset = queryset.for_listing()
            if ordering:  # for_listing() may order its own way; the request's order stands
                queryset = queryset.order_by(*ordering)
        self.view = view
        self.total_count = queryset.count()
        return queryset[offset : offset + limit]


class SafeAPIMixin:
    """JSON answers only, each parameter checked before Wagtail reads it, errors as ``{"message"}``."""

    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnly
    pagination_class = BoundedPagination

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                raise BadRequestError("parameters may not contain NUL characters")
            if len(values) > 1:
                raise BadRequestError(f"{name} is given more than once")
        for name in INTEGER_PARAMETERS & set(request.GET):
            value = request.GET[name]
            if name in ("limit", "offset") or (name in ROOT_PARAMETERS and value == "root"):
                continue  # read by BoundedPagination; Wagtail's own "root"
            if parse_positive_int(value, maximum=YEAR_MAX if name == "year" else MAX_PARAMETER) is None:
                raise BadRequestError(f"{name} must be a positive integer written in ASCII digits")
        locale = request.GET.get("locale")
        if locale is not None and not Locale.objects.filter(language_code=locale).exists():
            raise BadRequestError("locale must be one of: " + ", ".join(sorted(language_codes())))

    def get_object(self):
        pk = self.kwargs.get("pk")
        if pk is not None and parse_positive_int(str(pk)) is None:
            raise Http404("not found")
        return super().get_object()

    def find_object(self, queryset, request):
        if "id" in request.GET:
            return queryset.filter(id=parse_positive_int(request.GET["id"])).first()
        return super().find_object(queryset, request)

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.APIException):
            response = Response({"message": str(exc.detail)}, status=exc.status_code)
            if getattr(exc, "auth_header", None):
                response["WWW-Authenticate"] = exc.auth_header
            return response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if 200 <= response.status_code < 300:
            patch_cache_control(response, public=True, max_age=API_MAX_AGE)
        else:
            patch_cache_control(response, no_cache=True)
        return response


def language_codes() -> list[str]:
    return list(Locale.objects.values_list("language_code", flat=True))


class DeclaredFilters:
    """The filters a page type declares (``api_filters``, core.api), and ``year`` for dated types."""

    def filter_queryset(self, request, queryset, view):
        model = queryset.model
        for api_filter in api_attribute(model, "api_filters", []):
            if api_filter.name in request.GET:
                try:
                    queryset = api_filter.apply(queryset, request.GET[api_filter.name])
                except APIFilterError as error:
                    raise BadRequestError(str(error)) from error
        date_field = page_date_field(model)
        if date_field and "year" in request.GET:
            queryset = queryset.filter(**{f"{date_field}__year": int(request.GET["year"])})
        if date_field and "order" not in request.GET and "search" not in request.GET:
            queryset = queryset.order_by(f"-{date_field}", "-pk")
        return queryset

    @staticmethod
    def parameters(model) -> set[str]:
        names = {api_filter.name for api_filter in api_attribute(model, "api_filters", [])}
        return names | {"year"} if page_date_field(model) else names


class SearchFilter(AnalysedSearchFilter):
    """search.api's analysed search; a queryset already known to be empty is not searched
    (a search backend fails to compile an empty query)."""

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET and queryset.query.is_empty():
            return queryset
        return super().filter_queryset(request, queryset, view)


class ContentPagesAPIViewSet(SafeAPIMixin, SearchablePagesAPIViewSet):
    """Pages: a listing of one type carries that type's listing fields and filters.

    Wagtail's filtering by any field (``?title=``) is left out: the page types' declared
    filters replace it, and arbitrary field filters turned values of the wrong form into 500s.
    """

    filter_backends = [
        DeclaredFilters,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
        SearchFilter,  # last: search results cannot be filtered further
    ]

    @classmethod
    def get_listing_default_fields(cls, model):
        fields = super().get_listing_default_fields(model)
        return fields + [name for name in api_attribute(model, "api_listing_fields", []) if name not in fields]

    def check_query_parameters(self, queryset):
        allowed = self.known_query_parameters | DeclaredFilters.parameters(queryset.model)
        unknown = set(self.request.GET) - allowed
        if unknown:
            raise BadRequestError("query parameter is not an operation or a filter: " + ", ".join(sorted(unknown)))


def _without_download_url(fields: list[str]) -> list[str]:
    return [field for field in fields if field != "download_url"]


class PublicImagesAPIViewSet(SafeAPIMixin, ImagesAPIViewSet):
    """Images a live, public page uses, as renditions: no original file's address."""

    filter_backends = [OrderingFilter, SearchFilter]
    body_fields = [*ImagesAPIViewSet.body_fields, APIField("renditions", serializer=RenditionURLsField())]
    meta_fields = _without_download_url(ImagesAPIViewSet.meta_fields)
    listing_default_fields = [*_without_download_url(ImagesAPIViewSet.listing_default_fields), "renditions"]
    nested_default_fields = _without_download_url(ImagesAPIViewSet.nested_default_fields)

    def get_queryset(self):
        return public_images()

    def check_query_parameters(self, queryset):
        unknown = set(self.request.GET) - self.known_query_parameters
        if unknown:
            raise BadRequestError("query parameter is not an operation: " + ", ".join(sorted(unknown)))


class PublicDocumentsAPIViewSet(SafeAPIMixin, SearchableDocumentsAPIViewSet):
    """Documents a live, public page uses, outside restricted collections (teacher-only files)."""

    filter_backends = [OrderingFilter, SearchFilter]

    def get_queryset(self):
        return public_documents_in_use()

    def check_query_parameters(self, queryset):
        unknown = set(self.request.GET) - self.known_query_parameters
        if unknown:
            raise BadRequestError("query parameter is not an operation: " + ", ".join(sorted(unknown)))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ContentPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)


def page_type_filters() -> dict[str, list[tuple[str, str]]]:
    """Each filter name page types declare, with (page type, description) pairs; ``year`` for dated types."""
    filters: dict[str, list[tuple[str, str]]] = {}
    for model in sorted(get_page_models(), key=type_value):
        for api_filter in api_attribute(model, "api_filters", []):
            filters.setdefault(api_filter.name, []).append((type_value(model), api_filter.description))
        if page_date_field(model):
            filters.setdefault("year", []).append((type_value(model), "The year of the page's own date."))
    return filters


@cache
def openapi_document() -> dict:
    """The OpenAPI 3 description: config/openapi.yaml, with the page types and the filters
    they declare added to ``/api/v2/pages/`` (so a new page type is described without an edit)."""
    document = yaml.safe_load(OPENAPI_FILE.read_text(encoding="utf-8"))
    listing = document["paths"]["/api/v2/pages/"]["get"]
    types = [type_value(model) for model in get_page_models() if model is not Page]
    for parameter in listing["parameters"]:
        if parameter.get("name") == "type":
            parameter["schema"] = {"type": "string", "enum": sorted(types)}
    for name, declared in page_type_filters().items():
        described = "; ".join(f"{page_type}: {text}" for page_type, text in declared)
        schema = {"type": "integer", "minimum": 1, "maximum": YEAR_MAX} if name == "year" else {"type": "string"}
        listing["parameters"].append({"name": name, "in": "query", "description": described, "schema": schema})
    return document


@require_GET
def openapi_json(request):
    response = HttpResponse(json.dumps(openapi_document(), ensure_ascii=False), content_type="application/json")
    patch_cache_control(response, public=True, max_age=3600)
    return response


@require_GET
def openapi_yaml(request):
    response = HttpResponse(OPENAPI_FILE.read_bytes(), content_type="application/yaml; charset=utf-8")
    patch_cache_control(response, public=True, max_age=3600)
    return response


def api_not_found(request, path: str = ""):
    """Any other address under /api/: 404 in JSON (never the site's HTML page or a language redirect).

    An address missing its final slash is sent to the address with it, query kept.
    """
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not api_not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query else ""))
    response = JsonResponse({"message": "not found"}, status=404)
    patch_cache_control(response, no_cache=True)
    return response
