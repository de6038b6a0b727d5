"""Every Mongolian text of the demo is in one script and one spelling: traditional Mongolian
(Unicode block U+1800 to U+18AF), Mongolian punctuation, one name for each institution."""

import re

import polib
import pytest

from django.conf import settings

from devtools.demo import albums, campaigns, classroom, materials, translations

MONGOLIAN = re.compile("[\u1820-\u18af]")
CYRILLIC = re.compile("[\u0400-\u052f]")
PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
# Sentence punctuation of Chinese and ASCII; a Mongolian text uses ᠂ ᠃ ᠄ instead. A point
# between digits (3.5) is a decimal point, not a full stop.
FOREIGN_PUNCTUATION = re.compile(r"[，。、；：！？,;:!?]|(?<![0-9])\.|\.(?![0-9])")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9.+-]*")
CODE_OR_URL = re.compile(r"^(?:https?://\S+|[A-Z0-9][A-Z0-9.+-]*)$")  # RRULE, ICP, GB/T-style codes
# One Mongolian name for each: the demo and the interface catalogue say the same thing.
TERMS = {
    "红石榴课堂": "ᠤᠯᠠᠭᠠᠨ ᠠᠨᠠᠷ\u202fᠤᠨ ᠬᠢᠴᠢᠶᠡᠯ",
    "阿吉拉沁": "ᠠᠵᠢᠯᠴᠢᠨ",
    "那达慕": "ᠨᠠᠭᠠᠳᠤᠮ",
    "石榴籽": "ᠠᠨᠠᠷ\u202fᠤᠨ ᠦᠷ\u180eᠡ",
    "东街街道办事处": "ᠵᠡᠭᠦᠨ ᠭᠤᠳᠤᠮᠵᠢ\u202fᠶᠢᠨ ᠠᠵᠢᠯ ᠬᠡᠷᠡᠭ\u202fᠦᠨ ᠭᠠᠵᠠᠷ",
}
RETIRED_CLASSROOM_NAME = re.compile("ᠠᠨᠠᠷ[\u202f ]ᠤᠨ ᠠᠩᠭᠢ")


def demo_tables() -> dict[str, dict[str, str]]:
    """Every Chinese-to-Mongolian table and Mongolian constant of devtools.demo, by name."""
    tables = {}
    for module in (translations, campaigns, classroom, albums, materials):
        for name, value in vars(module).items():
            if not name.isupper():
                continue
            if isinstance(value, dict) and any(isinstance(v, str) and MONGOLIAN.search(v) for v in value.values()):
                tables[f"{module.__name__}.{name}"] = value
            elif isinstance(value, str) and MONGOLIAN.search(value):
                tables[f"{module.__name__}.{name}"] = {name: value}
    return tables


def demo_texts() -> list[tuple[str, str, str]]:
    """(table, Chinese key, Mongolian text) for every Mongolian text of the demo, sorted: some
    tables are built from sets, and pytest-xdist's workers must collect the same list."""
    return sorted(
        (table, key, text)
        for table, entries in demo_tables().items()
        for key, text in entries.items()
        if isinstance(text, str) and MONGOLIAN.search(text)
    )


def test_the_demo_tables_are_found():
    names = set(demo_tables())

    assert {
        "devtools.demo.translations.MONGOLIAN",
        "devtools.demo.campaigns.CAMPAIGN_MONGOLIAN",
        "devtools.demo.classroom.CLASSROOM_MONGOLIAN",
        "devtools.demo.albums.CAPTIONS",
        "devtools.demo.albums.TEXTS",
        "devtools.demo.materials.MATERIALS_MONGOLIAN",
    } <= names
    assert len(demo_texts()) > 300


def test_every_text_of_the_materials_library_is_among_the_checked_texts():
    checked = {key for table, key, _text in demo_texts() if table == "devtools.demo.materials.MATERIALS_MONGOLIAN"}
    # the library's title and introduction, and each material's title and text (its summary
    # and description); a material without text uses its title for both.
    sources = {materials.LIBRARY_TITLE, materials.LIBRARY_INTRO}
    sources |= {row[1] for row in materials.MATERIALS} | {row[8] for row in materials.MATERIALS if row[8]}

    assert sources <= checked, sources - checked


@pytest.mark.parametrize(("table", "key", "text"), demo_texts(), ids=lambda value: str(value)[:24])
def test_demo_mongolian_is_traditional_script_with_mongolian_punctuation(table, key, text):
    assert not CYRILLIC.search(text), "Cyrillic letters"
    assert not PRIVATE_USE.search(text), "private-use code points (a vendor encoding)"
    assert not FOREIGN_PUNCTUATION.findall(text), "Chinese or ASCII punctuation instead of ᠂ ᠃ ᠄"
    for word in LATIN_WORD.findall(text):
        assert CODE_OR_URL.match(word), f"Latin letters outside a code or URL: {word}"
    assert "+" not in text, "a '+' placeholder for U+202F left in the text"
    assert "  " not in text and text == text.strip(), "stray spaces"


@pytest.mark.parametrize(("chinese", "mongolian"), TERMS.items())
def test_each_institution_has_one_mongolian_name_throughout_the_demo(chinese, mongolian):
    variants = [(table, key, text) for table, key, text in demo_texts() if chinese in key and mongolian not in text]

    assert not variants


def test_the_classroom_is_named_as_in_the_interface():
    catalogue = polib.pofile(str(settings.BASE_DIR / "site/locale/mn_Mong/LC_MESSAGES/django.po"))
    [entry] = [entry for entry in catalogue if entry.msgid == "Red Pomegranate Classroom"]

    assert entry.msgstr == TERMS["红石榴课堂"]
    assert not [entry.msgid for entry in catalogue if RETIRED_CLASSROOM_NAME.search(entry.msgstr)]
    assert not [key for _table, key, text in demo_texts() if RETIRED_CLASSROOM_NAME.search(text)]


def test_every_ethnic_group_has_a_mongolian_name():
    from devtools.demo.taxonomy import ETHNIC_GROUPS

    names = [translations.MONGOLIAN.get(group, "") for group in ETHNIC_GROUPS]

    assert all(MONGOLIAN.search(name) and name.endswith("ᠦᠨᠳᠦᠰᠦᠲᠡᠨ") for name in names)
    assert len(set(names)) == 56
