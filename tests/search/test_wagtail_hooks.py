"""Admin: segmenter words as a snippet, and a warning for text in a private-use encoding."""

import pytest

from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.urls import reverse

from wagtail import hooks

from search.models import SegmenterWord
from search.wagtail_hooks import warn_about_private_use
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


def test_editors_add_segmenter_words_in_the_admin(admin_client):
    url = reverse("wagtailsnippets_search_segmenterword:add")
    response = admin_client.post(url, {"word": "宝力根陶海", "note": "嘎查名"})
    assert response.status_code == 302
    assert SegmenterWord.objects.get().word == "宝力根陶海"
    response = admin_client.post(url, {"word": "abc"})
    assert response.status_code == 200 and SegmenterWord.objects.count() == 1


def test_saving_a_page_with_private_use_text_warns_the_editor(rf, admin_user, index):
    story = StoryPageFactory(parent=index, title="故事\ue123\ue124")
    clean = StoryPageFactory(parent=index, title="故事")
    assert warn_about_private_use in hooks.get_hooks("after_edit_page")
    assert warn_about_private_use in hooks.get_hooks("after_create_page")
    request = rf.post("/admin/")
    request.user = admin_user
    request.session = {}
    request._messages = FallbackStorage(request)
    warn_about_private_use(request, clean)
    assert list(get_messages(request)) == []
    warn_about_private_use(request, story)
    warnings = [message for message in get_messages(request) if message.level == constants.WARNING]
    assert len(warnings) == 1 and story.title in str(warnings[0])


def test_admin_page_search_understands_traditional_characters(admin_client, index):
    story = StoryPageFactory(parent=index, title="民族团结进步活动月")
    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "團結"})
    assert response.status_code == 200
    assert story.title in response.content.decode()
