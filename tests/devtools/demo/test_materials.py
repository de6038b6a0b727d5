"""load_demo publishes the materials library and every demo material in Mongolian, through
wagtail-localize, with no Chinese left in what a Mongolian teacher reads."""

import re

import pytest

from django.core.management import call_command
from django.utils.html import strip_tags

from wagtail.models import Locale

from devtools.demo import campaigns, classroom, materials, translations
from materials.models import MaterialIndexPage, MaterialPage

pytestmark = pytest.mark.django_db

HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
CHINESE_PUNCTUATION = re.compile("[，。、；：！？“”]")
MONGOLIAN_SCRIPT = re.compile("[\u1820-\u18af]")


def kept_names() -> set[str]:
    """Chinese personal names the demo keeps in Chinese characters: the entries of its
    Mongolian tables that map a Han text to itself."""
    tables = [translations.MONGOLIAN, campaigns.CAMPAIGN_MONGOLIAN, classroom.CLASSROOM_MONGOLIAN]
    return {key for table in tables for key, value in table.items() if key == value and HAN.search(key)}


def chinese_left(text: str) -> list[str]:
    """The Han runs and Chinese punctuation in ``text`` once the kept names are taken out."""
    for name in kept_names():
        text = text.replace(name, "")
    return HAN.findall(text) + CHINESE_PUNCTUATION.findall(text)


def translatable_texts(page) -> list[str]:
    """What a reader of the page reads that a translator translates."""
    texts = [page.title, page.summary, page.seo_title, page.search_description]
    if isinstance(page, MaterialPage):
        texts.append(strip_tags(page.description))
    else:
        texts.append(page.intro)
    return [text for text in texts if text]


@pytest.fixture
def mongolian(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), open("/dev/null", "w") as quiet:
        call_command("load_demo", "--no-admin", stdout=quiet)
    return Locale.objects.get(language_code="mn-mong")


def test_the_library_and_every_material_are_live_in_mongolian_with_no_chinese_left(mongolian):
    index = MaterialIndexPage.objects.get(locale__language_code="zh-hans", slug="materials")
    sources = [index, *MaterialPage.objects.child_of(index).order_by("pk")]

    assert {page.slug for page in sources[1:]} == {row[0] for row in materials.MATERIALS}
    for source in sources:
        translated = source.get_translation(mongolian).specific
        assert translated.live and not translated.has_unpublished_changes, source
        assert translated.alias_of_id is None, source
        assert translated.slug == source.slug, source
        assert MONGOLIAN_SCRIPT.search(translated.title), source
        for text in translatable_texts(translated):
            assert not chinese_left(text), (source.slug, text)
    assert kept_names(), "the demo keeps some Chinese names (course teachers): the check above may allow them"


def test_a_mongolian_teacher_finds_the_materials_in_mongolian(client, mongolian):
    index = MaterialIndexPage.objects.get(locale=mongolian)
    listing = client.get(index.url).content.decode()

    for material in MaterialPage.objects.child_of(index).live():
        source = material.get_translation(Locale.get_default())
        assert material.title in listing and source.title not in listing, material.slug
    assert "/zh-hans/" not in re.findall(r'<ul class="material-list">.*?</ul>', listing, re.S)[0]

    guide = MaterialPage.objects.get(locale=mongolian, slug="seeds-class-meeting")
    page = client.get(guide.url).content.decode()
    campaign = guide.related_page.get_translation(mongolian)
    [text] = [row[8] for row in materials.MATERIALS if row[0] == guide.slug]
    assert materials.MATERIALS_MONGOLIAN[text] in page
    assert f'href="{campaign.url}">{campaign.title}</a>' in page  # the campaign in Mongolian, not the Chinese one

    reading = MaterialPage.objects.get(locale=mongolian, slug="mongolian-reading")
    [document] = reading.documents()
    assert MONGOLIAN_SCRIPT.search(document.title) and not HAN.search(document.title)  # a Mongolian file
