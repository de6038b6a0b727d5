"""The documents API lists public files only: no teacher-only material shows up in it."""

from search.api import SearchableDocumentsAPIViewSet
from search.services import public_documents


class PublicDocumentsAPIViewSet(SearchableDocumentsAPIViewSet):
    """Documents outside restricted collections (search.services.public_documents, the one rule)."""

    def get_queryset(self):
        return public_documents().order_by("id")
