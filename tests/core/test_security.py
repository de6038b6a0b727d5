"""Security: production settings, response headers, no third-party hosts, login and password throttles."""

import os
import re
import subprocess
import sys

import pytest

from django.contrib.auth.models import User
from django.core.management.utils import get_random_secret_key
from django.urls import reverse

from wagtail.models import PageViewRestriction

from tests.factories import StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


def run_production(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter with the production settings and ``env``."""
    environment = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),  # noqa: S108
        **env,
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False, timeout=120
    )


CHECK_DEPLOY = (
    "import django, sys; django.setup(); from django.core.management import call_command; "
    "call_command('check', deploy=True, fail_level='WARNING')"
)


def test_check_deploy_with_production_settings_reports_nothing():
    result = run_production(CHECK_DEPLOY, SECRET_KEY=get_random_secret_key(), ALLOWED_HOSTS="shiliu.example.cn")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "dev-only-insecure-key-do-not-use-in-production"}, "SECRET_KEY is a default or weak key"),
        ({"SECRET_KEY": "django-insecure-" + "a1b2c3d4e5" * 5}, "SECRET_KEY is a default or weak key"),
        ({"SECRET_KEY": "x" * 60}, "SECRET_KEY is a default or weak key"),
        ({"SECRET_KEY": get_random_secret_key(), "DEBUG": "true"}, "DEBUG must be off in production"),
    ],
)
def test_production_refuses_to_start_with_a_default_key_or_debug_on(env, message):
    result = run_production("import django; django.setup()", ALLOWED_HOSTS="shiliu.example.cn", **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def directives(header: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header as {directive: [sources]}."""
    policy = {}
    for part in header.split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


@pytest.fixture
def story(home):
    return StoryPageFactory(parent=StoryIndexPageFactory(parent=home), slug="headers")


@pytest.fixture
def editor_client(client):
    client.force_login(User.objects.create_superuser("editor", "editor@example.com", "right-password-1"))
    return client


def test_public_pages_send_a_strict_csp_and_the_other_security_headers(client, story):
    for url in (story.url, "/zh-hans/search/?q=团结", "/mn-mong/"):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], url
        assert "'unsafe-inline'" not in policy["style-src"], url
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert "geolocation=()" in response["Permissions-Policy"]
        assert "camera=()" in response["Permissions-Policy"]


def test_public_pages_have_no_inline_script_or_event_handler(client, story):
    html = client.get(story.url).content.decode()

    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts
    for attributes, body in scripts:
        if 'type="application/ld+json"' in attributes:
            continue  # data, not script: CSP does not apply
        assert "src=" in attributes and not body.strip(), attributes
    assert not re.search(r"\son[a-z]+=\"", html)
    assert "js/reading-preferences.js" in html


def test_the_admin_allows_inline_scripts_and_styles_from_this_host_only(editor_client, story):
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))

    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_admin_calls_no_third_party_host_for_avatars(editor_client, settings):
    response = editor_client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()

    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert "gravatar" not in html.lower()
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    assert "w-upgrade" not in html  # the check that asks the release server
    loaded = re.findall(r'\ssrc="([^"]+)"', html) + re.findall(r'<link\b[^>]*\shref="([^"]+)"', html)
    assert loaded
    assert [url for url in loaded if re.match(r"(https?:)?//", url) and "testserver" not in url] == []


def wrong_logins(client, count: int, username: str = "editor", **extra):
    url = reverse("wagtailadmin_login")
    return [
        client.post(url, {"username": username, "password": f"wrong-{n}"}, **extra).status_code for n in range(count)
    ]


def test_fifty_wrong_admin_logins_lock_the_account_from_that_address(client, settings):
    User.objects.create_superuser("editor", "editor@example.com", "right-password-1")
    User.objects.create_superuser("other", "other@example.com", "other-password-1")

    statuses = wrong_logins(client, 50, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert statuses[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(statuses[settings.AXES_FAILURE_LIMIT :]) == {429}
    # Locked even with the right password, with a message in the user's language.
    locked = client.post(
        reverse("wagtailadmin_login"),
        {"username": "editor", "password": "right-password-1"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()
    assert "15" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another editor is not locked out by the attack on this one.
    other = client.post(reverse("wagtailadmin_login"), {"username": "other", "password": "other-password-1"})
    assert other.status_code == 302


@pytest.fixture
def private_page(home):
    page = StoryPageFactory(parent=StoryIndexPageFactory(parent=home), slug="private")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="石榴籽")
    return page


def password_url(page) -> str:
    restriction = PageViewRestriction.objects.get(page=page)
    return reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])


def test_a_hundred_wrong_page_passwords_are_locked_out_with_a_message(client, private_page, settings):
    url = password_url(private_page)
    assert url.startswith("/zh-hans/")
    form = {"return_url": private_page.url}

    statuses = [client.post(url, {**form, "password": f"guess-{n}"}).status_code for n in range(100)]

    limit = settings.PASSWORD_FAILURE_LIMIT
    assert statuses[:limit] == [200] * limit  # the form again, "not correct"
    assert set(statuses[limit:]) == {429}
    locked = client.post(url, {**form, "password": "石榴籽"})
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == settings.PASSWORD_COOLOFF_TIME.total_seconds()
    assert "密码错误次数过多" in locked.content.decode()
    assert client.get(private_page.url).status_code == 200  # still the password form
    assert "石榴籽" not in client.get(private_page.url).content.decode()

    # Another address with the right password is let in.
    other = client.post(url, {**form, "password": "石榴籽"}, REMOTE_ADDR="10.0.0.7")
    assert other.status_code == 302


def test_the_password_lockout_message_is_in_mongolian_on_mongolian_pages(client, private_page, settings):
    url = password_url(private_page).replace("/zh-hans/", "/mn-mong/", 1)
    for n in range(settings.PASSWORD_FAILURE_LIMIT):
        client.post(url, {"return_url": "/", "password": f"guess-{n}"})

    locked = client.post(url, {"return_url": "/", "password": "guess"})

    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Too many wrong passwords" not in html
    assert re.search("[\u1820-\u1842]", html)


def test_the_right_page_password_resets_the_count(client, private_page, settings):
    url = password_url(private_page)
    form = {"return_url": private_page.url}
    for _round in range(3):
        for n in range(settings.PASSWORD_FAILURE_LIMIT - 1):
            assert client.post(url, {**form, "password": f"guess-{n}"}).status_code == 200
        assert client.post(url, {**form, "password": "石榴籽"}).status_code == 302


def test_wrong_collection_passwords_are_locked_out_too(client, settings):
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="Private handouts")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="石榴籽"
    )
    url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])

    statuses = [client.post(url, {"return_url": "/", "password": f"guess-{n}"}).status_code for n in range(30)]

    assert statuses[: settings.PASSWORD_FAILURE_LIMIT] == [200] * settings.PASSWORD_FAILURE_LIMIT
    assert set(statuses[settings.PASSWORD_FAILURE_LIMIT :]) == {429}
    assert client.post(url, {"return_url": "/", "password": "石榴籽"}).status_code == 429
