"""The anonymous page cache: what readers see after each kind of change, and what editors see."""

import pytest

from django.middleware.csrf import get_token

from wagtail import hooks
from wagtail.models import Page, PageViewRestriction

from tests.factories import StoryIndexPageFactory, StoryPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def index(home):
    return StoryIndexPageFactory(parent=home)


@pytest.fixture
def story(index):
    return StoryPageFactory(parent=index, title="红石榴驿站开在家门口", slug="station")


def cached_twice(client, url):
    """Request ``url`` twice; the second answer must come from the cache."""
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == 200, url
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    return second


def test_anonymous_page_is_cached_with_cdn_headers_and_no_vary_cookie(client, story):
    response = cached_twice(client, story.url)

    assert "红石榴驿站开在家门口" in response.content.decode()
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "max-age=60" in cache_control and "s-maxage=600" in cache_control
    assert f"page-{story.pk}" in response["Surrogate-Key"].split()
    assert "pages" in response["Surrogate-Key"].split()
    assert f"page-{story.pk}" in response["Cache-Tag"].split(",")
    assert "cookie" not in response.get("Vary", "").lower()
    assert not response.cookies


def test_published_change_is_visible_on_the_next_anonymous_request(client, story):
    cached_twice(client, story.url)
    index_url = story.get_parent().url
    cached_twice(client, index_url)

    story.title = "驿站的新故事"
    story.save_revision().publish()

    response = client.get(story.url)
    assert response["X-Page-Cache"] == "miss"
    assert "驿站的新故事" in response.content.decode()
    assert "驿站的新故事" in client.get(index_url).content.decode(), "listings showing the page are refreshed too"


def test_unpublished_page_is_gone_on_the_next_request(client, story):
    cached_twice(client, story.url)

    story.unpublish()

    assert client.get(story.url).status_code == 404


def test_deleted_page_is_gone_on_the_next_request(client, story):
    url = story.url
    cached_twice(client, url)

    story.delete()

    assert client.get(url).status_code == 404


def test_moved_page_leaves_its_old_address_and_appears_at_the_new_one(client, home, story):
    old_url = story.url
    cached_twice(client, old_url)
    other_index = StoryIndexPageFactory(parent=home, title="社区故事", slug="community")

    story.move(other_index, pos="last-child")
    story.refresh_from_db()

    assert story.url != old_url
    old = client.get(old_url)
    assert old.status_code == 301 and old["Location"] == story.url, "the redirect Wagtail made, not the cached page"
    assert "红石榴驿站开在家门口" in client.get(story.url).content.decode()


def test_snippet_rename_is_visible_on_the_next_request(client, index):
    theme = ThemeFactory(slug="gongju", name="共居")
    story = StoryPageFactory(parent=index, slug="station", themes=[theme])
    cached_twice(client, story.url)

    theme.name = "共居共学"
    theme.save()

    assert "共居共学" in client.get(story.url).content.decode()


def test_mongolian_and_chinese_pages_are_cached_separately(client, locales, story):
    mongolian = story.copy_for_translation(locales["mn"], copy_parents=True)
    mongolian.title = "ᠤᠯᠠᠭᠠᠨ ᠠᠨᠠᠷ"
    mongolian.save_revision().publish()
    mongolian.refresh_from_db()

    chinese_response = cached_twice(client, story.url)
    mongolian_response = cached_twice(client, mongolian.url)

    assert mongolian.url != story.url
    assert "ᠤᠯᠠᠭᠠᠨ ᠠᠨᠠᠷ" in mongolian_response.content.decode()
    assert "ᠤᠯᠠᠭᠠᠨ ᠠᠨᠠᠷ" not in chinese_response.content.decode()
    assert f"page-{mongolian.pk}" in mongolian_response["Surrogate-Key"].split()
    assert "locale-mn-mong" in mongolian_response["Surrogate-Key"].split()


def test_translation_going_live_replaces_the_cached_fallback(client, locales, story):
    mongolian_home = story.get_parent().get_parent().copy_for_translation(locales["mn"], copy_parents=True)
    mongolian_home.save_revision().publish()
    story.get_parent().copy_for_translation(locales["mn"]).save_revision().publish()
    fallback_url = story.url.replace("/zh-hans/", "/mn-mong/")
    fallback = cached_twice(client, fallback_url)
    assert "红石榴驿站开在家门口" in fallback.content.decode()

    mongolian = story.copy_for_translation(locales["mn"])
    mongolian.title = "ᠤᠯᠠᠭᠠᠨ ᠠᠨᠠᠷ"
    mongolian.save_revision().publish()

    assert "ᠤᠯᠠᠭᠠᠨ ᠠᠨᠠᠷ" in client.get(fallback_url).content.decode()


def test_logged_in_editor_never_gets_a_cached_page(client, admin_user, story):
    cached_twice(client, story.url)
    # A change no signal reports: anonymous readers keep the cached page until it expires...
    Page.objects.filter(pk=story.pk).update(title="只有编辑看得到的标题")
    story.specific_class.objects.filter(pk=story.pk).update(title="只有编辑看得到的标题")
    assert "只有编辑看得到的标题" not in client.get(story.url).content.decode()

    # ...but an editor always gets the page rendered now, never stored for anyone else.
    client.force_login(admin_user)
    editor_response = client.get(story.url)
    assert "只有编辑看得到的标题" in editor_response.content.decode()
    assert "X-Page-Cache" not in editor_response
    assert "no-store" in editor_response["Cache-Control"] and "private" in editor_response["Cache-Control"]
    assert "Surrogate-Key" not in editor_response


def test_preview_is_never_cached(client, admin_user, story):
    client.force_login(admin_user)
    story.title = "预览中的标题"
    revision = story.save_revision()

    response = client.get(f"/admin/pages/{story.pk}/revisions/{revision.pk}/view/")
    assert response.status_code == 200
    assert "预览中的标题" in response.content.decode()
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_password_protected_page_is_never_stored(client, story):
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.PASSWORD, password="x")

    first = client.get(story.url)
    second = client.get(story.url)

    assert "红石榴驿站开在家门口" not in second.content.decode() or second.status_code != 200
    assert second.get("X-Page-Cache") != "hit"
    assert "public" not in first.get("Cache-Control", "")


def test_pages_that_set_a_cookie_are_not_shared(client, story):
    """A page with a form sets the CSRF cookie; its token must never reach another reader."""

    def use_csrf_token(page, request, serve_args, serve_kwargs):
        get_token(request)

    with hooks.register_temporarily("before_serve_page", use_csrf_token):
        first = client.get(story.url)
        second = client.get(story.url)

    assert "csrftoken" in first.cookies
    assert second.get("X-Page-Cache") != "hit"
    assert "public" not in first.get("Cache-Control", "")


def test_the_generation_number_does_not_expire_after_a_change(monkeypatch, settings, tmp_path):
    """Django's incr() sets the number again with the cache's default timeout (600 s): ten minutes
    after an edit it was gone and every process threw away what it shares."""
    import time

    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)},
    }  # the embedded default's backend

    from core.page_cache import current_generation, invalidate

    before = current_generation()
    invalidate("test")
    changed = current_generation()
    assert changed == before + 1
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 3600)

    assert current_generation() == changed
