"""Admin additions of albums: the "Add photos" view and its button on album pages."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from .models import FestivalAlbumPage
from .views import AddPhotosView


@hooks.register("register_admin_urls")
def register_add_photos_url():
    return [path("albums/<int:page_id>/add-photos/", AddPhotosView.as_view(), name="albums_add_photos")]


class AddPhotosButton(PageMenuItem):
    label = _("Add photos")
    icon_name = "image"
    url_name = "albums_add_photos"

    def is_shown(self, user):
        model = self.page.specific_class
        return bool(model) and issubclass(model, FestivalAlbumPage) and self.page.permissions_for_user(user).can_edit()


@hooks.register("register_page_header_buttons")
def albums_page_header_buttons(page, user, view_name, next_url=None):
    yield AddPhotosButton(page=page, priority=17)


@hooks.register("register_page_listing_more_buttons")
def albums_page_listing_buttons(page, user, next_url=None):
    yield AddPhotosButton(page=page, priority=9)
