"""Contracts between page types and the apps that treat them specially.

Each mixin carries its own fields and panels, so a page type declares what it is by
subclassing, and search, editorial and the templates find it by class, never by a list
of app labels or model names. Mixins come before ``BasePage`` in a page's bases::

    class StoryPage(DatedMixin, HeroImageMixin, BylineMixin, ImportablePageMixin, BasePage): ...

A page type composes its ``content_panels`` from the mixins' ``*_panels`` lists, in the
order its editors should see them. No mixin field is declared again in a page type.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField

from core.api import BylineField
from core.translation import default_locale

if TYPE_CHECKING:
    from django import forms

    from wagtail.models import Locale, Page


class HeroImageMixin(models.Model):
    """A main image shown at the top of the page; it also stands for the page in listings."""

    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    hero_panels: ClassVar[list] = [FieldPanel("hero_image")]

    class Meta:
        abstract = True

    def get_listing_image(self):
        """The sharing image when one is set, else the main image (None when neither is)."""
        return getattr(self, "social_image", None) or self.hero_image

    #: The named rendition (core.renditions) the page's template shows its main image at.
    hero_rendition: ClassVar[str] = "hero"

    def rendition_targets(self) -> list[tuple[object, str]]:
        """The main image at ``hero_rendition``, and what the page's other parts show."""
        return [(self.hero_image_id, self.hero_rendition), *super().rendition_targets()]

    def get_hero_alt_text(self) -> str:
        """The main image's alternative text, in the page's language.

        An image's title is written once, in Chinese, and is not translated; on a page in
        another language the page's own (translated) title describes the picture instead.
        """
        if self.hero_image is None:
            return ""
        if getattr(self, "locale_id", None) in (None, default_locale().pk):
            return self.hero_image.title
        return getattr(self, "title", "") or self.hero_image.title


class IntroductionMixin(models.Model):
    """A short introduction at the top of an index or listing page."""

    intro = models.TextField(_("introduction"), blank=True)

    intro_panels: ClassVar[list] = [FieldPanel("intro")]
    intro_api_fields: ClassVar[list] = [APIField("intro")]

    class Meta:
        abstract = True


class DatedMixin(models.Model):
    """A page about one day (a story's date): listings, search and feeds file it by that date."""

    date = models.DateField(_("date"), default=datetime.date.today)

    #: The date field search filters and shows results by (see :func:`page_date_field`).
    page_date_field: ClassVar[str] = "date"
    date_panels: ClassVar[list] = [FieldPanel("date")]
    #: The content API gives the date the page is about (ISO 8601), never its publication time.
    date_api_fields: ClassVar[list] = [APIField("date")]

    class Meta:
        abstract = True


class DateRangeMixin(models.Model):
    """A page about a period (a campaign, later an event): filed by the day it starts."""

    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"))

    page_date_field: ClassVar[str] = "start_date"
    date_range_panels: ClassVar[list] = [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])]
    date_range_api_fields: ClassVar[list] = [APIField("start_date"), APIField("end_date")]
    END_BEFORE_START = _("The end date cannot be before the start date.")

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": self.END_BEFORE_START})

    def is_running(self, today: datetime.date | None = None) -> bool:
        """True when ``today`` (default: today in Asia/Shanghai) lies inside the range, both ends included."""
        today = today or timezone.localdate()
        return self.start_date <= today <= self.end_date


def page_date_field(model: type) -> str | None:
    """The name of the date field a page type is filed by, or None for undated page types.

    Args:
        model: a page class (or any class).
    Returns:
        ``model.page_date_field`` for subclasses of :class:`DatedMixin` or :class:`DateRangeMixin`.
    """
    return getattr(model, "page_date_field", None) if issubclass(model, DatedMixin | DateRangeMixin) else None


class BylineMixin(models.Model):
    """The byline Chinese public bodies print: 撰稿 author, 审核 reviewer, 来源 source, 责编 editor.

    Editorial fills ``reviewer`` with the names of the people who approved the page, when
    the editor left it empty (:meth:`record_reviewers`).
    """

    author = models.CharField(_("author (撰稿)"), max_length=100, blank=True)
    reviewer = models.CharField(_("reviewer (审核)"), max_length=100, blank=True)
    source = models.CharField(_("source (来源)"), max_length=100, blank=True)
    responsible_editor = models.CharField(_("responsible editor (责编)"), max_length=100, blank=True)

    #: The byline fields, in the order a byline prints them.
    BYLINE_FIELDS: ClassVar[tuple[str, ...]] = ("author", "reviewer", "source", "responsible_editor")
    byline_panels: ClassVar[list] = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("author"), FieldPanel("source")]),
                FieldRowPanel([FieldPanel("reviewer"), FieldPanel("responsible_editor")]),
            ],
            heading=_("Byline"),
        )
    ]
    byline_api_fields: ClassVar[list] = [APIField("byline", serializer=BylineField())]

    class Meta:
        abstract = True

    @classmethod
    def byline_values(cls, values: Mapping[str, str]) -> dict[str, str]:
        """The byline fields among ``values`` (an import's byline, say), by field name; others dropped."""
        return {name: value for name, value in values.items() if name in cls.BYLINE_FIELDS}

    def record_reviewers(self, names: list[str]) -> bool:
        """Fill the reviewer line with ``names`` unless the editor filled it; True if it changed.

        Names are joined by the page language's list separator (、 in Chinese, ᠂ in Mongolian;
        the catalogues' "list separator"), cut to the field's length.
        """
        if not names or self.reviewer:
            return False
        locale = getattr(self, "locale", None)
        with translation.override(locale.language_code if locale is not None else None):
            separator = pgettext("list separator", ", ")
        self.reviewer = separator.join(names)[: type(self)._meta.get_field("reviewer").max_length]
        return True


class SectionIndexMixin:
    """Marks an index page type whose pages are sections: each gets its own editors, reviewers
    and review workflow (editorial sets them up when such a page is created)."""


class ImportedDocument(Protocol):
    """What an import (editorial's Word, Markdown and text import) hands a page type to build from.

    ``body`` holds (block type, value) pairs of ``BodyStreamBlock``; image values are saved
    Wagtail images already. ``byline`` maps :attr:`BylineMixin.BYLINE_FIELDS` names to text.
    """

    title: str
    summary: str
    body: list[tuple[str, Any]]
    byline: Mapping[str, str]
    main_image: Any


class ImportablePageMixin:
    """A page type that an imported document can become (a story from a Word file)."""

    @classmethod
    def import_option_fields(cls, locale: Locale) -> dict[str, forms.Field]:
        """Extra form fields the import upload asks for (a story's place); none by default."""
        return {}

    @classmethod
    def from_import(cls, document: ImportedDocument, *, locale: Locale, options: Mapping[str, Any]) -> Page:
        """An unsaved page of this type holding ``document``.

        Args:
            document: the parsed file (see :class:`ImportedDocument`).
            locale: the locale of the index the page goes under.
            options: the cleaned values of :meth:`import_option_fields`, by name (may be empty).
        Returns:
            A page instance, not yet added to the tree; the importer gives it a slug and saves it.
        """
        raise NotImplementedError(f"{cls.__name__} does not say how to build itself from an import.")


class ImportTargetMixin:
    """An index page that documents can be imported into (a story index takes Word files)."""

    #: The page type each imported document becomes; set by the page type, for example StoryPage.
    import_page_model: ClassVar[type[ImportablePageMixin]]

    @classmethod
    def get_import_page_model(cls) -> type[ImportablePageMixin]:
        """The page type imports under this index create."""
        return cls.import_page_model
