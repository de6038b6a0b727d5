"""Tell a reviewer what their review action did: approved (and what happens next) or sent back.

Wagtail's workflow action view (the dashboard's and the editor's "Approve" and "Request
changes") redirects without a word; this adds the message after it succeeded.
"""

from django.contrib import messages
from django.utils.translation import gettext

from wagtail.models import TaskState


class ReviewOutcomeMessageMiddleware:
    """After a successful review action, add a message saying which it was."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            request.method == "POST"
            and match is not None
            and match.view_name == "wagtailadmin_pages:workflow_action"
            and response.status_code in (200, 302)
        ):
            self.report(request, match.kwargs.get("task_state_id"))
        return response

    def report(self, request, task_state_id) -> None:
        state = TaskState.objects.filter(pk=task_state_id).select_related("task", "workflow_state").first()
        if state is None or state.finished_by_id != getattr(request.user, "pk", None):
            return
        page = state.workflow_state.content_object
        title = page.get_admin_display_title() if hasattr(page, "get_admin_display_title") else str(page)
        values = {"title": title, "task": state.task.name}
        if state.status == TaskState.STATUS_APPROVED:
            page.refresh_from_db()
            finished = state.workflow_state.status == state.workflow_state.STATUS_APPROVED
            if finished and getattr(page, "live", False):
                text = gettext("You approved “%(title)s” (%(task)s). The review is complete and the page is live.")
            elif finished:
                text = gettext(
                    "You approved “%(title)s” (%(task)s). The review is complete; it goes live when scheduled."
                )
            else:
                text = gettext("You approved “%(title)s” (%(task)s). It now waits for the next review step.")
            messages.success(request, text % values)
        elif state.status == TaskState.STATUS_REJECTED:
            messages.warning(
                request,
                gettext("You requested changes to “%(title)s” (%(task)s). It went back to its editor.") % values,
            )
