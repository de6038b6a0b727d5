"""Renditions are made when a page is published, never while a reader waits.

The sizes templates show images at are named here, once: templates ask for them by name
(``{% rendition page.hero_image "hero" %}``, core.templatetags.shiliu), and publishing a page
enqueues :func:`create_page_renditions_task`, which makes the same renditions of every image the
page shows (``BasePage.rendition_targets``), and the API's phone sizes (:data:`PHONE_RENDITIONS`)
of each and of every other image Wagtail's reference index records for the page (the API lists
them all). A request then finds each rendition already made (in Wagtail's rendition cache, or in
one query) and creates none.

A name's spec may hold alternatives in Wagtail's brace syntax (``format-{avif,webp}``): the
template tag then renders Wagtail's ``{% picture %}``, one ``<source>`` per format, and
publishing makes every combination (:func:`filter_specs`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from django_tasks import task

from django.db import transaction

from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page
from wagtail.signals import page_published

from core.collections import outside_restricted_collections
from core.references import referred_ids

logger = logging.getLogger(__name__)

#: Name -> Wagtail filter spec, for every size a template shows an image at.
RENDITIONS = {
    "hero": "width-1200",  # a page's main image (stories, courses, events)
    "banner": "fill-1600x700",  # the home page's wide image
    "share": "fill-1200x630",  # the sharing card (og:image) of every page
    "card": "fill-640x400",  # a page's image on a card in a listing
    "body": "width-1200",  # a photo in a body (components/blocks)
    "album-card": "format-{avif,webp,jpeg} fill-{640x400,960x600}",  # an album's cover on its card
    "photo-thumbnail": "format-{avif,webp,jpeg} fill-{320x320,640x640}",  # a photo in an album's grid
    "photo-large": "width-1600 format-webp",  # the lightbox's photo (albums.js)
    "photo": "format-{avif,webp,jpeg} width-{800,1600}",  # a photo on its own page
}

#: Renditions of every image the API gives, by the API's names: Wagtail filter specs sized for
#: phones (a 750 px wide WeChat screen at 2x; a list thumbnail; a full-width picture).
PHONE_RENDITIONS: dict[str, str] = {
    "thumbnail": "fill-360x240",
    "phone": "max-750x1334",
    "phone_2x": "max-1500x2668",
}


def spec(name: str) -> str:
    """The filter spec of a named rendition; KeyError names the unknown name."""
    try:
        return RENDITIONS[name]
    except KeyError:
        raise KeyError(f"No rendition named {name!r}; core.renditions.RENDITIONS has {sorted(RENDITIONS)}") from None


def is_picture(name: str) -> bool:
    """Whether the named spec has alternatives (``{a,b}``), so is shown with ``<picture>``."""
    return "{" in spec(name)


def filter_specs(name: str) -> list[str]:
    """Every filter spec the named rendition stands for, as Wagtail's ``{% picture %}`` asks for
    them (``"format-avif|fill-640x400"``, ...); one for a name without alternatives."""
    return Filter.expand_spec(spec(name))


#: Top-level StreamField blocks that show an image at the "body" size, and the key of their image.
BODY_IMAGE_BLOCKS = {"image": "image", "video": "poster"}


def stream_images(stream) -> Iterator[int]:
    """Ids of the images a StreamField's top-level blocks show (BODY_IMAGE_BLOCKS), from its raw data."""
    for block in stream.raw_data:
        value = block.get("value")
        key = BODY_IMAGE_BLOCKS.get(block.get("type"))
        if key and isinstance(value, dict) and value.get(key):
            yield value[key]


def create_renditions(targets: Iterable[tuple[object, str | None]]) -> int:
    """Make the renditions ``targets`` name: ``(image or image id, rendition name)`` pairs, and
    the API's (:data:`PHONE_RENDITIONS`) of each image (only those when the name is None).

    Returns:
        How many renditions exist afterwards of those asked for (existing ones are found, not
        made again); a failure is logged, never raised.
    """
    specs_by_image: dict[int, dict[str, None]] = {}
    for image, name in targets:
        if image:
            specs = specs_by_image.setdefault(getattr(image, "pk", image), dict.fromkeys(PHONE_RENDITIONS.values()))
            if name:
                specs.update(dict.fromkeys(filter_specs(name)))
    # Images of restricted collections are left to the requests of those allowed to see them.
    images = outside_restricted_collections(get_image_model().objects.all()).in_bulk(specs_by_image)
    made = 0
    for pk, specs in specs_by_image.items():
        if pk not in images:
            continue
        try:
            made += len(images[pk].get_renditions(*specs))
        except Exception:
            # One spec that fails (a damaged file, a format the server cannot encode) must cost
            # neither this image's other sizes nor the other images': each is tried alone.
            made += _each_alone(images[pk], specs)
    return made


def _each_alone(image, specs) -> int:
    """Make ``image``'s renditions one spec at a time, logging those that fail; how many were made."""
    made = 0
    for filter_spec in specs:
        try:
            image.get_rendition(filter_spec)
            made += 1
        except Exception:
            logger.warning("Rendition %s of image %s could not be made", filter_spec, image.pk, exc_info=True)
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
    # Every image the page refers to is in the API's images endpoint (core.api.public_images):
    # its phone sizes too, whatever field or block holds it.
    referred = referred_ids(get_image_model(), [str(page.pk)])
    return create_renditions([*targets(), *((image_id, None) for image_id in referred)])


def _enqueue_on_publish(sender, instance, **kwargs) -> None:
    page_id = instance.pk
    transaction.on_commit(lambda: create_page_renditions_task.enqueue(page_id))


def connect_signals() -> None:
    """Enqueue the renditions of a page each time it is published. Called from CoreConfig.ready()."""
    page_published.connect(_enqueue_on_publish, weak=False, dispatch_uid="shiliu_renditions_on_publish")
