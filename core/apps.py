import gettext
import os

from django.apps import AppConfig
from django.conf.locale import LANG_INFO
from django.utils.translation import trans_real

# Locales whose catalogues must be found exactly as named. gettext expands "mn_Mong" to
# ["mn_Mong", "mn"], so every string missing from our traditional-script catalogue would be
# taken from Django's and Wagtail's Cyrillic "mn" catalogues instead.
EXACT_CATALOGUE_LOCALES = frozenset({"mn_Mong"})


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


def exact_catalogue(translation: trans_real.DjangoTranslation, localedir: str, use_null_fallback: bool = True):
    """The catalogue of ``localedir`` for exactly the translation's locale, never a wider one.

    Args:
        translation: the DjangoTranslation being built.
        localedir: a "locale" folder of Django, an app or LOCALE_PATHS.
        use_null_fallback: return an empty catalogue (rather than raise) when there is none.
    Returns:
        A GNUTranslations for <localedir>/<locale>/LC_MESSAGES/<domain>.mo, or NullTranslations.
    """
    locale = trans_real.to_locale(translation.language())
    path = os.path.join(localedir, locale, "LC_MESSAGES", f"{translation.domain}.mo")
    if os.path.exists(path):
        with open(path, "rb") as catalogue:
            return gettext.GNUTranslations(catalogue)
    if use_null_fallback:
        return gettext.NullTranslations()
    raise FileNotFoundError(path)


def stop_cyrillic_fallback() -> None:
    """Build mn-mong translations from mn_Mong catalogues only.

    A string our catalogue lacks then falls back to Chinese, the default language
    (Django's own fallback), and never to Cyrillic Mongolian.
    """
    original = trans_real.DjangoTranslation._new_gnu_trans
    if getattr(original, "exact_for", None):
        return

    def _new_gnu_trans(self, localedir, use_null_fallback=True):
        if trans_real.to_locale(self.language()) in EXACT_CATALOGUE_LOCALES:
            return exact_catalogue(self, localedir, use_null_fallback)
        return original(self, localedir, use_null_fallback)

    _new_gnu_trans.exact_for = EXACT_CATALOGUE_LOCALES
    trans_real.DjangoTranslation._new_gnu_trans = _new_gnu_trans
    trans_real._translations.pop("mn-mong", None)  # drop a catalogue built before ready()


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shiliu core"

    def ready(self) -> None:
        register_mongolian_script()
        stop_cyrillic_fallback()
