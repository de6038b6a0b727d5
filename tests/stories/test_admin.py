"""Editors create stories in the Wagtail admin; bad input is reported and nothing half-saved."""

import pytest

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from campaigns.models import CampaignPage
from stories.models import StoryPage
from tests.factories import CampaignIndexPageFactory, PlaceFactory, StoryIndexPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pass")
    client.force_login(user)
    return client


def add_url(parent, model) -> str:
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


def test_editor_sees_the_story_form_with_body_blocks_and_filing_fields(editor_client, home):
    index = StoryIndexPageFactory(parent=home)

    response = editor_client.get(add_url(index, StoryPage))

    html = response.content.decode()
    assert response.status_code == 200
    assert "&quot;figures&quot;" in html and "&quot;quote&quot;" in html  # body block choices
    for field in ("id_place", "id_themes", "id_ethnic_groups", "id_author", "id_reviewer"):
        assert field in html


def test_editor_creates_a_story_draft_with_body_and_filing(editor_client, home):
    index = StoryIndexPageFactory(parent=home)
    place, theme = PlaceFactory(name="光明社区"), ThemeFactory(slug="gongxue", name="共学")
    data = nested_form_data(
        {
            "title": "暑期书法红石榴课堂",
            "slug": "summer-calligraphy",
            "date": "2025-07-15",
            "summary": "暑假里孩子们一起练书法。",
            "place": place.pk,
            "body": streamfield([("paragraph", rich_text("<p>孩子们一笔一画写下“团结”。</p>"))]),
        }
    )
    data["themes"] = [theme.pk]

    response = editor_client.post(add_url(index, StoryPage), data)

    assert response.status_code == 302
    story = StoryPage.objects.get(slug="summer-calligraphy")
    assert not story.live  # a draft until it is published or passes review
    draft = story.get_latest_revision_as_object()
    assert draft.place == place and list(draft.themes.all()) == [theme]
    assert "一笔一画" in str(draft.body)


def test_a_campaign_ending_before_it_starts_is_refused_with_a_message_and_not_saved(editor_client, home):
    index = CampaignIndexPageFactory(parent=home)
    data = nested_form_data(
        {
            "title": "日期填错的活动月",
            "slug": "wrong-dates",
            "kind": "unity-month",
            "start_date": "2026-09-30",
            "end_date": "2026-09-01",
            "body": streamfield([]),
            "partners": streamfield([]),
            "result_figures": streamfield([]),
            "related_stories": streamfield([]),
        }
    )

    response = editor_client.post(add_url(index, CampaignPage), data)

    assert response.status_code == 200
    assert response.context["form"].errors["end_date"] == [CampaignPage.END_BEFORE_START]
    assert not CampaignPage.objects.filter(slug="wrong-dates").exists()


def test_places_themes_and_groups_are_managed_as_snippets(editor_client, locales):
    PlaceFactory(name="阿吉拉沁社区")

    for model in ("place", "ethnicgroup", "theme"):
        response = editor_client.get(reverse(f"wagtailsnippets_stories_{model}:list"))
        assert response.status_code == 200, model
    assert "阿吉拉沁社区" in editor_client.get(reverse("wagtailsnippets_stories_place:list")).content.decode()
