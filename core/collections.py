"""Which collections hold files the public may not see.

Wagtail's collection privacy (``CollectionViewRestriction``: a password, logged-in users or
chosen groups) also covers the collections below the restricted one. Everything that lists
images or documents to the public (search, the API) asks here, so one rule decides it.
"""

from django.db.models import QuerySet

from wagtail.models import CollectionViewRestriction


def restricted_collection_ids() -> set[int]:
    """Ids of the collections under a view restriction (teacher-only files), with their descendants.

    Returns:
        A set of ``Collection`` primary keys; empty when nothing is restricted. One query per
        restriction (treebeard's descendants), restrictions being a handful per site.
    """
    ids: set[int] = set()
    for restriction in CollectionViewRestriction.objects.select_related("collection"):
        ids.update(restriction.collection.get_descendants(inclusive=True).values_list("pk", flat=True))
    return ids


def outside_restricted_collections(objects: QuerySet) -> QuerySet:
    """``objects`` (images or documents, any model with a ``collection``) minus the restricted ones."""
    restricted = restricted_collection_ids()
    return objects.exclude(collection__in=restricted) if restricted else objects
