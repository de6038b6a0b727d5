"""Admin view: add a folder of photos to an album in one go."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.images import get_image_model
from wagtail.models import Collection

from .forms import AddPhotosForm
from .models import AlbumPhoto, FestivalAlbumPage


def add_photos(album: FestivalAlbumPage, uploads, *, user=None, photographer: str = "") -> list[AlbumPhoto]:
    """Create an image for each upload and add them, in upload order, at the end of ``album``'s draft.

    Args:
        album: the album page (its latest revision is the one extended).
        uploads: validated image files (AddPhotosForm's ``photos``).
        user: who uploaded them, recorded on the images and the revision.
        photographer: the credit every new photo gets.
    Returns:
        The new album photos. All are created, or none (one transaction).
    """
    image_model = get_image_model()
    collection = Collection.get_first_root_node()
    draft = album.get_latest_revision_as_object()
    existing = list(draft.photos.all())
    next_position = max((photo.sort_order or 0 for photo in existing), default=-1) + 1
    with transaction.atomic():
        new_photos = []
        for position, upload in enumerate(sorted(uploads, key=lambda upload: upload.name), start=next_position):
            image = image_model(title=upload.name.rsplit(".", 1)[0][:255], file=upload, collection=collection)
            image.uploaded_by_user = user
            image._set_image_file_metadata()
            image.save()
            new_photos.append(
                AlbumPhoto(image=image, photographer=photographer, locale_id=album.locale_id, sort_order=position)
            )
        draft.photos.add(*new_photos)
        draft.save_revision(user=user, log_action=True)
    return new_photos


class AddPhotosView(WagtailAdminTemplateMixin, FormView):
    """Upload many photos at once; they are added to the end of the album's draft, to order and caption."""

    form_class = AddPhotosForm
    template_name = "albums/admin/add_photos.html"
    page_title = _("Add photos")
    header_icon = "image"

    def dispatch(self, request, page_id: int, *args, **kwargs):
        self.album = get_object_or_404(FestivalAlbumPage, pk=page_id)
        if not self.album.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.album.get_admin_display_title()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            album=self.album,
            action_url=reverse("albums_add_photos", args=[self.album.pk]),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.album.pk]),
            submit_button_label=_("Add photos"),
            submit_button_active_label=_("Uploading…"),
        )
        return context

    def form_valid(self, form):
        photos = add_photos(
            self.album,
            form.cleaned_data["photos"],
            user=self.request.user,
            photographer=form.cleaned_data["photographer"],
        )
        messages.success(
            self.request,
            ngettext(
                "%(count)d photo added to the draft; caption, order and publish it.",
                "%(count)d photos added to the draft; caption, order and publish them.",
                len(photos),
            )
            % {"count": len(photos)},
        )
        return redirect("wagtailadmin_pages:edit", self.album.pk)
