from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from core.indexing import before_analysis
        from search import dictionary, signals

        signals.connect()
        # Index with the editors' words, whoever indexes (a save, update_index, Wagtail's rebuild).
        before_analysis(dictionary.ensure_current)
