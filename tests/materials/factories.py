"""Factories for the materials library: indexes, materials and their files."""

import factory
import wagtail_factories

from django.core.files.base import ContentFile

from core.documents import SiteDocument
from materials.models import MaterialFile, MaterialIndexPage, MaterialPage


class DocumentFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"教案{n}")
    file = factory.LazyAttribute(lambda document: ContentFile("民族团结教案：石榴籽一家亲。".encode(), name="plan.txt"))

    class Meta:
        model = SiteDocument


class MaterialIndexPageFactory(wagtail_factories.PageFactory):
    title = "教学资源"
    slug = "materials"
    intro = "供学校下载的民族团结教育资源。"

    class Meta:
        model = MaterialIndexPage


class MaterialPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"民族团结教案{n}")
    for_primary = True
    subject = "morality"
    language = "zh"
    material_format = "lesson-plan"

    class Meta:
        model = MaterialPage


def material_with_files(parent, documents=None, **kwargs) -> MaterialPage:
    """A published material under ``parent`` with ``documents`` (one text file by default)."""
    material = MaterialPageFactory(parent=parent, **kwargs)
    for number, document in enumerate(documents or [DocumentFactory()]):
        material.files.add(MaterialFile(document=document, sort_order=number))
    material.save_revision().publish()
    return MaterialPage.objects.get(pk=material.pk)
