"""What courses and events share: where, for whom, and how to join."""

from __future__ import annotations

from typing import ClassVar

from rest_framework import fields as api_fields

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from classroom.fields import Audience, AudienceField
from core.api import SnippetField


class ActivityMixin(models.Model):
    """Where an activity happens, who it is for and how to join: shared by courses and events."""

    place = models.ForeignKey(
        "stories.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    sign_up_required = models.BooleanField(_("sign-up needed"), default=False)
    audiences = AudienceField(_("for"))

    activity_panels: ClassVar[list] = [
        MultiFieldPanel(
            [
                FieldPanel("audiences"),
                FieldPanel("place"),
                FieldRowPanel([FieldPanel("venue"), FieldPanel("address")]),
                FieldRowPanel([FieldPanel("contact_phone"), FieldPanel("sign_up_required")]),
            ],
            heading=_("Where and for whom"),
        )
    ]
    activity_search_fields: ClassVar[list] = [
        index.SearchField("venue"),
        index.SearchField("address"),
        index.FilterField("audiences"),
        index.RelatedFields("place", [index.SearchField("name")]),
    ]
    activity_api_fields: ClassVar[list] = [
        APIField("audiences", serializer=api_fields.ListField(child=api_fields.CharField(), read_only=True)),
        APIField("place", serializer=SnippetField(("id", "name", "level"))),
        APIField("venue"),
        APIField("address"),
        APIField("contact_phone"),
        APIField("sign_up_required"),
    ]
    #: Audiences are codes, the same in every language.
    activity_synchronised_fields: ClassVar[list] = [
        SynchronizedField("audiences"),
        SynchronizedField("sign_up_required"),
    ]

    class Meta:
        abstract = True

    def audience_labels(self) -> list[str]:
        """The audiences in the reader's language."""
        return [Audience(code).label for code in self.audiences]
