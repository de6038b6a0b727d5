"""The editorial part of the demo: a login per role, two community sections, a term list, a story in review."""

import io

import pytest

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from wagtail.models import TaskState

from devtools.demo.editorial import DEMO_PASSWORD, SECTIONS, USERS, load_editorial_demo
from editorial.models import Section, Term
from stories.models import StoryPage

pytestmark = pytest.mark.django_db


class Reporter(BaseCommand):
    """Stands in for load_demo: collects output and counts."""

    def __init__(self):
        super().__init__(stdout=io.StringIO())
        self.counts: dict[str, int] = {}

    def count(self, name: str, created: bool) -> None:
        self.counts[name] = self.counts.get(name, 0) + int(created)


def test_the_editorial_demo_is_complete_and_idempotent(home):
    first = Reporter()
    load_editorial_demo(first, home)
    again = Reporter()
    load_editorial_demo(again, home)

    assert set(again.counts.values()) == {0}  # nothing created the second time
    users = get_user_model().objects.filter(username__in=[username for username, *_rest in USERS])
    assert users.count() == len(USERS)
    assert all(user.check_password(DEMO_PASSWORD) for user in users)
    output = first.stdout.getvalue()
    assert all(username in output for username, *_rest in USERS) and DEMO_PASSWORD in output
    assert {name for _slug, name, *_rest in SECTIONS} <= set(Section.objects.values_list("name", flat=True))
    assert set(Term.objects.values_list("kind", flat=True)) == set(Term.Kind.values)
    assert Term.objects.filter(phrase__regex=r"[\u1800-\u18af]").exists()  # a Mongolian entry
    in_review = StoryPage.objects.get(slug="ajilaqin-naadam-volunteers")
    assert not in_review.live
    state = in_review.current_workflow_task_state
    assert state.status == TaskState.STATUS_IN_PROGRESS and state.task.name.endswith("first review (初审)")
    first_reviewer = get_user_model().objects.get(username="ajilaqin-first")
    assert TaskState.objects.reviewable_by(first_reviewer).filter(pk=state.pk).exists()
    assert not TaskState.objects.reviewable_by(get_user_model().objects.get(username="guangming-first")).exists()
