"""Wagtail API v2, read-only, for the WeChat mini-program and other clients."""

from wagtail.api.v2.router import WagtailAPIRouter

from albums.api import RenditionImagesAPIViewSet
from materials.api import PublicDocumentsAPIViewSet
from search.api import SearchablePagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
# ?search= on pages and documents is analysed like the search page's query (search.api).
api_router.register_endpoint("pages", SearchablePagesAPIViewSet)
# Images without their originals' address; documents without teacher-only files.
api_router.register_endpoint("images", RenditionImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
