"""Materials are found by the words inside their files: index them again once a file's text is read."""

from core.search_index import enqueue_update

from .models import MaterialPage


def reindex_materials_using(sender, document, **kwargs) -> int:
    """core.documents.text_stored receiver: re-index the material pages that hold ``document``.

    Returns how many pages were queued for indexing (the text is read after the page was first indexed).
    """
    pages = list(MaterialPage.objects.filter(files__document_id=document.pk).distinct())
    for page in pages:
        enqueue_update(page)
    return len(pages)
