"""The editors' report of popular and zero-result searches."""

import datetime

import pytest

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from search.models import SearchTerm

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_searches():
    today = timezone.localdate()
    for _ in range(3):
        SearchTerm.record("团结", 5, today=today)
    SearchTerm.record("量子计算", 0, today=today)
    SearchTerm.record("旧词", 1, today=today - datetime.timedelta(days=90))


def test_report_lists_popular_terms_first(admin_client, logged_searches):
    response = admin_client.get(reverse("shiliu_search:search_terms"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("团结") < html.index("量子计算")
    assert "旧词" not in html  # older than 30 days


def test_report_filters_zero_result_searches(admin_client, logged_searches):
    url = reverse("shiliu_search:search_terms_results")
    html = admin_client.get(url, {"without_results": "true"}).content.decode()
    assert "量子计算" in html and "团结" not in html


def test_report_date_range(admin_client, logged_searches):
    since = (timezone.localdate() - datetime.timedelta(days=100)).isoformat()
    html = admin_client.get(reverse("shiliu_search:search_terms_results"), {"date_from": since}).content.decode()
    assert "旧词" in html


def test_report_is_in_the_reports_menu_and_exports(admin_client, logged_searches):
    assert reverse("shiliu_search:search_terms") in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    response = admin_client.get(reverse("shiliu_search:search_terms"), {"export": "csv"})
    assert response.status_code == 200 and "团结" in response.getvalue().decode()


def test_editors_need_the_permission(client, django_user_model, logged_searches):
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(reverse("shiliu_search:search_terms")).status_code in (302, 403)
    editor.user_permissions.add(Permission.objects.get(codename="view_searchterm"))
    editor = django_user_model.objects.get(pk=editor.pk)
    client.force_login(editor)
    assert client.get(reverse("shiliu_search:search_terms")).status_code == 200
