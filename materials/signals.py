"""Materials are found by the words inside their files: index them again once a file's text is read."""

from wagtail.search import index

from .models import MaterialPage


def reindex_materials_using(sender, document, **kwargs) -> int:
    """core.documents.text_stored receiver: re-index the material pages that hold ``document``.

    Returns how many pages were indexed (the text is read after the page was first indexed).
    """
    pages = list(MaterialPage.objects.filter(files__document_id=document.pk).distinct())
    for page in pages:
        index.insert_or_update_object(page)
    return len(pages)
