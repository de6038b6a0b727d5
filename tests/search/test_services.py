"""Site search: the words residents type find the pages that contain them, in both languages."""

import datetime

import pytest

from django.core.files.base import ContentFile
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from campaigns.models import CampaignPage
from search import services
from search.models import SearchTerm, SearchTermDay
from stories.models import Place, StoryPage
from tests.factories import CampaignIndexPageFactory, CampaignPageFactory, PlaceFactory, StoryPageFactory
from tests.search.conftest import publish_translation
from tests.search.factories import FVS1, GENITIVE, MONGOL, NNBSP, SCRIPT, UNITY

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    banner = PlaceFactory(name="东胜区", level=Place.Level.COUNTY)
    community = PlaceFactory(name="阿吉拉沁社区", parent=banner)
    return {"banner": banner, "community": community}


@pytest.fixture
def site_content(home, index, mn_index, places, locales):
    """Stories in Simplified and Traditional, a campaign, and Mongolian pages."""
    pages = {
        "unity": StoryPageFactory(
            parent=index,
            title="民族团结进步活动月圆满结束",
            summary="各族群众欢聚一堂。",
            place=places["community"],
            body=[("paragraph", "<p>社区举办了文艺汇演和书法课。</p>")],
        ),
        "traditional": StoryPageFactory(
            parent=index,
            title="社區舉辦民族團結聯歡會",
            summary="各族居民歡聚一堂，共敘團結情。",
            date=datetime.date(2024, 3, 1),
        ),
        "embedded": StoryPageFactory(
            parent=index, title="邻里一家亲", summary="构建互嵌式社区环境，促进交往交流交融。"
        ),
        "classroom": StoryPageFactory(
            parent=index,
            title="孩子们的暑假",
            summary="社区为孩子们准备了暑期活动。",
            body=[("paragraph", "<p>每周三下午，红石榴课堂开课了，志愿者辅导作业。</p>")],
        ),
        "naadam": StoryPageFactory(parent=index, title="那达慕大会", summary="搏克、赛马和射箭。"),
    }
    campaigns = CampaignIndexPageFactory(parent=home)
    pages["campaign"] = CampaignPageFactory(parent=campaigns, title="2026年宣传活动", theme="民族团结一家亲")
    pages["mn_unity"] = publish_translation(pages["unity"], locales["mn"])
    pages["mn_unity"].title = f"{UNITY} {MONGOL}{NNBSP}{GENITIVE} {SCRIPT}"
    pages["mn_unity"].save_revision().publish()
    pages["mn_story"] = StoryPageFactory(
        parent=mn_index,
        locale=locales["mn"],
        title=f"{MONGOL} {SCRIPT}",
        summary=f"{UNITY}",
        place=places["community"],
    )
    return pages


def found(rf, text, **filters):
    request = rf.get("/zh-hans/search/")
    request.session = {}
    outcome = services.site_search(request, services.analyse(text), services.Filters(**filters))
    return {hit.object.pk for hit in outcome.hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("团结", {"unity", "traditional", "campaign"}),
        ("團結", {"unity", "traditional", "campaign"}),
        ("互嵌式", {"embedded"}),
        ("红石榴课堂", {"classroom"}),
        ("紅石榴課堂", {"classroom"}),
        ("阿吉拉沁", {"unity", "mn_unity", "mn_story"}),
        ("阿吉拉沁社区", {"unity", "mn_unity", "mn_story"}),
        (MONGOL, {"mn_unity", "mn_story"}),
        (MONGOL[:2] + FVS1 + MONGOL[2:], {"mn_unity", "mn_story"}),
        (MONGOL + NNBSP + GENITIVE, {"mn_unity", "mn_story"}),
        ("团结 那达慕", set()),
        ("那达慕 搏克", {"naadam"}),
    ],
)
def test_words_find_the_pages_that_contain_them(rf, site_content, query, expected):
    assert found(rf, query) == {site_content[name].pk for name in expected}


