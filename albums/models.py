"""Festival photo albums: an index by year and place, and albums of ordered, captioned photos."""

from __future__ import annotations

from rest_framework.fields import Field

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, PageManager, PageQuerySet, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.api import RenditionsField, SnippetField
from core.i18n import below_in_reader_language
from core.mixins import DatedMixin, IntroductionMixin, SectionIndexMixin
from core.models import BasePage

from .filters import AlbumFilterForm
from .panels import PhotosInlinePanel

#: Thumbnails loaded at once: what a phone shows above the fold; the rest load as they scroll in.
EAGER_THUMBNAILS = 6
ONE_COVER = _("Mark only one photo as the cover.")


class AlbumQuerySet(PageQuerySet):
    def newest_first(self) -> AlbumQuerySet:
        return self.order_by("-date", "-pk")

    def for_listing(self) -> AlbumQuerySet:
        """Everything an album card shows (its cover among them) in a fixed number of queries."""
        # One photo per album: the one marked as cover, else the first.
        first = AlbumPhoto.objects.filter(page=OuterRef("page")).order_by("-is_cover", "sort_order").values("pk")[:1]
        covers = AlbumPhoto.objects.filter(pk=Subquery(first)).select_related("image")
        return self.select_related("locale", "place", "social_image").prefetch_related(
            Prefetch("photos", queryset=covers, to_attr="cover_photos"), "cover_photos__image__renditions"
        )


class PhotosField(Field):
    """An album's photos in order: ``[{"image": <RenditionsField>, "caption", "photographer", "is_cover"}]``."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, album):
        image_field = RenditionsField()
        image_field.bind("image", self)
        return [
            {
                "image": image_field.to_representation(photo.image),
                "caption": photo.caption,
                "photographer": photo.photographer,
                "is_cover": photo.is_cover,
            }
            for photo in album.photo_list()
        ]


class FestivalAlbumPage(RoutablePageMixin, DatedMixin, BasePage):
    """A festival or event told in photos: when, where, who organised it, and the photos in order."""

    event_name = models.CharField(_("festival or event"), max_length=200)
    event_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("event or campaign page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place = models.ForeignKey(
        "stories.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="albums",
    )
    organisers = models.CharField(_("organisers"), max_length=300, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)

    objects = PageManager.from_queryset(AlbumQuerySet)()

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("event_name"),
                PageChooserPanel("event_page"),
                *DatedMixin.date_panels,
                FieldPanel("place"),
                FieldPanel("organisers"),
            ],
            heading=_("Festival or event"),
        ),
        FieldPanel("introduction"),
        PhotosInlinePanel("photos", heading=_("Photos"), label=_("Photo")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("event_name"),
        index.SearchField("organisers"),
        index.SearchField("introduction"),
        index.FilterField("date"),
        index.RelatedFields("place", [index.SearchField("name")]),
        index.RelatedFields("photos", [index.SearchField("caption")]),
    ]
    api_fields = [
        *BasePage.api_fields,
        *DatedMixin.date_api_fields,
        APIField("event_name"),
        APIField("event_page_id"),
        APIField("place", serializer=SnippetField(("id", "name", "level"))),
        APIField("organisers"),
        APIField("introduction"),
        APIField("photos", serializer=PhotosField()),
    ]
    api_listing_fields = [*BasePage.api_listing_fields, "date", "event_name", "place"]

    parent_page_types = ["albums.AlbumIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("festival album")
        verbose_name_plural = _("festival albums")

    def clean(self):
        super().clean()
        if sum(bool(photo.is_cover) for photo in self.photos.all()) > 1:
            raise ValidationError(ONE_COVER)

    @property
    def cover(self) -> AlbumPhoto | None:
        """The photo marked as cover, else the first one (None in an empty album)."""
        prefetched = getattr(self, "cover_photos", None)
        if prefetched is not None:
            return prefetched[0] if prefetched else None
        photos = list(self.photos.all())
        return next((photo for photo in photos if photo.is_cover), photos[0] if photos else None)

    def get_listing_image(self):
        cover = self.cover
        return self.social_image or (cover.image if cover else None)

    def rendition_targets(self) -> list[tuple[object, str]]:
        """The cover on the album's card, and every photo in the grid, the lightbox and on its own
        page (core.renditions)."""
        targets = [(self.get_listing_image(), "album-card"), *super().rendition_targets()]
        for image_id in self.photos.values_list("image_id", flat=True):
            targets += [(image_id, "photo-thumbnail"), (image_id, "photo-large"), (image_id, "photo")]
        return targets

    def photo_list(self) -> list[AlbumPhoto]:
        """The album's photos in order, with their images and renditions, in a fixed number of queries.

        Each photo gets its ``number`` (from 1), its own page's ``url`` and how its thumbnail
        ``loading`` should be: eager for the first screenful, lazy below the fold.
        """
        photos = list(self.photos.select_related("image").prefetch_related("image__renditions"))
        base_url = self.url
        for number, photo in enumerate(photos, start=1):
            photo.number = number
            photo.url = f"{base_url}photo/{number}/"
            photo.loading = "eager" if number <= EAGER_THUMBNAILS else "lazy"
        return photos

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        photos = self.photo_list()
        context["photos"] = photos
        context["photo_count"] = len(photos)
        return context

    @path("")
    def album(self, request):
        return self.render(request)

    @path("photo/<int:number>/")
    def photo(self, request, number: int):
        """One photo on its own page: the address the lightbox shows, and what it shows without JS."""
        context = self.get_context(request)
        photos = context["photos"]
        if not 1 <= number <= len(photos):
            raise Http404
        overrides = {
            "photo": photos[number - 1],
            "number": number,
            "previous_number": number - 1 if number > 1 else None,
            "next_number": number + 1 if number < len(photos) else None,
        }
        return self.render(request, template="albums/album_photo_page.html", context_overrides=overrides)


class AlbumPhoto(TranslatableMixin, Orderable):
    """One photo of an album, with its caption and credit; translated with the album."""

    page = ParentalKey(FestivalAlbumPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    photographer = models.CharField(_("photographer"), max_length=100, blank=True)
    is_cover = models.BooleanField(_("cover"), default=False)

    # The image and the cover mark are the source's; captions and credits are translated.
    override_translatable_fields = [SynchronizedField("image"), SynchronizedField("is_cover")]

    panels = [FieldPanel("image"), FieldPanel("caption"), FieldPanel("photographer"), FieldPanel("is_cover")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or str(self.image)


class AlbumIndexPage(SectionIndexMixin, IntroductionMixin, BasePage):
    """Lists a section's albums, newest first, filtered by year and place."""

    content_panels = [*BasePage.content_panels, *IntroductionMixin.intro_panels]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["albums.FestivalAlbumPage"]

    class Meta:
        verbose_name = _("album index")
        verbose_name_plural = _("album indexes")

    def albums(self) -> AlbumQuerySet:
        """The live, public albums of this index, newest first."""
        return below_in_reader_language(FestivalAlbumPage.objects.live().public(), self).newest_first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        albums = self.albums()
        form = AlbumFilterForm(request.GET or None, albums=albums, locale=self.locale)
        context["filter_form"] = form
        context["albums"] = form.filter(albums).for_listing()
        return context
