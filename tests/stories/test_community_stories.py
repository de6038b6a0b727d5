"""A story published in a community section shows where readers look: the site's story list,
its place filter (the community and every place above it), the feeds, and the menu."""

import feedparser
import pytest

from editorial.sections import create_section, ensure_role_groups
from stories.models import Place, StoryIndexPage
from tests.factories import PlaceFactory, StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(db):
    city = PlaceFactory(name="呼和浩特市", level=Place.Level.CITY)
    district = PlaceFactory(name="回民区", level=Place.Level.COUNTY, parent=city)
    street = PlaceFactory(name="东街街道", level=Place.Level.TOWN, parent=district)
    community = PlaceFactory(name="阿吉拉沁社区", parent=street)
    elsewhere = PlaceFactory(name="包头市", level=Place.Level.CITY)
    return {"city": city, "district": district, "street": street, "community": community, "elsewhere": elsewhere}


@pytest.fixture
def site_list(home):
    return StoryIndexPageFactory(parent=home, title="民族团结故事", slug="stories", show_in_menus=True)


@pytest.fixture
def community(home, site_list):
    """A community section, made as the admin makes one (its groups and review come with it)."""
    ensure_role_groups()
    section = create_section(home, StoryIndexPage(title="阿吉拉沁社区", slug="ajilaqin", locale=home.locale))
    return section.pages().get().specific


@pytest.fixture
def stories(site_list, community, places):
    return {
        "community": StoryPageFactory(
            parent=community, title="阿吉拉沁社区的那达慕", slug="naadam", place=places["community"]
        ),
        "site": StoryPageFactory(parent=site_list, title="包头的石榴籽", slug="baotou", place=places["elsewhere"]),
        "draft": StoryPageFactory(parent=community, title="还在审核的稿件", slug="draft", live=False),
    }


def test_the_site_story_list_shows_community_stories(client, site_list, stories):
    assert site_list.lists_whole_site
    html = client.get(site_list.url).content.decode()
    assert "阿吉拉沁社区的那达慕" in html and "包头的石榴籽" in html
    assert "还在审核的稿件" not in html
    assert 'href="/zh-hans/ajilaqin/naadam/"' in html


def test_a_community_section_lists_its_own_stories_only(client, community, stories):
    assert not community.lists_whole_site
    html = client.get(community.url).content.decode()
    assert "阿吉拉沁社区的那达慕" in html and "包头的石榴籽" not in html


@pytest.mark.parametrize("level", ["community", "street", "district", "city"])
def test_the_place_filter_finds_a_community_story_under_its_place_and_every_place_above(
    client, site_list, stories, places, level
):
    html = client.get(site_list.url, {"place": places[level].pk}).content.decode()
    assert "阿吉拉沁社区的那达慕" in html
    assert "包头的石榴籽" not in html


def test_the_site_feeds_carry_community_stories(client, site_list, stories):
    for feed in ("feed/rss/", "feed/atom/"):
        parsed = feedparser.parse(client.get(site_list.url + feed).content)
        titles = [entry.title for entry in parsed.entries]
        assert "阿吉拉沁社区的那达慕" in titles and "包头的石榴籽" in titles
        assert "还在审核的稿件" not in titles
        assert any(entry.link.endswith("/zh-hans/ajilaqin/naadam/") for entry in parsed.entries)
    community_feed = feedparser.parse(client.get("/zh-hans/ajilaqin/feed/rss/").content)
    assert [entry.title for entry in community_feed.entries] == ["阿吉拉沁社区的那达慕"]


def test_the_menu_reaches_community_sections(client, home, site_list, community, stories):
    assert not community.show_in_menus  # nobody ticked "show in menus" for it
    for url in (home.url, site_list.url, stories["community"].url):
        html = client.get(url).content.decode()
        nav = html[html.index('class="site-nav"') :]
        nav = nav[: nav.index("</nav>")]
        assert 'href="/zh-hans/ajilaqin/"' in nav and "阿吉拉沁社区" in nav
        assert 'href="/zh-hans/stories/"' in nav
