"""What every page shares, and the settings editors manage for a whole site."""

from django.db import models
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.coreutils import find_available_slug
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField

from core.api import RenditionsField
from core.control_characters import strip_control_characters
from core.documents import SiteDocument  # noqa: F401 - WAGTAILDOCS_DOCUMENT_MODEL
from core.forms import BasePageForm
from core.i18n import fallback_child
from core.indexing import AnalysedSearchMixin
from core.publishing import GatedPagePermissionTester, ensure_may_publish
from core.renditions import stream_images
from core.serving import fully_loaded, restricted_sections, routed_child


class BasePage(AnalysedSearchMixin, Page):
    """Abstract base of every Shiliu page: summary, sharing image and their panels.

    Its search fields, and those every page type adds, are indexed through textkit.analysis.
    """

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=400,
        help_text=_("One or two sentences for listings, search results and sharing in WeChat."),
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared; defaults to the page's main image."),
    )

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    base_form_class = BasePageForm
    #: What the content API gives for every page type (core.api); page types add their own.
    api_fields = [
        APIField("summary"),
        APIField("image", serializer=RenditionsField(source="get_listing_image")),
    ]
    api_listing_fields = ["summary", "image"]

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs):
        """Every page type's translations keep the source's slug (docs/bilingual.md).

        wagtail-localize treats a page's slug as a translatable string and would store the
        slug of a translated title; the slug is declared synchronised instead, added to the
        ``override_translatable_fields`` a page type declares for its own fields.
        """
        super().__init_subclass__(**kwargs)
        fields = list(getattr(cls, "override_translatable_fields", []))
        if not any(field.field_name == "slug" for field in fields):
            fields.append(SynchronizedField("slug", overridable=False))
        cls.override_translatable_fields = fields

    def full_clean(self, *args, **kwargs):
        """Wagtail's checks; a translation left without a slug takes its source's.

        wagtail-localize passes a translation's slug through an ASCII-only slugify, which
        empties a Chinese slug such as 红石榴驿站; Wagtail would then make one from the
        translated title, a Mongolian slug hundreds of characters long once percent-encoded.
        """
        self._keep_source_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        """Wagtail's checks for a draft; a translation left without a slug takes its source's."""
        self._keep_source_slug()
        super().minimal_clean()

    def _keep_source_slug(self) -> None:
        if not self.slug and self.path and self.translation_key:
            self.slug = self._source_slug() or ""

    def _source_slug(self) -> str | None:
        """The slug of this page's version in the default language (else any other), made
        unique among this page's siblings; None when there is no other version."""
        versions = Page.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk).exclude(slug="")
        slug = (
            versions.filter(locale=Locale.get_default()).values_list("slug", flat=True).first()
            or versions.values_list("slug", flat=True).first()
        )
        if not slug:
            return None
        return find_available_slug(self.get_parent(), slug, ignore_page_id=self.pk)

    def clean(self):
        """Validate, after removing control characters from every text field (core.control_characters)."""
        strip_control_characters(self)
        super().clean()

    def get_listing_image(self):
        """The image that stands for this page in listings and when shared."""
        return self.social_image

    def rendition_targets(self) -> list[tuple[object, str]]:
        """``(image, rendition name)`` for every image this page's templates show, made when it is
        published (core.renditions): its sharing image and its card in listings; page types add
        their own (a main image, photos in the body)."""
        listing_image = self.get_listing_image()
        targets = [(listing_image, "share"), (listing_image, "card")]
        for field in self._meta.concrete_fields:
            if isinstance(field, StreamField):
                targets += [(image_id, "body") for image_id in stream_images(getattr(self, field.name))]
        return targets

    def permissions_for_user(self, user):
        """Wagtail's page permissions, with publishing and deleting asked of the publishing gate."""
        return GatedPagePermissionTester(user, self)

    def publish(self, revision, user=None, changed=True, log_action=True, previous_revision=None, **kwargs):
        """Publish ``revision``, if the publishing gate lets it go live (core.publishing).

        Raises:
            core.publishing.PublicationRefused: the user may not publish it, it must pass
                its review first, or its content may not go live (a forbidden term).
        """
        ensure_may_publish(self, user, revision=revision)
        return super().publish(
            revision, user=user, changed=changed, log_action=log_action, previous_revision=previous_revision, **kwargs
        )

    def get_meta_description(self) -> str:
        """The description for search engines and sharing cards."""
        return self.search_description or self.summary

    def route(self, request, path_components):
        """Wagtail's routing, with two changes.

        Each level takes its child from the pages core.serving fetched for the whole path (no
        query) and walks it as a deferred specific page; only the page served is loaded, with
        its own foreign keys (core.serving.fully_loaded). And an untranslated child is served
        from the source language: /mn-mong/stories/<slug>/ shows the Chinese story, with a
        notice, until it is translated; a missing translation is never a 404.
        """
        if not path_components:
            if self.live:
                return RouteResult(fully_loaded(self))
            raise Http404
        try:
            return routed_child(request, self, path_components[0]).specific_deferred.route(request, path_components[1:])
        except Http404:
            child = fallback_child(self, path_components[0])
            if child is None:
                raise
            return child.specific.route(request, path_components[1:])

    def get_view_restrictions(self):
        """Wagtail's view restrictions of this page, without a query where the site has none."""
        if not restricted_sections():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs a site and the registration marks Chinese sites show in their footer."""

    organisation_name = models.CharField(_("organisation name"), max_length=120, blank=True)
    organisation_name_mongolian = models.CharField(_("organisation name in Mongolian"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    address_mongolian = models.CharField(_("address in Mongolian"), max_length=300, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    icp_number = models.CharField(
        _("ICP filing number"), max_length=60, blank=True, help_text=_("For example 蒙ICP备12345678号-1")
    )
    public_security_number = models.CharField(
        _("public security filing number"),
        max_length=60,
        blank=True,
        help_text=_("For example 蒙公网安备 15010202000001号"),
    )
    government_site_code = models.CharField(
        _("government website code"), max_length=40, blank=True, help_text=_("政府网站标识码")
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("organisation_name_mongolian"),
                FieldPanel("address"),
                FieldPanel("address_mongolian"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("icp_number"),
                FieldPanel("public_security_number"),
                FieldPanel("government_site_code"),
            ],
            heading=_("Registration marks"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def _in_language(self, chinese: str, mongolian: str) -> str:
        if (get_language() or "").startswith("mn") and mongolian:
            return mongolian
        return chinese

    @property
    def display_name(self) -> str:
        """The organisation's name in the language of the current request."""
        return self._in_language(self.organisation_name, self.organisation_name_mongolian)

    @property
    def display_address(self) -> str:
        """The address in the language of the current request."""
        return self._in_language(self.address, self.address_mongolian)
