"""A site in both languages with stories filed under a place hierarchy, for the content API."""

import datetime
import io

import pytest

from django.core.files.images import ImageFile

from stories.models import Place
from tests.albums.factories import PhotoImageFactory, jpeg_bytes
from tests.factories import EthnicGroupFactory, PlaceFactory, StoryIndexPageFactory, StoryPageFactory, ThemeFactory
from tests.search.conftest import mn_home, publish_translation  # noqa: F401 - fixtures


@pytest.fixture
def index(home):
    return StoryIndexPageFactory(parent=home, title="故事汇", slug="stories")


@pytest.fixture
def mn_index(index, mn_home, locales):  # noqa: F811
    return publish_translation(index, locales["mn"])


@pytest.fixture
def places(locales):
    """自治区 > 盟 > 社区, and a community elsewhere."""
    region = PlaceFactory(name="内蒙古自治区", level=Place.Level.REGION)
    city = PlaceFactory(name="鄂尔多斯市", level=Place.Level.CITY, parent=region)
    community = PlaceFactory(name="阿吉拉沁社区", level=Place.Level.COMMUNITY, parent=city)
    elsewhere = PlaceFactory(name="别处社区", level=Place.Level.COMMUNITY)
    return {"region": region, "city": city, "community": community, "elsewhere": elsewhere}


@pytest.fixture
def stories(index, places):
    """Three live stories: a community's (with image, theme, group, byline), a city's, and one elsewhere."""
    theme = ThemeFactory(slug="gongju", name="共居")
    group = EthnicGroupFactory(code="02", name="蒙古族")
    # A photo as a phone takes it: 2000 x 1500 pixels.
    image = PhotoImageFactory(title="联欢会", file=ImageFile(io.BytesIO(jpeg_bytes((2000, 1500))), name="party.jpg"))
    community = StoryPageFactory(
        parent=index,
        title="阿吉拉沁社区的石榴籽",
        date=datetime.date(2024, 3, 8),
        place=places["community"],
        hero_image=image,
        author="王芳",
        source="阿吉拉沁社区",
        themes=[theme],
        ethnic_groups=[group],
        body=[("paragraph", "<p>各族居民一起包饺子。</p>")],
    )
    city = StoryPageFactory(parent=index, title="鄂尔多斯的故事", date=datetime.date(2025, 5, 13), place=places["city"])
    elsewhere = StoryPageFactory(
        parent=index, title="别处的故事", date=datetime.date(2025, 6, 1), place=places["elsewhere"]
    )
    return {"community": community, "city": city, "elsewhere": elsewhere, "image": image}
