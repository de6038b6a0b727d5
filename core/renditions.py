"""Renditions are made when a page is published, never while a reader waits.

The sizes templates show images at are named here, once: templates ask for them by name
(``{% rendition page.hero_image "hero" %}``, core.templatetags.shiliu), and publishing a page
enqueues :func:`create_page_renditions_task`, which makes the same renditions of every image the
page shows (``BasePage.rendition_targets``). A request then finds each rendition already made
(in Wagtail's rendition cache, or in one query) and creates none.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from django_tasks import task

from django.db import transaction

from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import page_published

from core.collections import outside_restricted_collections

logger = logging.getLogger(__name__)

#: Name -> Wagtail filter spec, for every size a template shows an image at.
RENDITIONS = {
    "hero": "width-1200",  # a page's main image (stories, courses, events)
    "banner": "fill-1600x700",  # the home page's wide image
    "share": "fill-1200x630",  # the sharing card (og:image) of every page
    "card": "fill-640x400",  # a page's image on a card in a listing
    "body": "width-1200",  # a photo in a body (components/blocks)
}


def spec(name: str) -> str:
    """The filter spec of a named rendition; KeyError names the unknown name."""
    try:
        return RENDITIONS[name]
    except KeyError:
        raise KeyError(f"No rendition named {name!r}; core.renditions.RENDITIONS has {sorted(RENDITIONS)}") from None


#: Top-level StreamField blocks that show an image at the "body" size, and the key of their image.
BODY_IMAGE_BLOCKS = {"image": "image", "video": "poster"}


def stream_images(stream) -> Iterator[int]:
    """Ids of the images a StreamField's top-level blocks show (BODY_IMAGE_BLOCKS), from its raw data."""
    for block in stream.raw_data:
        value = block.get("value")
        key = BODY_IMAGE_BLOCKS.get(block.get("type"))
        if key and isinstance(value, dict) and value.get(key):
            yield value[key]


def create_renditions(targets: Iterable[tuple[object, str]]) -> int:
    """Make the renditions ``targets`` name: ``(image or image id, rendition name)`` pairs.

    Returns:
        How many renditions were asked for (existing ones are found, not made again).
    """
    by_name: dict[str, set[int]] = {}
    for image, name in targets:
        if image:
            by_name.setdefault(spec(name), set()).add(getattr(image, "pk", image))
    # Images of restricted collections are left to the requests of those allowed to see them.
    images = outside_restricted_collections(get_image_model().objects.all()).in_bulk(
        {pk for pks in by_name.values() for pk in pks}
    )
    made = 0
    for filter_spec, pks in by_name.items():
        for pk in pks:
            if pk in images:
                try:
                    images[pk].get_rendition(filter_spec)
                    made += 1
                except Exception:  # a missing or damaged file must not stop the other renditions
                    logger.warning("Rendition %s of image %s could not be made", filter_spec, pk, exc_info=True)
    return made


@task()
def create_page_renditions_task(page_id: int) -> int:
    """Make the renditions of every image a published page shows (``rendition_targets()``)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    page = page.specific
    targets = getattr(page, "rendition_targets", None)
    if targets is None or not page.live or page.get_view_restrictions().exists():
        # A private page's pictures are not made public ahead of a reader who may see them.
        return 0
    return create_renditions(targets())


def _enqueue_on_publish(sender, instance, **kwargs) -> None:
    page_id = instance.pk
    transaction.on_commit(lambda: create_page_renditions_task.enqueue(page_id))


def connect_signals() -> None:
    """Enqueue the renditions of a page each time it is published. Called from CoreConfig.ready()."""
    page_published.connect(_enqueue_on_publish, weak=False, dispatch_uid="shiliu_renditions_on_publish")
