"""What pages refer to, read from Wagtail's reference index."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from wagtail.models import Page, ReferenceIndex

from core.params import parse_positive_int


def referred_ids(model: type, page_keys: Iterable[str] | QuerySet) -> set[int]:
    """Ids of the ``model`` objects the pages ``page_keys`` refer to, as those pages were saved.

    Args:
        model: the model referred to (an image, a document, ...).
        page_keys: page ids as strings, the reference index's ``object_id``: a list, or a
            queryset of one such column.
    Returns:
        The ids, whatever field, block or child object (an album's photos) holds the reference.
    """
    used = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(model),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=page_keys,
    ).values_list("to_object_id", flat=True)
    return {number for number in (parse_positive_int(value) for value in used) if number}
