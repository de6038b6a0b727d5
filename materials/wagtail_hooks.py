"""Admin additions of materials: invite a teacher, the downloads report, and counting single-file downloads."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import access
from .models import MaterialFile
from .views import DownloadsReportView, InviteTeacherView


@hooks.register("register_admin_urls")
def register_materials_urls():
    return [
        path("materials/invite-teacher/", InviteTeacherView.as_view(), name="materials_invite_teacher"),
        path("reports/material-downloads/", DownloadsReportView.as_view(), name="materials_downloads"),
        path(
            "reports/material-downloads/results/",
            DownloadsReportView.as_view(results_only=True),
            name="materials_downloads_results",
        ),
    ]


class EditorMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_editor(request.user)


@hooks.register("register_admin_menu_item")
def register_invite_teacher_menu_item():
    return EditorMenuItem(
        _("Invite a teacher"), reverse("materials_invite_teacher"), name="invite-teacher", icon_name="user", order=650
    )


@hooks.register("register_reports_menu_item")
def register_downloads_menu_item():
    return EditorMenuItem(
        _("Material downloads"),
        reverse("materials_downloads"),
        name="material-downloads",
        icon_name="download",
        order=870,
    )


@hooks.register("before_serve_document")
def count_material_download(document, request):
    """A file of a live material downloaded by someone allowed to: count it for the material, once a day."""
    item = MaterialFile.objects.filter(document=document, page__live=True).select_related("page").order_by("pk").first()
    if item is not None and access.may_download(request.user, item.page):
        item.page.count_download(request)
