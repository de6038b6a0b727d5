from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "materials"
    verbose_name = _("Materials for schools")

    def ready(self) -> None:
        from core.documents import text_stored
        from materials.signals import reindex_materials_using

        text_stored.connect(reindex_materials_using, dispatch_uid="materials-reindex-on-document-text")
