"""The images API without the original file's address: clients get renditions, not originals."""

from wagtail.images.api.v2.views import ImagesAPIViewSet


class RenditionImagesAPIViewSet(ImagesAPIViewSet):
    """Wagtail's images endpoint less ``download_url`` (the original, with whatever it holds)."""

    meta_fields = [field for field in ImagesAPIViewSet.meta_fields if field != "download_url"]
    listing_default_fields = [field for field in ImagesAPIViewSet.listing_default_fields if field != "download_url"]
    nested_default_fields = [field for field in ImagesAPIViewSet.nested_default_fields if field != "download_url"]
