"""A materials library for schools: lesson plans, slides, worksheets and audio, some for teachers only."""

from __future__ import annotations

from rest_framework.fields import Field

from django.db import models
from django.db.models import F, Sum
from django.http import Http404, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.api.utils import get_full_url
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, PageManager, PageQuerySet
from wagtail.search import index

from core.api import APIFilter, RenderedHTMLField
from core.blocks import RICH_TEXT_FEATURES
from core.i18n import below_in_reader_language
from core.mixins import IntroductionMixin, SectionIndexMixin
from core.models import BasePage
from core.search_index import enqueue_update

from . import access
from .choices import GRADE_BANDS, MaterialFormat, MaterialLanguage, Subject
from .zipstream import stream_zip


class MaterialQuerySet(PageQuerySet):
    def filtered(self, *, grade: str = "", subject: str = "", language: str = "", format: str = ""):  # noqa: A002
        """Materials for a grade band, subject, language and format; empty values do not filter.

        A material in both languages is found by either language.
        """
        materials = self
        if grade in GRADE_BANDS:
            materials = materials.filter(**{f"for_{grade}": True})
        if subject:
            materials = materials.filter(subject=subject)
        if language:
            materials = materials.filter(language__in=[language, MaterialLanguage.BOTH])
        if format:
            materials = materials.filter(material_format=format)
        return materials

    def for_listing(self) -> MaterialQuerySet:
        return self.select_related("locale").prefetch_related("files__document").order_by("title")


class MaterialFilesField(Field):
    """A material's files as ``[{"id", "title", "download_url"}]``; empty for a teacher-only
    material, whose files are downloaded after a teacher logs in on the site."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, material):
        if material.teacher_only:
            return []
        request = self.context.get("request")
        return [
            {"id": document.pk, "title": document.title, "download_url": get_full_url(request, document.url)}
            for document in material.documents()
        ]


def _grade_bands(material) -> list[str]:
    return [band for band in GRADE_BANDS if getattr(material, f"for_{band}")]


class GradeBandsField(Field):
    """The grade bands a material is for, as codes (``["primary", "junior"]``)."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, material):
        return _grade_bands(material)


