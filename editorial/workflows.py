"""What happens when a page passes its final review: its reviewers are recorded, then it goes live.

Wagtail imports ``publish_approved`` while it defines its workflow models, so this module
imports Wagtail's models inside the functions.
"""

from __future__ import annotations

REVIEWER_FIELD = "reviewer"  # the byline field (审核) a page type offers for reviewer names


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
    """Fill the page's reviewer byline with ``names`` if the page has one and the editor left it empty."""
    field = next((f for f in page._meta.concrete_fields if f.name == REVIEWER_FIELD), None)
    if field is None or not names or getattr(page, REVIEWER_FIELD):
        return False
    separator = "、" if page.locale.language_code.startswith("zh") else ", "
    setattr(page, REVIEWER_FIELD, separator.join(names)[: field.max_length])
    return True


def publish_approved(workflow_state, user=None) -> None:
    """WAGTAIL_FINISH_WORKFLOW_ACTION: record the reviewers in the byline, then publish.

    The permission check is skipped on purpose: passing the final review is what allows
    a page to go live, and reviewers hold no publish right of their own.
    """
    from wagtail.log_actions import log
    from wagtail.models import Page

    obj = workflow_state.content_object
    revision = obj.get_latest_revision()
    if isinstance(obj, Page):
        page = revision.as_object()
        names = reviewer_names(workflow_state)
        if record_reviewers(page, names):
            revision = page.save_revision(user=user, clean=False, log_action=False)
            log(page, "shiliu.reviewers_recorded", user=user, revision=revision, data={"reviewers": names})
    revision.publish(user=user, skip_permission_checks=True)