def test_language_filter(rf, site_content, locales):
    assert found(rf, "阿吉拉沁", locale=locales["mn"]) == {site_content["mn_unity"].pk, site_content["mn_story"].pk}
    assert found(rf, "阿吉拉沁", locale=locales["zh"]) == {site_content["unity"].pk}


def test_type_filter(rf, site_content):
    assert found(rf, "团结", page_type=CampaignPage) == {site_content["campaign"].pk}
    assert found(rf, "团结", page_type=StoryPage) == {site_content["unity"].pk, site_content["traditional"].pk}


def test_place_filter_includes_places_below(rf, site_content, places):
    expected = {site_content[name].pk for name in ("unity", "mn_unity", "mn_story")}
    banner = str(places["banner"].pk)
    assert found(rf, "民族", facets={"place": banner}) == {site_content["unity"].pk}
    assert found(rf, "阿吉拉沁", facets={"place": banner}) == expected


def test_year_filter_uses_each_type_of_page_s_own_date(rf, site_content):
    assert found(rf, "团结", year=2024) == {site_content["traditional"].pk}
    assert found(rf, "团结", year=2025) == {site_content["unity"].pk}
    assert found(rf, "团结", year=2026) == {site_content["campaign"].pk}


def test_drafts_unpublished_and_private_pages_are_not_found(rf, site_content, index):
    StoryPageFactory(parent=index, title="草稿里的团结", live=False)
    site_content["traditional"].unpublish()
    site_content["unity"].view_restrictions.create(restriction_type="password", password="secret")
    assert found(rf, "团结") == {site_content["campaign"].pk}


def test_hits_show_type_date_place_and_an_excerpt_as_written(rf, site_content):
    request = rf.get("/zh-hans/search/")
    outcome = services.site_search(request, services.analyse("团结"), services.Filters())
    hits = {hit.object.pk: hit for hit in outcome.hits}
    traditional = hits[site_content["traditional"].pk]
    assert traditional.type_label == str(StoryPage._meta.verbose_name)
    assert traditional.date == datetime.date(2024, 3, 1)
    assert "<mark>團結</mark>" in traditional.excerpt
    unity = hits[site_content["unity"].pk]
    assert unity.labels == ["阿吉拉沁社区"]
    assert unity.url.endswith("/")
    assert hits[site_content["campaign"].pk].date == datetime.date(2026, 9, 1)
    assert outcome.count == 3 and outcome.page.number == 1


def test_documents_are_found_by_their_text_and_restricted_ones_are_not(
    rf, site_content, django_capture_on_commit_callbacks
):
    document_model = get_document_model()
    with django_capture_on_commit_callbacks(execute=True):  # the text is read once the upload commits
        lesson = document_model(title="教案")
        lesson.file.save("lesson.txt", ContentFile("红石榴课堂：民族团结教育教案".encode()), save=False)
        lesson.save()
        secret_collection = Collection.get_first_root_node().add_child(name="教师专用")
        secret = document_model(title="内部教案", collection=secret_collection)
        secret.file.save("secret.txt", ContentFile("红石榴课堂 内部".encode()), save=False)
        secret.save()
    CollectionViewRestriction.objects.create(collection=secret_collection, restriction_type="login")

    request = rf.get("/zh-hans/search/")
    outcome = services.site_search(request, services.analyse("红石榴课堂"), services.Filters())
    assert outcome.documents_count == 1 and outcome.documents[0].object == lesson
    assert "<mark>红石榴课堂</mark>" in outcome.documents[0].excerpt

    only_documents = services.site_search(request, services.analyse("红石榴课堂"), services.Filters(documents=True))
    assert [hit.object for hit in only_documents.hits] == [lesson]
    assert only_documents.hits[0].extension == "TXT"


def test_editors_picks_match_simplified_and_traditional(rf, site_content):
    pick_query = Query.get("团结")
    SearchPromotion.objects.create(query=pick_query, page=site_content["naadam"], description="推荐", sort_order=0)
    request = rf.get("/zh-hans/search/")
    for text in ("团结", "團結"):
        outcome = services.site_search(request, services.analyse(text), services.Filters())
        assert [pick.page.pk for pick in outcome.promotions] == [site_content["naadam"].pk]


