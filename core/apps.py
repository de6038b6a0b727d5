from django.apps import AppConfig
from django.conf.locale import LANG_INFO
from django.core import checks

from core.exact_catalogues import check_exact_catalogues, stop_cyrillic_fallback


def register_mongolian_script() -> None:
    """Teach Django the traditional-script Mongolian language tag.

    Django knows only "mn", Cyrillic Mongolian as written in Mongolia. Inner Mongolia
    writes the traditional script, tagged mn-Mong.
    """
    LANG_INFO.setdefault(
        "mn-mong",
        {
            "bidi": False,
            "code": "mn-mong",
            "name": "Mongolian (traditional script)",
            "name_local": "ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ",
        },
    )


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shiliu core"

    def ready(self) -> None:
        from core.indexing import analyse_every_indexed_model

        register_mongolian_script()
        analyse_every_indexed_model()
        from core.search_index import connect as index_by_tasks

        index_by_tasks()  # saves and deletes update the search index from the worker
        stop_cyrillic_fallback()
        checks.register(check_exact_catalogues, checks.Tags.translation)
        from core.page_cache import connect_signals  # models are ready only now
        from core.renditions import connect_signals as connect_rendition_signals

        connect_signals()
        connect_rendition_signals()
