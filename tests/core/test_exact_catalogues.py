"""The Cyrillic-fallback guard: a system check that fails loudly if Django changes under it."""

import pytest

from django.core.management import call_command
from django.utils.translation import trans_real

from core.exact_catalogues import REPLACED_METHOD, check_exact_catalogues

METHOD = getattr(trans_real.DjangoTranslation, REPLACED_METHOD)


def ids(messages) -> list[str]:
    return [message.id for message in messages]


def test_the_check_passes_with_this_django():
    assert check_exact_catalogues() == []
    call_command("check", tags=["translation"])  # registered: raises SystemCheckError on errors


def test_a_method_django_removed_is_reported(monkeypatch):
    monkeypatch.delattr(trans_real.DjangoTranslation, REPLACED_METHOD)

    assert ids(check_exact_catalogues()) == ["shiliu.E001"]


def test_an_unreplaced_method_is_reported(monkeypatch):
    monkeypatch.setattr(trans_real.DjangoTranslation, REPLACED_METHOD, METHOD.replaced)

    assert ids(check_exact_catalogues()) == ["shiliu.E002"]


def test_a_changed_signature_is_reported(monkeypatch):
    def new_signature(self, localedir, use_null_fallback=True, languages=None):
        return METHOD.replaced(self, localedir, use_null_fallback)

    def replacement(self, localedir, use_null_fallback=True):
        return new_signature(self, localedir, use_null_fallback)

    replacement.replaced = new_signature
    monkeypatch.setattr(trans_real.DjangoTranslation, REPLACED_METHOD, replacement)

    assert ids(check_exact_catalogues()) == ["shiliu.E003"]


def test_cyrillic_reaching_mongolian_is_reported(monkeypatch):
    # As if Django stopped loading catalogues through the replaced method: the wide lookup wins.
    def bypassed(self, localedir, use_null_fallback=True):
        return METHOD.replaced(self, localedir, use_null_fallback)

    bypassed.replaced = METHOD.replaced
    monkeypatch.setattr(trans_real.DjangoTranslation, REPLACED_METHOD, bypassed)

    assert ids(check_exact_catalogues()) == ["shiliu.E004"]


@pytest.mark.parametrize("text", ["Monday", "Enter a valid email address.", "Log in", "Choose"])
def test_mongolian_strings_never_come_from_the_cyrillic_catalogue(text):
    translated = trans_real.DjangoTranslation("mn-mong").gettext(text)

    assert not any("\u0400" <= ch <= "\u04ff" for ch in translated)
