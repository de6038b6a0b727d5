"""A Mongolian material links its related campaign in Mongolian where the campaign is translated
(wagtail-localize copies the link itself, which points at the Chinese campaign)."""

import pytest

from tests.factories import CampaignIndexPageFactory, CampaignPageFactory
from tests.materials.factories import MaterialIndexPageFactory, material_with_files

pytestmark = pytest.mark.django_db

MONGOLIAN_TITLE = "ᠦᠨᠳᠦᠰᠦᠲᠡᠨ\u202fᠦ ᠡᠪ ᠨᠡᠶᠢᠲᠡ ᠳᠡᠪᠰᠢᠯᠲᠡ\u202fᠶᠢᠨ ᠰᠠᠷ\u180eᠠ"


def translated(page, locale, **fields):
    """The Mongolian copy of ``page``, as wagtail-localize makes it, published."""
    copy = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy


def test_the_related_campaign_is_linked_in_the_readers_language(client, home, locales):
    campaign_index = CampaignIndexPageFactory(parent=home)
    campaign = CampaignPageFactory(parent=campaign_index, title="民族团结进步活动月")
    library = MaterialIndexPageFactory(parent=home)
    material = material_with_files(library, related_page=campaign)
    for page in (home, library):
        translated(page, locales["mn"])
    mongolian_material = translated(material, locales["mn"], title="ᠰᠤᠷᠭᠠᠯᠲᠠ\u202fᠶᠢᠨ ᠮᠠᠲ᠋ᠧᠷᠢᠶᠠᠯ")
    assert mongolian_material.related_page_id == campaign.pk  # the copied link: the Chinese campaign

    before = client.get(mongolian_material.url).content.decode()
    translated(campaign_index, locales["mn"])
    mongolian_campaign = translated(campaign, locales["mn"], title=MONGOLIAN_TITLE)
    after = client.get(mongolian_material.url).content.decode()
    chinese = client.get(material.url).content.decode()

    assert f'href="{campaign.url}">民族团结进步活动月</a>' in before  # no translation yet: the original
    assert f'href="{mongolian_campaign.url}">{MONGOLIAN_TITLE}</a>' in after
    assert "民族团结进步活动月</a>" not in after
    assert f'href="{campaign.url}">民族团结进步活动月</a>' in chinese
