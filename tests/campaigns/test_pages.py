"""A campaign page: dates, slogan, goals, partners, results, related stories and materials."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import CampaignIndexPage, CampaignPage
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from tests.materials.factories import DocumentFactory, MaterialIndexPageFactory, material_with_files

pytestmark = pytest.mark.django_db

FIGURES = {
    "heading": "活动成效",
    "figures": [
        {"value": "86", "unit": "场", "label": "开展活动"},
        {"value": "12,000", "unit": "人次", "label": "参与居民"},
    ],
}


@pytest.fixture
def index(home):
    return CampaignIndexPageFactory(parent=home)


@pytest.fixture
def story_index(home):
    return StoryIndexPageFactory(parent=home)


@pytest.fixture
def library(home):
    return MaterialIndexPageFactory(parent=home)


def publish(page: CampaignPage, **fields) -> CampaignPage:
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return CampaignPage.objects.get(pk=page.pk)


def test_campaign_pages_can_be_created_where_they_belong(home, index):
    assert CampaignIndexPage.can_create_at(home)
    assert CampaignPage.can_create_at(index)
    assert not CampaignPage.can_create_at(home)


def test_campaign_page_shows_every_part_it_has(client, index, story_index, library):
    story = StoryPageFactory(parent=story_index, title="社区邻里节的故事")
    campaign = publish(
        CampaignPageFactory(parent=index, title="民族团结进步活动月"),
        slogan="石榴籽一家亲，共建好家园",
        goals="<ul><li>宣讲进楼栋</li><li>办好邻里节</li></ul>",
        partners=[
            ("partner", {"name": "东街街道办事处", "link": "https://example.com/jiedao"}),
            ("partner", {"name": "石榴籽志愿服务队", "link": ""}),
        ],
        related_stories=[("story", story)],
        results="<p>开展宣讲42场</p>",
        result_figures=[("figures", FIGURES)],
    )
    material = material_with_files(library, title="活动月主题班会教案", related_page=campaign, for_junior=True)

    html = client.get(campaign.url).content.decode()

    assert "2026年9月1日" in html and "2026年9月30日" in html
    assert "石榴籽一家亲，共建好家园" in html
    assert "<li>宣讲进楼栋</li>" in html
    assert 'href="https://example.com/jiedao"' in html and "石榴籽志愿服务队" in html
    assert "开展宣讲42场" in html and "活动成效" in html and "12,000" in html and "参与居民" in html
    assert "社区邻里节的故事" in html and f'href="{story.url}"' in html
    assert "活动月主题班会教案" in html and f'href="{material.url}"' in html
    assert "初中" in html  # the grade band


def test_campaign_page_leaves_out_what_is_empty(client, index):
    campaign = CampaignPageFactory(parent=index)

    html = client.get(campaign.url).content.decode()

    for part in ("campaign__slogan", "goals-heading", "partners-heading", "results-heading", "stories-heading"):
        assert part not in html
    assert "materials-heading" not in html


def test_results_show_with_figures_alone(client, index):
    campaign = publish(CampaignPageFactory(parent=index), result_figures=[("figures", FIGURES)])

    html = client.get(campaign.url).content.decode()

    assert "results-heading" in html and "开展活动" in html


def test_teacher_only_material_is_listed_without_its_files(client, index, library):
    campaign = CampaignPageFactory(parent=index)
    document = DocumentFactory(title="教师指导用书")
    material = material_with_files(
        library, documents=[document], title="活动月教师指导用书", related_page=campaign, teacher_only=True
    )

    html = client.get(campaign.url).content.decode()

    assert "活动月教师指导用书" in html and f'href="{material.url}"' in html
    assert document.url not in html and "/documents/" not in html


def test_drafts_and_other_campaigns_materials_are_not_listed(client, index, library):
    campaign = CampaignPageFactory(parent=index)
    other = CampaignPageFactory(parent=index)
    material_with_files(library, title="别的活动的教案", related_page=other)
    draft = material_with_files(library, title="未发布的教案", related_page=campaign)
    draft.unpublish()

    html = client.get(campaign.url).content.decode()

    assert "别的活动的教案" not in html and "未发布的教案" not in html


def test_related_stories_keep_the_editors_order_and_skip_drafts(index, story_index):
    first = StoryPageFactory(parent=story_index, date=datetime.date(2024, 1, 1))
    second = StoryPageFactory(parent=story_index, date=datetime.date(2025, 1, 1))
    draft = StoryPageFactory(parent=story_index)
    draft.unpublish()
    campaign = publish(
        CampaignPageFactory(parent=index), related_stories=[("story", first), ("story", draft), ("story", second)]
    )

    assert [story.pk for story in campaign.stories()] == [first.pk, second.pk]


def render_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def campaign_with(count: int, index, story_index, library) -> CampaignPage:
    stories = [StoryPageFactory(parent=story_index) for _ in range(count)]
    campaign = publish(CampaignPageFactory(parent=index), related_stories=[("story", story) for story in stories])
    for number in range(count):
        material_with_files(library, title=f"教案{count}-{number}", related_page=campaign, teacher_only=number == 0)
    return campaign


def test_stories_and_materials_cost_a_fixed_number_of_queries(
    client, index, story_index, library, django_assert_max_num_queries
):
    few = campaign_with(2, index, story_index, library)
    many = campaign_with(6, index, story_index, library)
    render_queries(client, few.url)  # warm the site root and locale caches

    expected = render_queries(client, few.url)
    with django_assert_max_num_queries(expected):
        html = client.get(many.url).content.decode()
    assert html.count('class="card"') == 6 and html.count("material-list__item") == 6
