"""Bounded work per request, for every page type Wagtail knows (a page type added later is
covered without new work: tests/testapp's WorkshopPage and WorkshopIndexPage prove it).

Each page is rendered cold (page cache empty, renditions already made, the per-process values of
core.shared read): its SQL queries stay under a fixed ceiling, a page's count is the same with
one or five of everything it holds (photos, sessions, files, themes, groups: its child relations
and many-to-many fields, found through the model), and a listing's count does not grow with the
number of pages it lists.
"""

import datetime
import itertools

import pytest

from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, TranslatableMixin, get_page_models

from core.page_cache import page_cache
from home.models import HomePage
from tests.albums.factories import PhotoImageFactory
from tests.materials.factories import DocumentFactory

pytestmark = pytest.mark.django_db

# The most queries any page may run cold, measured with this file's pages. Lower it as pages
# get cheaper; never raise it without saying why in the commit.
MAX_QUERIES = 30

UNIQUE = itertools.count(1)

PAGE_MODELS = sorted(
    (model for model in get_page_models() if model is not Page and not model._meta.abstract),
    key=lambda model: model._meta.label,
)


def required_values(model) -> dict:
    """Values for the fields of ``model`` that have no default and may not be blank."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.model is Page or field.has_default() or field.null or field.blank or field.primary_key:
            continue
        if isinstance(field, models.DateTimeField):
            values[field.name] = timezone.now()
        elif isinstance(field, models.DateField):
            values[field.name] = datetime.date(2025, 5, 13)
        elif isinstance(field, models.TimeField):
            values[field.name] = datetime.time(9, 30)
        elif isinstance(field, models.IntegerField | models.DecimalField | models.FloatField):
            values[field.name] = 1
        elif isinstance(field, models.CharField | models.TextField):
            number = next(UNIQUE)  # codes and slugs are unique per locale
            text = f"石榴{number}"
            values[field.name] = text if len(text) <= (field.max_length or 100) else str(number)[-field.max_length :]
        elif isinstance(field, models.ForeignKey | models.OneToOneField) and field.name.endswith("_ptr"):
            continue
        elif isinstance(field, ParentalKey):
            continue  # set by adding the object to its page
        elif isinstance(field, models.ForeignKey):
            values[field.name] = related_instance(field.related_model)
        else:
            pytest.fail(f"{model._meta.label}.{field.name}: say here how to fill a {type(field).__name__}")
    return values


def related_instance(model):
    """A saved instance of ``model`` for a required foreign key or a many-to-many field."""
    if issubclass(model, Locale):
        return Locale.get_default()
    if issubclass(model, get_image_model()):
        return PhotoImageFactory()
    if issubclass(model, get_document_model()):
        return DocumentFactory()
    values = required_values(model)
    if issubclass(model, TranslatableMixin):
        values["locale"] = Locale.get_default()
    return model.objects.create(**values)


def child_relations(model) -> list:
    """The page type's own child relations (photos, sessions, files), not Wagtail's comments."""
    return [
        relation
        for relation in get_all_child_relations(model)
        if relation.get_accessor_name() != "wagtail_admin_comments"
    ]


def many_to_many_fields(model) -> list:
    return [field for field in model._meta.get_fields() if isinstance(field, ParentalManyToManyField)]


def fill(page: Page, count: int) -> None:
    """Give an unsaved page ``count`` of every child object and many-to-many value it can hold,
    and an image in every image field."""
    model = type(page)
    for field in model._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and issubclass(field.related_model, get_image_model()):
            setattr(page, field.name, PhotoImageFactory())
    for relation in child_relations(model):
        child_model = relation.related_model
        for _ in range(count):
            values = required_values(child_model)
            if issubclass(child_model, TranslatableMixin):
                values["locale"] = Locale.get_default()
            getattr(page, relation.get_accessor_name()).add(child_model(**values))
    for field in many_to_many_fields(model):
        setattr(page, field.name, [related_instance(field.related_model) for _ in range(count)])


def add_page(model, parent: Page, slug: str, related: int = 0) -> Page:
    page = model(title=f"{model._meta.verbose_name} {slug}", slug=slug, **required_values(model))
    if related:
        fill(page, related)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def parent_for(model, home: Page, depth: int = 0) -> Page:
    """A live page under ``home`` that ``model`` may be created under, made if need be."""
    allowed = model.allowed_parent_page_models()
    if type(home.specific) in allowed:
        return home
    for parent_model in allowed:
        if parent_model is Page or depth > 3:
            continue
        existing = parent_model.objects.descendant_of(home).first()
        if existing is not None:
            return existing
        grandparent = parent_for(parent_model, home, depth + 1)
        return add_page(parent_model, grandparent, f"{parent_model._meta.model_name}-parent")
    pytest.fail(f"{model._meta.label} can be created under no page type reachable from the home page")


def cold_queries(client, url: str) -> int:
    client.get(url)  # renditions and the segmenter made once, as on a running server
    page_cache().clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_every_page_type_is_covered_including_a_test_only_one():
    labels = {model._meta.label for model in PAGE_MODELS}
    assert {"testapp.WorkshopPage", "testapp.WorkshopIndexPage", "stories.StoryPage"} <= labels


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model._meta.label)
def test_page_renders_in_bounded_queries(client, home, model):
    page = home if isinstance(home.specific, model) else add_page(model, parent_for(model, home), "measured")

    count = cold_queries(client, page.url)

    assert count <= MAX_QUERIES, f"{model._meta.label} ran {count} queries cold"


# The site's home page is the fixture's (one per site); its listings are covered below.
@pytest.mark.parametrize("model", [m for m in PAGE_MODELS if m is not HomePage], ids=lambda model: model._meta.label)
def test_page_query_count_does_not_grow_with_what_it_holds(client, home, model):
    parent = parent_for(model, home)
    few = add_page(model, parent, "holds-one", related=1)
    many = add_page(model, parent, "holds-five", related=5)

    few_count = cold_queries(client, few.url)
    many_count = cold_queries(client, many.url)

    assert many_count == few_count, (
        f"{model._meta.label}: {few_count} queries holding one of each, {many_count} holding five"
    )


LISTINGS = [model for model in PAGE_MODELS if model.allowed_subpage_models() and model.is_creatable]


@pytest.mark.parametrize("model", LISTINGS, ids=lambda model: model._meta.label)
def test_listing_query_count_does_not_grow_with_its_length(client, home, model):
    index = home if isinstance(home.specific, model) else add_page(model, parent_for(model, home), "listing")
    child_models = [child for child in model.allowed_subpage_models() if child is not Page and child.is_creatable]

    def add_children(start: int, count: int) -> None:
        for number in range(start, start + count):
            for child_model in child_models:
                add_page(child_model, index, f"{child_model._meta.model_name}-{number}")

    add_children(0, 2)
    few = cold_queries(client, index.url)
    add_children(2, 6)
    many = cold_queries(client, index.url)

    assert many == few, f"{model._meta.label}: {few} queries listing 2 of each child type, {many} listing 8"
