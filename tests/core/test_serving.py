"""What a page reads once per process (core.shared, core.serving) is read again after a change:
the next request sees a new view restriction, site setting or site root, in every language."""

import pytest

from wagtail.models import PageViewRestriction, Site

from core.models import SiteSettings
from tests.factories import HomePageFactory, StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(home):
    index = StoryIndexPageFactory(parent=home)
    return StoryPageFactory(parent=index, slug="shared", title="共享的故事")


def test_a_view_restriction_applies_from_the_next_request(client, story):
    index = story.get_parent()
    assert client.get(story.url).status_code == 200
    assert "共享的故事" in client.get(index.url).content.decode()

    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.PASSWORD, password="石榴")

    restricted = client.get(story.url).content.decode()
    assert 'name="password"' in restricted
    assert "共享的故事" not in client.get("/zh-hans/").content.decode()  # gone from the home page's list too


def test_a_site_setting_shows_from_the_next_request(client, story, home):
    assert "街道办事处" not in client.get(story.url).content.decode()

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name = "石榴街道办事处"
    settings.save()

    assert "石榴街道办事处" in client.get(story.url).content.decode()


def test_a_new_site_root_is_routed_from_the_next_request(client, story, home, locales):
    assert client.get("/zh-hans/").status_code == 200
    other = HomePageFactory(parent=home.get_parent(), title="另一个首页", slug="other-home", locale=locales["zh"])
    StoryIndexPageFactory(parent=other, slug="elsewhere", title="别处的故事")

    site = Site.objects.get(is_default_site=True)
    site.root_page = other
    site.save()

    assert client.get("/zh-hans/elsewhere/").status_code == 200
    assert client.get(story.url).status_code == 404


def test_a_view_restriction_no_generation_announced_applies_within_a_minute(client, story, monkeypatch):
    """A server whose page cache its neighbours do not bump (several machines without
    REDIS_URL) must not show a newly protected page for good: values are kept MAX_AGE at most."""
    from core import shared

    assert client.get(story.url).status_code == 200
    monkeypatch.setattr("core.page_cache._next_generation", lambda: None)  # the change is not heard
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.PASSWORD, password="石榴")
    clock = shared.time.monotonic()
    monkeypatch.setattr(shared.time, "monotonic", lambda: clock + shared.MAX_AGE + 1)

    assert 'name="password"' in client.get(story.url).content.decode()


def test_a_path_of_two_thousand_parts_is_a_404_in_a_few_small_queries(client, story, django_assert_max_num_queries):
    with django_assert_max_num_queries(20) as captured:  # the 404 page itself included
        response = client.get("/zh-hans/" + "a/" * 2000)

    assert response.status_code == 404
    assert max(len(query["sql"]) for query in captured.captured_queries) < 5000
