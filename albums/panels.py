"""An inline panel of photos that loads their images and admin thumbnails in two queries, not two per photo."""

from wagtail.admin.panels import InlinePanel
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser


class PrefetchedImageChooser(AdminImageChooser):
    """The image chooser, taking its image from ``prefetched`` (images by id) when it is there."""

    prefetched: dict = {}

    def get_instance(self, value):
        if isinstance(value, int) and value in self.prefetched:
            return self.prefetched[value]
        return super().get_instance(value)


class PhotosInlinePanel(InlinePanel):
    """InlinePanel for album photos: a 300-photo album's edit page stays quick (tests/albums/test_admin.py).

    The image chooser of each photo would fetch its image and its thumbnail one by one; the
    images are fetched together with their renditions, and each chooser is handed its image.
    """

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.form is None:
                return
            forms = self.formset.forms
            ids = [form.initial.get("image") for form in forms if isinstance(form.initial.get("image"), int)]
            if not ids:
                return
            images = get_image_model().objects.prefetch_related("renditions").in_bulk(ids)
            for form in forms:
                field = form.fields.get("image")
                if field is not None and isinstance(field.widget, AdminImageChooser):
                    widget = PrefetchedImageChooser(attrs=field.widget.attrs)
                    widget.prefetched = images
                    field.widget = widget
