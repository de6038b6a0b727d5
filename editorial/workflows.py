"""What happens when a page passes its final review: its reviewers are recorded, then it goes live.

Wagtail imports ``publish_approved`` while it defines its workflow models, so this module
imports Wagtail's models inside the functions.
"""

from __future__ import annotations


def display_name(user) -> str:
    """How a reviewer is named in a byline: full name, else user name."""
    return user.get_full_name().strip() or user.get_username()


def reviewer_names(workflow_state) -> list[str]:
    """Names of the people who approved the steps of this workflow run, in the order they approved."""
    from wagtail.models import TaskState

    states = (
        TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_APPROVED)
        .exclude(finished_by=None)
        .select_related("finished_by")
        .order_by("finished_at", "pk")
    )
    names: list[str] = []
    for state in states:
        name = display_name(state.finished_by)
        if name not in names:
            names.append(name)
    return names


def record_reviewers(page, names: list[str]) -> bool:
    """Fill the page's reviewer byline (core.mixins.BylineMixin) with ``names`` if the editor left it empty.

    Returns True if the page changed; pages without a byline are left alone.
    """
    from core.mixins import BylineMixin

    return isinstance(page, BylineMixin) and page.record_reviewers(names)


def publish_approved(workflow_state, user=None) -> None:
    """WAGTAIL_FINISH_WORKFLOW_ACTION: record the reviewers in the byline, then publish.

    The permission check is skipped on purpose: passing the final review is what allows
    a page to go live, and reviewers hold no publish right of their own. The publishing
    gate (core.publishing) is told the page passed its review; its content is still checked.
    """
    from wagtail.log_actions import log
    from wagtail.models import Page

    from core.publishing import approved_publication

    obj = workflow_state.content_object
    revision = obj.get_latest_revision()
    if isinstance(obj, Page):
        page = revision.as_object()
        names = reviewer_names(workflow_state)
        if record_reviewers(page, names):
            revision = page.save_revision(user=user, clean=False, log_action=False)
            log(page, "shiliu.reviewers_recorded", user=user, revision=revision, data={"reviewers": names})
    with approved_publication(obj):
        revision.publish(user=user, skip_permission_checks=True)
