"""Wagtail API v2, read-only, for the WeChat mini-program and other clients."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.images.api.v2.views import ImagesAPIViewSet

from search.api import SearchableDocumentsAPIViewSet, SearchablePagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
# ?search= on pages and documents is analysed like the search page's query (search.api).
api_router.register_endpoint("pages", SearchablePagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", SearchableDocumentsAPIViewSet)
