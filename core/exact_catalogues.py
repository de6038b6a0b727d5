"""Keep Cyrillic Mongolian out of traditional-script pages: mn-Mong catalogues are looked up exactly.

gettext expands the locale "mn_Mong" to ["mn_Mong", "mn"], so every string our catalogue lacks
would be taken from Django's and Wagtail's Cyrillic "mn" catalogues. Django has no setting for
this, so :func:`stop_cyrillic_fallback` replaces ``DjangoTranslation._new_gnu_trans``, a private
method; :func:`check_exact_catalogues` is a system check that fails loudly when a Django
upgrade changes what it replaces, instead of letting Cyrillic reach readers.
"""

from __future__ import annotations

import gettext
import inspect
import os
import re

from django.core import checks
from django.utils.translation import trans_real

#: Locales whose catalogues must be found exactly as named.
EXACT_CATALOGUE_LOCALES = frozenset({"mn_Mong"})
#: The private method replaced, and the parameters it must take for the replacement to fit.
REPLACED_METHOD = "_new_gnu_trans"
EXPECTED_PARAMETERS = ("self", "localedir", "use_null_fallback")
#: A Django string that Django's "mn" catalogue translates and ours does not.
PROBE = "Enter a valid email address."
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def exact_catalogue(translation: trans_real.DjangoTranslation, localedir: str, use_null_fallback: bool = True):
    """The catalogue of ``localedir`` for exactly the translation's locale, never a wider one.

    Args:
        translation: the DjangoTranslation being built.
        localedir: a "locale" folder of Django, an app or LOCALE_PATHS.
        use_null_fallback: return an empty catalogue (rather than raise) when there is none.
    Returns:
        A GNUTranslations for <localedir>/<locale>/LC_MESSAGES/<domain>.mo, or NullTranslations.
    Raises:
        FileNotFoundError: there is no such catalogue and ``use_null_fallback`` is false.
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
    """Build mn-mong translations from mn_Mong catalogues only; safe to call twice.

    A string our catalogue lacks then falls back to Chinese, the default language (Django's
    own fallback), and never to Cyrillic Mongolian.
    """
    original = getattr(trans_real.DjangoTranslation, REPLACED_METHOD, None)
    if original is None or getattr(original, "exact_for", None):
        return  # missing: check_exact_catalogues reports it; already replaced: nothing to do

    def _new_gnu_trans(self, localedir, use_null_fallback=True):
        if trans_real.to_locale(self.language()) in EXACT_CATALOGUE_LOCALES:
            return exact_catalogue(self, localedir, use_null_fallback)
        return original(self, localedir, use_null_fallback)

    _new_gnu_trans.exact_for = EXACT_CATALOGUE_LOCALES
    _new_gnu_trans.replaced = original
    setattr(trans_real.DjangoTranslation, REPLACED_METHOD, _new_gnu_trans)
    trans_real._translations.pop("mn-mong", None)  # drop a catalogue built before ready()


def check_exact_catalogues(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """System check: the replacement is in place, fits Django's method, and works (shiliu.E001-E004)."""
    method = getattr(trans_real.DjangoTranslation, REPLACED_METHOD, None)
    if method is None:
        return [
            checks.Error(
                f"django.utils.translation.trans_real.DjangoTranslation.{REPLACED_METHOD} no longer exists.",
                hint="Django changed how it loads catalogues: rewrite core.exact_catalogues for this version.",
                id="shiliu.E001",
            )
        ]
    replaced = getattr(method, "replaced", None)
    if replaced is None:
        return [
            checks.Error(
                f"DjangoTranslation.{REPLACED_METHOD} is not replaced, so mn-Mong pages may show Cyrillic.",
                hint="core.apps.CoreConfig.ready() must call core.exact_catalogues.stop_cyrillic_fallback().",
                id="shiliu.E002",
            )
        ]
    parameters = tuple(inspect.signature(replaced).parameters)
    if parameters != EXPECTED_PARAMETERS:
        return [
            checks.Error(
                f"DjangoTranslation.{REPLACED_METHOD} takes {parameters}, not {EXPECTED_PARAMETERS}.",
                hint="Django changed the method core.exact_catalogues replaces: review the replacement.",
                id="shiliu.E003",
            )
        ]
    # Django still builds catalogues through the method: a string only Django's catalogues hold
    # (ours leaves it out) must not come out Cyrillic.
    probe = trans_real.DjangoTranslation("mn-mong").gettext(PROBE)
    if _CYRILLIC.search(probe):
        return [
            checks.Error(
                f"mn-Mong translations still take Cyrillic strings from Django's 'mn' catalogue ({probe!r}).",
                hint="Django no longer loads catalogues through the replaced method: review core.exact_catalogues.",
                id="shiliu.E004",
            )
        ]
    return []
