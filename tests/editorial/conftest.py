"""Two community sections with their editors and reviewers, and helpers to drive the page editor."""

import pytest

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from editorial.checks import invalidate_matcher
from editorial.sections import EDITORS, FINAL_REVIEWERS, FIRST_REVIEWERS, create_section, ensure_role_groups
from stories.models import StoryIndexPage
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fresh_matcher():
    """Each test builds the term automaton from its own term list."""
    invalidate_matcher()
    yield
    invalidate_matcher()


@pytest.fixture
def roles(db):
    return ensure_role_groups()


@pytest.fixture
def sections(home, roles):
    """Two communities, A and B, each a section with its own groups and review workflow."""
    a = create_section(home, StoryIndexPage(title="阿吉拉沁社区", slug="ajilaqin", locale=home.locale))
    b = create_section(home, StoryIndexPage(title="光明社区", slug="guangming", locale=home.locale))
    return {"a": a, "b": b}


@pytest.fixture
def index_a(sections):
    return sections["a"].pages().get().specific


@pytest.fixture
def index_b(sections):
    return sections["b"].pages().get().specific


@pytest.fixture
def people(sections, roles):
    """An editor, a first reviewer and a final reviewer for each community."""
    found = {}
    for key, section in sections.items():
        found[f"editor_{key}"] = UserFactory(
            username=f"editor_{key}", first_name=f"编辑{key.upper()}", groups=[roles[EDITORS], section.editors]
        )
        found[f"first_{key}"] = UserFactory(
            username=f"first_{key}",
            first_name=f"初审{key.upper()}",
            groups=[roles[FIRST_REVIEWERS], section.first_reviewers],
        )
        found[f"final_{key}"] = UserFactory(
            username=f"final_{key}",
            first_name=f"终审{key.upper()}",
            groups=[roles[FINAL_REVIEWERS], section.final_reviewers],
        )
    return found


def story_form(title: str = "邻里守望相助", body: str = "<p>各族居民一起包饺子。</p>", **fields) -> dict:
    """POST data for the story editor."""
    data = {
        "title": title,
        "slug": fields.pop("slug", "story"),
        "date": "2025-05-13",
        "summary": fields.pop("summary", ""),
        "body": streamfield([("paragraph", rich_text(body))]),
        "comments": inline_formset([]),
        **fields,
    }
    return nested_form_data(data)


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=["stories", "storypage", parent.pk])


def denied(response) -> bool:
    """Wagtail answers a forbidden admin request with 403, or by sending the user to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")
