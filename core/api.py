"""The content API's contract: how a page type says what the mini-program API shows and filters.

A page type declares its API the way it declares its panels, from the mixins' lists
(Wagtail API v2's ``api_fields``, docs: "Wagtail API v2 configuration guide")::

    class StoryPage(DatedMixin, HeroImageMixin, BylineMixin, BasePage):
        api_fields = [*BasePage.api_fields, *DatedMixin.date_api_fields, *HeroImageMixin.hero_api_fields, ...]
        api_listing_fields = ["summary", "date", "image"]
        api_filters = [APIFilter("place", ...), ...]

``api_fields`` are the fields of the detail view (``/api/v2/pages/<id>/``);
``api_listing_fields`` are added to the default fields of a listing filtered to that type
(``/api/v2/pages/?type=stories.StoryPage``); ``api_filters`` are the query parameters such a
listing accepts. The API views (``config.api``) read these attributes and name no app.

Images are never given by their original file's address, only as renditions sized for
phones (:data:`core.renditions.PHONE_RENDITIONS`, made when a page is published).
:func:`public_images` and :func:`public_documents_in_use` are the one rule for which images and
documents the API may show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rest_framework.fields import Field

from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast

from wagtail.api.utils import get_full_url
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import RichText, expand_db_html

from core.collections import outside_restricted_collections
from core.params import parse_positive_int
from core.references import referred_ids
from core.renditions import PHONE_RENDITIONS


class APIFilterError(ValueError):
    """A filter value that is not of the filter's form; the API answers 400 with its message."""


@dataclass(frozen=True)
class APIFilter:
    """A query parameter of a listing filtered to one page type.

    Attributes:
        name: the parameter (``place``).
        apply: ``apply(queryset, value) -> queryset`` with the raw string value; raises
            :class:`APIFilterError` for a value of the wrong form (an unknown but well-formed
            value filters to nothing rather than failing).
        description: one sentence for the OpenAPI description and docs/api.md.
    """

    name: str
    apply: Callable[[QuerySet, str], QuerySet]
    description: str = ""


def integer_value(name: str, value: str, *, maximum: int | None = None) -> int:
    """``value`` read by core.params' one integer rule, or APIFilterError naming ``name``."""
    number = parse_positive_int(value) if maximum is None else parse_positive_int(value, maximum=maximum)
    if number is None:
        raise APIFilterError(f"{name} must be a positive integer written in ASCII digits")
    return number


def translated(obj, locale_id: int | None, cache: dict | None = None):
    """``obj`` (a translatable snippet) in the locale ``locale_id`` where translated, else ``obj``.

    ``cache`` (a dict kept for one request) saves repeating the look-up for a snippet many
    pages share, such as a theme.
    """
    if obj is None or locale_id is None or getattr(obj, "locale_id", locale_id) == locale_id:
        return obj
    key = (type(obj), obj.translation_key, locale_id)
    if cache is not None and key in cache:
        return cache[key]
    result = type(obj).objects.filter(translation_key=obj.translation_key, locale_id=locale_id).first() or obj
    if cache is not None:
        cache[key] = result
    return result


def _request_cache(context: dict) -> dict | None:
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_api_translations"):
        request._api_translations = {}
    return request._api_translations


class RenditionsField(Field):
    """An image as renditions for phones: ``{"id", "title", "alt", "width", "height",
    "renditions": {name: {"url", "width", "height"}}}`` (sizes in pixels, absolute URLs),
    or None. Never the original file."""

    def __init__(self, renditions: dict[str, str] | None = None, **kwargs):
        self.renditions = renditions or PHONE_RENDITIONS
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, image):
        if image is None:
            return None
        request = self.context.get("request")
        found = image.get_renditions(*self.renditions.values())
        renditions = {}
        for name, spec in self.renditions.items():
            rendition = found[spec]
            url = rendition.url
            renditions[name] = {
                "url": get_full_url(request, url) if request is not None else url,
                "width": rendition.width,
                "height": rendition.height,
            }
        return {
            "id": image.pk,
            "title": image.title,
            "alt": getattr(image, "default_alt_text", "") or image.title,
            "width": image.width,
            "height": image.height,
            "renditions": renditions,
        }


class RenditionURLsField(RenditionsField):
    """Only the renditions of an image (``{name: {"url", "width", "height"}}``): the images endpoint's field."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, image):
        return super().to_representation(image)["renditions"]


class RenderedHTMLField(Field):
    """A StreamField or rich text field rendered as the page renders it (a string of HTML)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        if value is None:
            return ""
        if hasattr(value, "render_as_block"):
            return str(value.render_as_block())
        if isinstance(value, RichText):
            return str(value.__html__())
        return expand_db_html(str(value))


class BylineField(Field):
    """The byline (BylineMixin.BYLINE_FIELDS) as ``{"author", "reviewer", "source", "responsible_editor"}``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page):
        return {name: getattr(page, name, "") or "" for name in type(page).BYLINE_FIELDS}


class SnippetField(Field):
    """A translatable snippet (a place) or a many-to-many of them (themes), each as a dict of
    ``keys`` (``{"id": 3, "name": "阿吉拉沁社区"}``), named in the page's language where translated."""

    def __init__(self, keys: tuple[str, ...] = ("id", "name"), *, many: bool = False, **kwargs):
        self.keys = keys
        self.many = many
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance, super().get_attribute(instance)

    def _item(self, obj, locale_id, cache):
        shown = translated(obj, locale_id, cache)
        return {key: obj.pk if key == "id" else getattr(shown, key) for key in self.keys}

    def to_representation(self, value):
        page, related = value
        cache = _request_cache(self.context)
        locale_id = getattr(page, "locale_id", None)
        if self.many:
            return [self._item(obj, locale_id, cache) for obj in related.all()]
        return None if related is None else self._item(related, locale_id, cache)


def public_pages() -> QuerySet:
    """Live pages without a view restriction, on every site: what anyone may read."""
    return Page.objects.live().public()


def _used_by_public_pages(model) -> QuerySet:
    """Objects of ``model`` that a live, public page refers to, outside restricted collections.

    Wagtail's reference index is built from each page as saved: a live page's unpublished
    draft lives in its revisions, so what only a draft uses is not referred to, and a page
    never published is not live. An album's photos count as references of the album.
    """
    page_ids = public_pages().annotate(key=Cast("pk", output_field=CharField())).values("key")
    ids = referred_ids(model, page_ids)
    if not ids:
        # none(), not pk__in=[]: a search of an empty IN list fails to compile (EmptyResultSet).
        return model.objects.none()
    return outside_restricted_collections(model.objects.filter(pk__in=ids)).order_by("id")


def public_images() -> QuerySet:
    """Images the API may show: used by a live, public page, outside restricted collections."""
    return _used_by_public_pages(get_image_model())


def public_documents_in_use() -> QuerySet:
    """Documents the API may show: used by a live, public page, outside restricted collections."""
    return _used_by_public_pages(get_document_model())


def api_attribute(model: type, name: str, default: Any) -> Any:
    """A page type's API declaration (``api_listing_fields``, ``api_filters``), or ``default``."""
    return getattr(model, name, default)
