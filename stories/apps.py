from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Ethnic-unity stories")

    def ready(self) -> None:
        from search.registry import facets
        from stories.facets import PlaceFacet

        facets.register(PlaceFacet())
