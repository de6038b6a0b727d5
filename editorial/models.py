"""The term list editors maintain, the sections review is organised by, and the import register."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, Workflow
from wagtail.search import index


class Term(index.Indexed, models.Model):
    """A word or phrase the content checks look for, with what to write instead."""

    class Kind(models.TextChoices):
        FORBIDDEN = "forbidden", _("Forbidden")
        OUTDATED = "outdated", _("Outdated formulation")
        TYPO = "typo", _("Common typo")

    phrase = models.CharField(
        _("word or phrase"),
        max_length=200,
        unique=True,
        help_text=_("Matched exactly, in Traditional or Simplified characters alike."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OUTDATED)
    suggestion = models.CharField(_("suggested replacement"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("Why, or where the rule comes from."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [FieldPanel("phrase"), FieldPanel("kind"), FieldPanel("suggestion"), FieldPanel("note")]
    search_fields = [
        index.SearchField("phrase"),
        index.AutocompleteField("phrase"),
        index.SearchField("suggestion"),
        index.SearchField("note"),
        # Filters and columns the term list sorts by, which a search must be able to keep.
        *(index.FilterField(name) for name in ("kind", "phrase", "suggestion", "note", "updated_at")),
    ]

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("term list")
        ordering = ["kind", "phrase"]

    def __str__(self) -> str:
        return self.phrase

    @property
    def blocks_submission(self) -> bool:
        """Forbidden terms stop a page from going to review; the other kinds only warn."""
        return self.kind == self.Kind.FORBIDDEN


class Section(models.Model):
    """A content section (one community's story index, say) with its own editors, reviewers and workflow.

    A section is identified by the translation key of its index page, so the Chinese page
    and its Mongolian translation share groups and workflow.
    """

    translation_key = models.UUIDField(unique=True)
    name = models.CharField(_("name"), max_length=120)
    editors = models.OneToOneField(
        Group, verbose_name=_("editors"), on_delete=models.PROTECT, related_name="editorial_section_as_editors"
    )
    first_reviewers = models.OneToOneField(
        Group,
        verbose_name=_("first reviewers"),
        on_delete=models.PROTECT,
        related_name="editorial_section_as_first_reviewers",
    )
    final_reviewers = models.OneToOneField(
        Group,
        verbose_name=_("final reviewers"),
        on_delete=models.PROTECT,
        related_name="editorial_section_as_final_reviewers",
    )
    workflow = models.OneToOneField(
        Workflow, verbose_name=_("workflow"), on_delete=models.PROTECT, related_name="editorial_section"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def pages(self):
        """The section's index page in every language."""
        return Page.objects.filter(translation_key=self.translation_key)

    @property
    def groups(self) -> list[Group]:
        return [self.editors, self.first_reviewers, self.final_reviewers]


class ImportRecord(models.Model):
    """A file imported as a page, so that importing the same file again is recognised as a duplicate."""

    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64)
    parent = models.ForeignKey(Page, verbose_name=_("imported into"), on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(_("file name"), max_length=255)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("import record")
        verbose_name_plural = _("import records")
        constraints = [
            models.UniqueConstraint(fields=["content_hash", "parent"], name="unique_import_per_parent"),
        ]

    def __str__(self) -> str:
        return self.filename
