"""The public "popular searches" list cannot be filled by one visitor, nonsense, or terms editors hid."""

import datetime

import pytest

from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from search import services
from search.models import SearchTerm, SearchTermDay, SearchVisitor
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

SPAM = "团结 🍎🍎🍎💰💰💰"


@pytest.fixture
def stories(index):
    StoryPageFactory(parent=index, title="民族团结一家亲", summary="各族群众欢聚一堂。")
    StoryPageFactory(parent=index, title="那达慕大会", summary="搏克、赛马和射箭。")


def search(client, query: str, address: str = "192.0.2.10", agent: str = "Mozilla/5.0 WeChat"):
    response = client.get("/zh-hans/search/", {"q": query}, REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
    assert response.status_code == 200
    return response


def test_a_few_dozen_requests_from_one_visitor_count_once_and_keep_only_known_words(client, stories):
    for _ in range(40):
        search(client, SPAM)
    search(client, "那达慕", address="192.0.2.11")
    search(client, "那达慕", address="192.0.2.12")

    terms = set(SearchTerm.objects.values_list("query_string", flat=True))
    assert terms == {"团结", "那达慕"}  # no emoji stored
    assert SearchTermDay.objects.get(term__query_string="团结").searches == 1
    assert services.popular_searches() == ["那达慕", "团结"]  # two visitors beat forty requests of one
    html = search(client, "!!!").content.decode()
    assert "🍎" not in html and "那达慕" in html


def test_nothing_is_logged_for_a_query_without_a_known_word(client, stories):
    search(client, "🍎🍎🍎💰💰💰")
    search(client, "!!!???")
    assert not SearchTerm.objects.exists()


def test_each_visitor_counts_once_a_day_and_no_address_is_stored(client, stories):
    search(client, "团结", address="192.0.2.10")
    search(client, "团结", address="192.0.2.10", agent="another browser")  # another visitor behind the same address
    search(client, "团结", address="192.0.2.10")
    assert SearchTermDay.objects.get(term__query_string="团结").searches == 2
    stored = [value for row in SearchVisitor.objects.values_list("digest", "day") for value in row]
    assert all("192.0.2.10" not in str(value) and "browser" not in str(value) for value in stored)
    assert all(len(digest) == 64 for digest in SearchVisitor.objects.values_list("digest", flat=True))


def test_yesterdays_visitor_hashes_are_deleted(client, stories):
    SearchVisitor.objects.create(digest="0" * 64, day=timezone.localdate() - datetime.timedelta(days=1))
    search(client, "团结")
    assert list(SearchVisitor.objects.values_list("day", flat=True)) == [timezone.localdate()]


def test_editors_hide_a_term_with_the_permission(client, stories, django_user_model):
    search(client, "团结")
    term = SearchTerm.objects.get(query_string="团结")
    editor = django_user_model.objects.create_user("editor", "editor@example.com", "pass")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    edit_url = reverse("wagtailsnippets_search_searchterm:edit", args=[term.pk])
    denied = client.post(edit_url, {"query_string": "团结", "hidden": "on"})
    assert denied.status_code in (302, 403)
    term.refresh_from_db()
    assert not term.hidden and services.popular_searches() == ["团结"]

    editor.user_permissions.add(
        Permission.objects.get(codename="change_searchterm"), Permission.objects.get(codename="view_searchterm")
    )
    response = client.post(edit_url, {"query_string": "团结", "hidden": "on"})
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.hidden and services.popular_searches() == []
    client.logout()
    assert "团结" not in search(client, "!!!", address="198.51.100.7").content.decode()


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.com", "pass"))
    return client


def test_editors_can_hide_a_term_before_anyone_searches_it_in_any_script(admin_client, stories):
    response = admin_client.post(
        reverse("wagtailsnippets_search_searchterm:add"), {"query_string": "團結", "hidden": "on"}
    )
    assert response.status_code == 302
    assert SearchTerm.objects.get().query_string == "团结"
    for address in ("192.0.2.1", "192.0.2.2"):
        search(admin_client, "团结", address=address)
    assert services.popular_searches() == []
    listing = admin_client.get(reverse("wagtailsnippets_search_searchterm:list"), {"q": "團結"})
    assert "团结" in listing.content.decode()