class MaterialPage(RoutablePageMixin, BasePage):
    """One material: what it is, for which grades and subject, in which language, and its files."""

    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    for_primary = models.BooleanField(_("primary school"), default=False)
    for_junior = models.BooleanField(_("junior secondary"), default=False)
    for_senior = models.BooleanField(_("senior secondary"), default=False)
    subject = models.CharField(_("subject"), max_length=20, choices=Subject.choices, default=Subject.MORALITY)
    language = models.CharField(
        _("language"), max_length=4, choices=MaterialLanguage.choices, default=MaterialLanguage.CHINESE
    )
    material_format = models.CharField(
        _("format"), max_length=20, choices=MaterialFormat.choices, default=MaterialFormat.LESSON_PLAN
    )
    # A campaign lists its materials through this reverse relation (``page.related_materials``),
    # so campaigns never import materials (docs/architecture.md).
    related_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("related campaign or course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="related_materials",
    )
    teacher_only = models.BooleanField(
        _("for teachers only"),
        default=False,
        help_text=_("Only teachers who have logged in can download the files; they are moved to a private collection."),
    )

    objects = PageManager.from_queryset(MaterialQuerySet)()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("for_primary"), FieldPanel("for_junior"), FieldPanel("for_senior")]),
                FieldRowPanel([FieldPanel("subject"), FieldPanel("language"), FieldPanel("material_format")]),
                PageChooserPanel("related_page"),
            ],
            heading=_("For whom"),
        ),
        FieldPanel("teacher_only"),
        InlinePanel("files", heading=_("Files"), label=_("File"), min_num=1),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("description"),
        index.SearchField("file_text"),
        index.FilterField("subject"),
        index.FilterField("language"),
        index.FilterField("material_format"),
        index.FilterField("for_primary"),
        index.FilterField("for_junior"),
        index.FilterField("for_senior"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("description_html", serializer=RenderedHTMLField(source="description")),
        APIField("grade_bands", serializer=GradeBandsField()),
        APIField("subject"),
        APIField("language"),
        APIField("material_format"),
        APIField("teacher_only"),
        APIField("related_page_id"),
        APIField("files", serializer=MaterialFilesField()),
    ]
    api_listing_fields = [*BasePage.api_listing_fields, "grade_bands", "subject", "language", "material_format"]
    api_filters = [
        APIFilter("grade", lambda materials, value: materials.filtered(grade=value), "primary, junior or senior."),
        APIFilter("subject", lambda materials, value: materials.filtered(subject=value), "A subject code."),
        APIFilter(
            "language",
            lambda materials, value: materials.filtered(language=value),
            "zh, mn or both (a bilingual material counts for both).",
        ),
        APIFilter(
            "material_format", lambda materials, value: materials.filtered(format=value), "A format code (slides)."
        ),
    ]

    parent_page_types = ["materials.MaterialIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def file_text(self) -> str:
        """The titles and extracted text of the material's files, for search."""
        return "\n".join(
            f"{item.document.title}\n{item.document.extracted_text}" for item in self.files.all() if item.document
        )

    def grade_bands(self) -> list[str]:
        """The grade bands the material is for, as labels."""
        return [
            self._meta.get_field(f"for_{band}").verbose_name for band in GRADE_BANDS if getattr(self, f"for_{band}")
        ]

    def documents(self) -> list:
        """The material's documents, in one query however many files it has."""
        return [item.document for item in self.files.select_related("document") if item.document]

    def total_downloads(self) -> int:
        return self.downloads.aggregate(total=Sum("count"))["total"] or 0

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        access.file_documents(self.documents(), teacher_only=self.teacher_only)
        if kwargs.get("update_fields") is None:
            # The page's index task is queued on post_save, before its files are saved with it (the
            # immediate task backend runs it then): queue it again so the files' text is found.
            enqueue_update(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["may_download"] = access.may_download(request.user, self)
        context["login_url"] = access.login_url(request)
        return context

    def count_download(self, request) -> bool:
        """Count a download of this material by the visitor of ``request``, once a day; True if counted.

        Only a keyed hash of the visitor is kept, and only for the day (see DownloadVisitor).
        """
        day = timezone.localdate()
        DownloadVisitor.objects.filter(day__lt=day).delete()
        _visitor, created = DownloadVisitor.objects.get_or_create(
            digest=access.visitor_digest(request, self.pk, day), day=day
        )
        if created:
            downloads, _ = MaterialDownloads.objects.get_or_create(material=self, day=day)
            MaterialDownloads.objects.filter(pk=downloads.pk).update(count=F("count") + 1)
        return created

    @path("")
    def material(self, request):
        return self.render(request)

    @path("download-all/")
    def download_all(self, request):
        """All files of the material as one zip, streamed as it is written."""
        if not access.may_download(request.user, self):
            return access.redirect_to_login(request)
        documents = self.documents()
        if not documents:
            raise Http404
        self.count_download(request)
        names = access.unique_names(documents)
        response = StreamingHttpResponse(
            stream_zip((name, document.file.open) for name, document in zip(names, documents, strict=True)),
            content_type="application/zip",
        )
        filename = f"{slugify(self.slug) or 'material'}.zip"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response


class MaterialFile(Orderable):
    """One file of a material (a Wagtail document: PDF, DOCX, PPTX, an image or audio)."""

    page = ParentalKey(MaterialPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "core.SiteDocument", verbose_name=_("file"), on_delete=models.CASCADE, related_name="material_files"
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")


class MaterialDownloads(models.Model):
    """How many visitors downloaded a material on one day (each counted once a day)."""

    material = models.ForeignKey(MaterialPage, on_delete=models.CASCADE, related_name="downloads")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["material", "day"], name="materials_downloads_once_a_day")]
        verbose_name = _("downloads on one day")

    def __str__(self) -> str:
        return f"{self.material_id} {self.day}: {self.count}"


class DownloadVisitor(models.Model):
    """A keyed hash standing for one visitor and material today; deleted the next day.

    The hash is of the IP address, user agent, material and a key that changes every day, so
    it cannot be linked to a person or to the same visitor on another day.
    """

    digest = models.CharField(max_length=64)
    day = models.DateField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["digest", "day"], name="materials_visitor_once_a_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.digest[:8]}"


class MaterialIndexPage(SectionIndexMixin, IntroductionMixin, BasePage):
    """The materials library: filters by grade band, subject, language and format, and search."""

    content_panels = [*BasePage.content_panels, *IntroductionMixin.intro_panels]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["materials.MaterialPage"]

    class Meta:
        verbose_name = _("materials library")
        verbose_name_plural = _("materials libraries")

    def materials(self) -> MaterialQuerySet:
        """The live, public materials of this library in its language, else the source's (core.i18n)."""
        return below_in_reader_language(MaterialPage.objects.live().public(), self)

    def get_context(self, request, *args, **kwargs):
        # As the story index does: the form uses search.services, which needs the models loaded.
        from .forms import MaterialFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = MaterialFilterForm(request.GET or None)
        context["filter_form"] = form
        context["materials"] = form.results(self.materials())
        return context