def test_no_results_suggests_parts_and_earlier_searches(rf, site_content):
    SearchTerm.record("那达慕大会", 1)
    request = rf.get("/zh-hans/search/")
    outcome = services.site_search(request, services.analyse("团结 量子计算"), services.Filters())
    assert outcome.count == 0
    assert "团结" in outcome.suggestions

    outcome = services.site_search(request, services.analyse("那达慕大会会"), services.Filters())
    assert outcome.count == 0 and "那达慕大会" in outcome.suggestions
    assert "那达慕大会" in outcome.popular


def test_searches_are_logged_in_simplified_with_zero_results_counted(rf, site_content):
    request = rf.get("/zh-hans/search/", REMOTE_ADDR="192.0.2.1")
    other = rf.get("/zh-hans/search/", REMOTE_ADDR="192.0.2.2")
    services.site_search(request, services.analyse("團結"), services.Filters())
    services.site_search(other, services.analyse("团结"), services.Filters())
    services.site_search(request, services.analyse("量子计算"), services.Filters())
    services.site_search(other, services.analyse("团结"), services.Filters(), page_number=2)  # not counted again
    day = SearchTermDay.objects.get(term__query_string="团结")
    assert (day.searches, day.zero_result_searches) == (2, 0)
    assert SearchTermDay.objects.get(term__query_string="量子计算").zero_result_searches == 1


def test_a_backend_error_gives_an_empty_result_not_an_exception(rf, site_content, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("fts5: syntax error")

    monkeypatch.setattr(services, "run", broken)
    outcome = services.site_search(rf.get("/"), services.analyse("团结"), services.Filters())
    assert outcome.failed and outcome.hits == [] and outcome.count == 0


def test_empty_query_offers_popular_searches(rf, site_content):
    SearchTerm.record("团结", 3)
    outcome = services.site_search(rf.get("/"), services.analyse("!!!"), services.Filters())
    assert outcome.hits == [] and outcome.popular == ["团结"]


def test_a_listing_costs_the_same_queries_however_many_results(rf, home, index, places):
    def queries_for(count):
        for number in range(count):
            StoryPageFactory(parent=index, title="团结故事", slug=f"s{count}-{number}", place=places["community"])
        request = rf.get("/zh-hans/search/")
        with CaptureQueriesContext(connection) as context:
            outcome = services.site_search(request, services.analyse("团结"), services.Filters())
        return len(context.captured_queries), outcome.count

    few, few_count = queries_for(2)
    many, many_count = queries_for(12)
    assert (few_count, many_count) == (2, 14)
    assert many <= few


@pytest.fixture
def variant_stories(index):
    """Stories written with Taiwan/Hong Kong variants that plain t2s keeps, and mainland ones."""
    return {
        "zhu_variant": StoryPageFactory(parent=index, title="老人住著新房", summary="社區衞生服務站開門了。"),
        "zhu_mainland": StoryPageFactory(parent=index, title="孩子们住着宿舍", summary="化妆品和台灯。"),
        "famous": StoryPageFactory(parent=index, title="著名书法家来社区", summary="他的著作很多。"),
        "wrong": StoryPageFactory(parent=index, title="错字着名", summary="没有内容。"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("住着", {"zhu_variant", "zhu_mainland"}),  # issue 13's case
        ("住著", {"zhu_variant", "zhu_mainland"}),  # and the reverse
        ("卫生", {"zhu_variant"}),
        ("衞生", {"zhu_variant"}),
        ("化粧品", {"zhu_mainland"}),
        ("枱燈", {"zhu_mainland"}),
        ("著名", {"famous"}),  # 著 is right here: the same on both sides, ...
        ("著作", {"famous"}),
        ("着名", {"wrong"}),  # ... and never confused with a miswritten 着名
    ],
)
def test_regional_variants_are_found_both_ways(rf, variant_stories, query, expected):
    assert found(rf, query) == {variant_stories[name].pk for name in expected}
