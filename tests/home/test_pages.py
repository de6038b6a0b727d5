import datetime

import pytest

from django.utils import timezone, translation
from django.utils.translation import gettext

from campaigns.models import CampaignPage
from home.models import HomePage
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db


def test_root_redirects_to_a_language(client, home):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/"


def test_home_page_shows_hero_latest_stories_newest_first(client, home):
    index = StoryIndexPageFactory(parent=home, show_in_menus=True)
    for day in range(1, 9):
        StoryPageFactory(parent=index, title=f"故事{day}", date=datetime.date(2025, 3, day))

    html = client.get(home.url).content.decode()

    assert home.hero_text in html
    assert "故事8" in html and "故事3" in html
    assert "故事2" not in html  # six latest only
    assert html.index("故事8") < html.index("故事3")
    assert f'href="{index.url}"' in html  # the section is in the main menu


def test_home_page_announces_the_running_or_next_campaign(client, home):
    index = CampaignIndexPageFactory(parent=home)
    today = timezone.localdate()
    CampaignPageFactory(
        parent=index,
        title="去年的活动月",
        start_date=today.replace(year=today.year - 1),
        end_date=today.replace(year=today.year - 1),
    )
    CampaignPageFactory(
        parent=index,
        title="正在进行的宣传周",
        start_date=today - datetime.timedelta(days=2),
        end_date=today + datetime.timedelta(days=4),
    )

    html = client.get(home.url).content.decode()

    assert "正在进行的宣传周" in html and "去年的活动月" not in html


def test_home_pages_live_at_the_root_one_per_site_and_language(home):
    from wagtail.models import Page

    assert HomePage.can_create_at(Page.get_first_root_node())
    assert not HomePage.can_create_at(home)


def test_campaign_cannot_end_before_it_starts(home):
    from django.core.exceptions import ValidationError

    campaign = CampaignPage(
        title="错误日期", slug="bad", start_date=datetime.date(2026, 9, 30), end_date=datetime.date(2026, 9, 1)
    )
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert "end_date" in error.value.message_dict


def test_campaign_pages_render(client, home):
    index = CampaignIndexPageFactory(parent=home)
    campaign = CampaignPageFactory(parent=index, title="民族法治宣传周", results="<p>开展宣讲42场</p>")

    assert "民族法治宣传周" in client.get(index.url).content.decode()
    html = client.get(campaign.url).content.decode()
    assert "开展宣讲42场" in html and "2026年9月1日" in html


def mongolian_home(home, locales) -> HomePage:
    """A real Mongolian translation of the home page (not an alias)."""
    translated = home.copy_for_translation(locales["mn"])
    translated.title = "ᠨᠢᠭᠤᠷ"
    translated.save_revision().publish()
    return translated


@pytest.mark.parametrize("running", [True, False])
def test_mongolian_home_shows_the_mongolian_campaign_when_translated(client, home, locales, running):
    index = CampaignIndexPageFactory(parent=home)
    today = timezone.localdate()
    start = today - datetime.timedelta(days=1) if running else today + datetime.timedelta(days=10)
    campaign = CampaignPageFactory(
        parent=index, title="宣传周", start_date=start, end_date=start + datetime.timedelta(days=6), slug="week"
    )
    mongolian = campaign.copy_for_translation(locales["mn"], copy_parents=True)
    mongolian.title = "ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠠᠬᠤ ᠭᠠᠷᠠᠭ"
    mongolian.save_revision().publish()
    mn_home = HomePage.objects.get(locale=locales["mn"])

    zh = client.get(home.url).content.decode()
    mn = client.get(mn_home.url).content.decode()

    assert "宣传周" in zh and f'href="{campaign.url}"' in zh
    assert "ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠠᠬᠤ ᠭᠠᠷᠠᠭ" in mn and f'href="{mongolian.url}"' in mn and "宣传周" not in mn
    heading = "Campaign under way" if running else "Coming campaign"
    with translation.override("zh-hans"):
        assert gettext(heading) in zh


@pytest.mark.parametrize("running", [True, False])
def test_mongolian_home_falls_back_to_the_chinese_campaign(client, home, locales, running):
    mn_home = mongolian_home(home, locales)
    index = CampaignIndexPageFactory(parent=home)
    today = timezone.localdate()
    start = today if running else today + datetime.timedelta(days=30)
    CampaignPageFactory(
        parent=index,
        title="去年的宣传月",
        start_date=today.replace(year=today.year - 1),
        end_date=today.replace(year=today.year - 1),
    )
    campaign = CampaignPageFactory(
        parent=index,
        title="民族法治宣传周",
        slug="law-week",
        start_date=start,
        end_date=start + datetime.timedelta(days=6),
    )

    html = client.get(mn_home.url).content.decode()

    assert "民族法治宣传周" in html and "去年的宣传月" not in html
    fallback = f"/mn-mong/campaigns/{campaign.slug}/"
    assert f'href="{fallback}"' in html and 'lang="zh-Hans"' in html
    response = client.get(fallback)
    assert response.status_code == 200 and "民族法治宣传周" in response.content.decode()


def test_home_shows_no_campaign_when_none_is_running_or_coming(client, home):
    index = CampaignIndexPageFactory(parent=home)
    today = timezone.localdate()
    CampaignPageFactory(
        parent=index,
        title="去年的活动月",
        start_date=today.replace(year=today.year - 1),
        end_date=today.replace(year=today.year - 1),
    )

    html = client.get(home.url).content.decode()

    assert "campaign-heading" not in html
