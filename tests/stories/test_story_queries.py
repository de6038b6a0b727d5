"""A story page runs at most 12 SQL queries cold, in Chinese and in Mongolian, and the same number
whatever it is filed under (themes, ethnic groups, a place five levels deep), however many photos
its body holds and however many related stories it has.

"Cold" is a request rendered anew with the page cache off, after the process has read what it
keeps per process (core.shared: locales, sites, view restrictions, site settings) and made the
renditions: the first request of each page warms those, the second is counted.
"""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale

from devtools.benchmarks.targets import COLD_STORY_QUERIES
from stories.models import Place
from tests.albums.factories import PhotoImageFactory
from tests.factories import EthnicGroupFactory, PlaceFactory, StoryIndexPageFactory, StoryPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db

LEVELS = [Place.Level.REGION, Place.Level.CITY, Place.Level.COUNTY, Place.Level.TOWN, Place.Level.COMMUNITY]


def mongolian(instance, **fields):
    """A published (page) or saved (snippet) Mongolian copy of ``instance`` with ``fields`` set."""
    copy = instance.copy_for_translation(Locale.objects.get(language_code="mn-mong"))
    for name, value in fields.items():
        setattr(copy, name, value)
    if hasattr(copy, "save_revision"):
        copy.save_revision().publish()
    else:
        copy.save()
    return copy


def snippets(factory, count: int, prefix: str) -> list:
    """``count`` Chinese snippets, each with a Mongolian translation named ``ᠮ`` + its name."""
    made = [factory(name=f"{prefix}{n}") for n in range(count)]
    for instance in made:
        mongolian(instance, name=f"ᠮ{instance.name}")
    return made


def place_chain(levels: int, prefix: str) -> Place:
    """A place ``levels`` deep (region down), every level translated into Mongolian; the lowest."""
    parent = None
    for level in LEVELS[:levels]:
        parent = PlaceFactory(name=f"{prefix}{level}", level=level, parent=parent)
        mongolian(parent, name=f"ᠮ{parent.name}")
    return parent


def body_photos(count: int) -> list:
    return [
        ("image", {"image": PhotoImageFactory(), "alt_text": "合影", "caption": f"题注{n}", "credit": ""})
        for n in range(count)
    ]


def story(index, *, slug, themes, groups, place, photos, related):
    """A story with a main image and ``photos`` photos in its body, and ``related`` stories of the
    same place and themes; each is published in Chinese and translated into Mongolian."""
    made = StoryPageFactory(
        parent=index,
        slug=slug,
        place=place,
        hero_image=PhotoImageFactory(),
        body=body_photos(photos),
        themes=themes,
        ethnic_groups=groups,
    )
    for n in range(related):
        StoryPageFactory(
            parent=index, slug=f"{slug}-related-{n}", place=place, hero_image=PhotoImageFactory(), themes=themes[:1]
        )
    return made


@pytest.fixture
def indexes(home):
    mongolian(home, title="ᠨᠢᠭᠤᠷ")
    index = StoryIndexPageFactory(parent=home)
    mongolian(index, title="ᠦᠯᠢᠭᠡᠷ")
    return index


def translate_stories(index) -> None:
    for page in index.get_children().specific():
        translated = mongolian(page, title=f"ᠮ{page.title}")
        translated.themes.set(page.themes.all())
        translated.ethnic_groups.set(page.ethnic_groups.all())
        translated.save_revision().publish()


def cold(client, url: str):
    client.get(url)  # the process's shared values and the renditions, as on a running server
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), queries


def listed(queries) -> str:
    return "\n".join(f"{n}. {query['sql'][:200]}" for n, query in enumerate(queries.captured_queries, 1))


@pytest.mark.parametrize("language", ["zh-hans", "mn-mong"])
def test_story_page_runs_at_most_12_queries_whatever_it_is_filed_under(client, indexes, language):
    few = story(
        indexes,
        slug="few",
        themes=snippets(ThemeFactory, 1, "少主题"),
        groups=snippets(EthnicGroupFactory, 1, "少民族"),
        place=place_chain(1, "少"),
        photos=1,
        related=1,
    )
    many = story(
        indexes,
        slug="many",
        themes=snippets(ThemeFactory, 6, "多主题"),
        groups=snippets(EthnicGroupFactory, 5, "多民族"),
        place=place_chain(5, "多"),
        photos=4,
        related=5,
    )
    translate_stories(indexes)

    few_html, few_queries = cold(client, f"/{language}/stories/{few.slug}/")
    many_html, many_queries = cold(client, f"/{language}/stories/{many.slug}/")

    mark = "ᠮ" if language == "mn-mong" else ""
    # What the counted request rendered: every theme, group and level of the place in the
    # page's language, the body's photos and the related stories.
    assert all(f">{mark}多主题{n}<" in many_html for n in range(6))
    assert all(f">{mark}多民族{n}<" in many_html for n in range(5))
    assert " · ".join(f"{mark}多{level}" for level in LEVELS) in many_html
    assert all(f"题注{n}" in many_html for n in range(4))
    assert many_html.count('class="card"') == 3
    assert len(many_queries) <= COLD_STORY_QUERIES, listed(many_queries)
    assert len(many_queries) == len(few_queries), f"few:\n{listed(few_queries)}\nmany:\n{listed(many_queries)}"
    assert f">{mark}少主题0<" in few_html
