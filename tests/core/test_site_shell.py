"""The site shell: errors, robots, sitemap, footer marks and production safety."""

import subprocess
import sys

import pytest

from core.models import SiteSettings
from tests.factories import StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


def test_unknown_page_gets_a_friendly_404_in_the_site_layout(client, home):
    response = client.get("/zh-hans/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Skip to main content" in html or "跳到" in html
    assert 'href="/zh-hans/"' in html  # the home page in the reader's language


def test_mongolian_404_and_500_use_the_vertical_mongolian_shell(client, home):
    from django.template.loader import render_to_string
    from django.utils import translation

    html = client.get("/mn-mong/no-such-page/").content.decode()
    assert '<main id="main" class="vertical-main"' in html and "css/mongolian.css" in html
    assert 'href="/mn-mong/"' in html

    with translation.override("mn-mong"):
        error = render_to_string("500.html")
    assert '<html lang="mn-Mong"' in error and 'class="vertical-main"' in error and "css/mongolian.css" in error
    with translation.override("zh-hans"):
        error = render_to_string("500.html")
    assert '<html lang="zh-Hans"' in error and "<style" not in error and "<script" not in error


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_sitemap_lists_live_pages(client, home):
    index = StoryIndexPageFactory(parent=home)
    story = StoryPageFactory(parent=index, slug="in-the-sitemap")

    xml = client.get("/sitemap.xml").content.decode()

    assert story.full_url in xml


def test_footer_shows_the_registration_marks_editors_set(client, home):
    SiteSettings.objects.update_or_create(
        site=home.get_site(),
        defaults={
            "organisation_name": "东街街道办事处",
            "icp_number": "蒙ICP备12345678号-1",
            "public_security_number": "蒙公网安备 15010202000001号",
            "government_site_code": "1501020001",
            "contact_phone": "0471-1234567",
        },
    )

    html = client.get(home.url).content.decode()

    for text in (
        "东街街道办事处",
        "蒙ICP备12345678号-1",
        "蒙公网安备 15010202000001号",
        "1501020001",
        "tel:0471-1234567",
    ):
        assert text in html


def test_footer_leaves_out_marks_that_are_not_set(client, home):
    html = client.get(home.url).content.decode()

    assert "ICP" not in html


def test_every_page_has_a_skip_link_and_reading_tools(client, home):
    html = client.get(home.url).content.decode()

    assert 'class="skip-link" href="#main"' in html
    assert 'id="main"' in html
    assert 'data-font-size="large"' in html and "data-contrast-toggle" in html


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "ALLOWED_HOSTS": "example.org", "PATH": ""}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True, check=False
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_start_with_their_secrets():
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "ALLOWED_HOSTS": "example.org",
        "SECRET_KEY": "k3y-0f-the-t3st-" * 4,  # not a weak key: production refuses those
        "PATH": "",
    }
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
