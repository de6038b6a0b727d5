"""An edit-form panel listing a course's next ten sessions, so a wrong rule is caught before publishing."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel

PREVIEW_COUNT = 10


class UpcomingSessionsPanel(Panel):
    """Read-only: the next sessions of the page as saved in its latest revision (cancellations flagged)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Next ten sessions"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "classroom/panels/upcoming_sessions.html"

        def get_context_data(self, parent_context=None):
            from classroom.occurrences import next_occurrences

            context = super().get_context_data(parent_context)
            context["occurrences"] = next_occurrences(self.instance, timezone.localdate(), PREVIEW_COUNT)
            return context
