from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlbumsConfig(AppConfig):
    name = "albums"
    verbose_name = _("Festival albums")
