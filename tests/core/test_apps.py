"""mn-Mong is traditional-script Mongolian: no Cyrillic from Django's or Wagtail's "mn"."""

import re
from pathlib import Path

import polib
import pytest

from django.conf import settings
from django.utils import translation
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import trans_real

from stories.models import EthnicGroup, Place, Theme
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)

CYRILLIC = re.compile("[\u0400-\u04ff]")
MONGOLIAN = re.compile("[\u1800-\u18af]")
LOCALE = Path(settings.BASE_DIR) / "site" / "locale"


def test_mongolian_language_info_is_registered_with_its_own_name():
    info = translation.get_language_info("mn-mong")

    assert info["name_local"] == "ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ"
    assert info["bidi"] is False


def test_django_and_wagtail_strings_never_come_from_the_cyrillic_catalogue():
    with translation.override("mn-mong"):
        texts = [
            *map(str, MONTHS.values()),
            *map(str, WEEKDAYS.values()),
            translation.gettext("This field is required."),
            translation.gettext("Password required"),
            translation.gettext("Choose"),  # Wagtail's admin: not in our catalogue, falls back to Chinese
            translation.gettext("Log in"),
        ]

    assert not [text for text in texts if CYRILLIC.search(text)]
    with translation.override("mn-mong"):
        assert translation.gettext("Monday") == "ᠭᠠᠷᠠᠭ\u202fᠤᠨ ᠨᠢᠭᠡᠨ"
        assert str(MONTHS[5]) == "ᠲᠠᠪᠤᠨ ᠰᠠᠷ\u180eᠠ"


def test_cyrillic_mongolian_still_works_for_whoever_asks_for_mn():
    """Only mn-Mong is cut off from the "mn" catalogues; Django's mn is untouched."""
    catalogue = trans_real.DjangoTranslation("mn")

    assert CYRILLIC.search(catalogue.gettext("This field is required."))


@pytest.mark.parametrize("language", ["mn_Mong", "zh_Hans"])
def test_every_interface_string_is_translated_and_compiled(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))

    assert po.percent_translated() == 100
    assert not po.fuzzy_entries()
    assert {(e.msgctxt, e.msgid) for e in po.translated_entries()} == {(e.msgctxt, e.msgid) for e in mo if e.msgid}


def test_mongolian_interface_strings_are_in_traditional_script():
    po = polib.pofile(str(LOCALE / "mn_Mong" / "LC_MESSAGES" / "django.po"))

    for entry in po:
        text = entry.msgstr or " ".join(entry.msgstr_plural.values())
        assert MONGOLIAN.search(text), entry.msgid
        assert not CYRILLIC.search(text), entry.msgid
        assert "\u0020\u1824\u1828 " not in text  # a case suffix after a plain space: U+202F belongs there


@pytest.mark.django_db
def test_every_public_page_type_in_mongolian_has_no_cyrillic(client, home, locales):
    index = StoryIndexPageFactory(parent=home)
    place = Place.objects.create(name="阿吉拉沁社区", level=Place.Level.COMMUNITY, locale=locales["zh"])
    theme = Theme.objects.create(slug="gongju", name="共居", locale=locales["zh"])
    group = EthnicGroup.objects.create(code="02", name="蒙古族", locale=locales["zh"])
    story = StoryPageFactory(parent=index, slug="story", place=place, themes=[theme], ethnic_groups=[group])
    campaigns = CampaignIndexPageFactory(parent=home)
    CampaignPageFactory(parent=campaigns, slug="unity-month")
    theme.copy_for_translation(locales["mn"]).save()
    translated = story.copy_for_translation(locales["mn"], copy_parents=True)
    translated.title = "ᠦᠯᠢᠭᠡᠷ"
    translated.slug = "translated"
    translated.save_revision().publish()
    urls = [
        "/mn-mong/",
        "/mn-mong/stories/",
        "/mn-mong/stories/?theme=nonsense&year=abc&place=999999",
        "/mn-mong/stories/?page=999",
        f"/mn-mong/stories/{story.slug}/",
        "/mn-mong/stories/translated/",
        "/mn-mong/stories/feed/rss/",
        "/mn-mong/stories/feed/atom/",
        "/mn-mong/campaigns/",
        "/mn-mong/campaigns/unity-month/",
        "/mn-mong/no-such-page/",
    ]

    for url in urls:
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        assert not CYRILLIC.findall(response.content.decode()), url
