"""A page type of a new app (tests.testapp, installed only in the test settings) plugs in.

It subclasses core's contracts and nothing else: it becomes a reviewed section, gets the
two-step workflow, is found by search with its own date and filtered by year, takes Word
imports, records its reviewers in its byline, and its permissions reach site administrators,
with no list edited in search/ or editorial/.
"""

import datetime

import pytest

from django.contrib.auth.models import Permission

from wagtail.models import Page

from editorial.imports import import_document
from editorial.models import Section
from editorial.sections import SITE_ADMINISTRATORS, ensure_role_groups, is_section_page
from search import services
from tests.testapp.models import WorkshopIndexPage, WorkshopPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshops(home):
    index = WorkshopIndexPage(title="非遗工坊", slug="workshops", locale=home.locale)
    home.add_child(instance=index)
    return index


def search(rf, text, **filters):
    request = rf.get("/zh-hans/search/")
    return services.site_search(request, services.analyse(text), services.Filters(**filters))


def test_a_new_index_page_becomes_a_section_with_the_review_workflow(workshops):
    section = Section.objects.get(translation_key=workshops.translation_key)

    assert is_section_page(workshops)
    assert workshops.get_workflow() == section.workflow
    assert [task.name for task in section.workflow.tasks] == [
        "非遗工坊 · first review (初审)",
        "非遗工坊 · final review (终审)",
    ]
    page = WorkshopPage(title="剪纸工坊", slug="paper-cutting", date=datetime.date(2026, 7, 15))
    workshops.add_child(instance=page)
    assert page.get_workflow() == section.workflow


def test_its_pages_are_found_with_their_own_date_and_filtered_by_year(rf, workshops):
    page = WorkshopPage(
        title="马头琴工坊",
        slug="morin-khuur",
        date=datetime.date(2023, 8, 2),
        venue="社区活动室",
        summary="学做马头琴。",
    )
    workshops.add_child(instance=page)
    page.save_revision().publish()

    outcome = search(rf, "馬頭琴")  # Traditional characters find it as well
    assert [hit.object.pk for hit in outcome.hits] == [page.pk]
    assert outcome.hits[0].date == datetime.date(2023, 8, 2)
    assert [hit.object.pk for hit in search(rf, "马头琴", year=2023).hits] == [page.pk]
    assert search(rf, "马头琴", year=2026).hits == []
    assert [hit.object.pk for hit in search(rf, "社区活动室", page_type=WorkshopPage).hits] == [page.pk]


def test_word_files_import_into_it_as_its_own_page_type(workshops):
    text = "剪纸工坊开课\n撰稿：乌兰\n社区请来非遗传承人教居民剪窗花。\n".encode()

    result = import_document("workshop.txt", text, workshops)

    page = Page.objects.get(pk=result.page.pk).specific
    assert isinstance(page, WorkshopPage)
    assert page.get_parent().pk == workshops.pk
    assert (page.title, page.author, page.live) == ("剪纸工坊开课", "乌兰", False)


def test_reviewers_are_recorded_in_its_byline(workshops, django_user_model):
    reviewer = django_user_model.objects.create_user("reviewer", first_name="其其格")
    page = WorkshopPage(title="刺绣工坊", slug="embroidery")
    workshops.add_child(instance=page)
    page.save_revision()
    workflow_state = page.get_workflow().start(page, reviewer)
    while workflow_state.status == workflow_state.STATUS_IN_PROGRESS:
        task_state = workflow_state.current_task_state
        task_state.task.specific.on_action(task_state, reviewer, "approve")
        workflow_state.refresh_from_db()

    page.refresh_from_db()
    assert (page.live, page.reviewer) == (True, "其其格")


def test_site_administrators_get_its_permissions():
    groups = ensure_role_groups()
    permissions = Permission.objects.filter(group=groups[SITE_ADMINISTRATORS], content_type__app_label="testapp")

    assert {"add_workshoppage", "change_workshoppage"} <= set(permissions.values_list("codename", flat=True))
