"""Admin additions of core: the translation status report for translators and editors, and the
runner of widget initialisers that the admin's Content-Security-Policy keeps out of inline scripts."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.page_cache import mark_page
from core.views import TranslationStatusView


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [path("reports/translation-status/", TranslationStatusView.as_view(), name="shiliu_translation_status")]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return MenuItem(
        _("Translation status"),
        reverse("shiliu_translation_status"),
        name="translation-status",
        icon_name="site",
        order=9100,
    )


@hooks.register("before_serve_page")
def mark_page_for_cache(page, request, serve_args, serve_kwargs):
    """Let the page cache know this response is a Wagtail page (core.page_cache)."""
    mark_page(request, page)
