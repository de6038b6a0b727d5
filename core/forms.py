"""The admin form of every Shiliu page: tidies pasted text and lets apps check a page before review.

Wagtail 8 has no hook that runs before a page is submitted to a workflow and can stop it
(``before_publish_page`` covers direct publishing only), so the check runs where the
submission is validated: in the page form, when the editor presses a submitting button.
"""

from __future__ import annotations

from django.forms import ValidationError

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamValue
from wagtail.fields import RichTextField

from textkit.html import tidy_rich_text
from textkit.normalise import has_controls, strip_controls
from textkit.stream import map_rich_text

# Functions registered under this hook name get the bound form and return a list of error
# messages; any message keeps the page from going to review (or being published).
REVIEW_CHECK_HOOK = "check_page_before_review"
SUBMITTING_ACTIONS = ("action-submit", "action-restart-workflow")


def is_review_action(data, *, can_publish: bool = False) -> bool:
    """Whether the posted buttons send the page to review, approve it, or publish it."""
    if any(data.get(name) for name in SUBMITTING_ACTIONS):
        return True
    if data.get("action-workflow-action") and data.get("workflow-action-name") == "approve":
        return True
    return bool(data.get("action-publish")) and can_publish


class BasePageForm(WagtailAdminPageForm):
    """Page form that drops control characters, tidies pasted rich text and runs the review checks apps register."""

    def __init__(self, data=None, *args, **kwargs):
        # Pasted text often carries Word's U+000B line breaks or stray NULs: they are dropped
        # before validation rather than refused, so nothing the editor wrote is lost.
        if hasattr(data, "lists") and any(
            isinstance(value, str) and has_controls(value) for _key, values in data.lists() for value in values
        ):
            data = data.copy()
            for key, values in data.lists():
                data.setlist(key, [strip_controls(value) if isinstance(value, str) else value for value in values])
        elif isinstance(data, dict) and any(isinstance(value, str) and has_controls(value) for value in data.values()):
            data = {key: strip_controls(value) if isinstance(value, str) else value for key, value in data.items()}
        super().__init__(data, *args, **kwargs)

    def can_publish(self) -> bool:
        user = getattr(self, "for_user", None)
        if user is None:
            return False
        if self.instance.pk:
            return self.instance.permissions_for_user(user).can_publish()
        return bool(self.parent_page) and self.parent_page.permissions_for_user(user).can_publish_subpage()

    def clean(self):
        cleaned_data = super().clean()
        for name, value in cleaned_data.items():
            if isinstance(value, StreamValue):
                map_rich_text(value, tidy_rich_text)
            elif isinstance(value, str) and name in self._rich_text_fields():
                cleaned_data[name] = tidy_rich_text(value)
        if is_review_action(self.data, can_publish=self.can_publish()):
            for check in hooks.get_hooks(REVIEW_CHECK_HOOK):
                for message in check(self) or []:
                    self.add_error(None, ValidationError(message, code="review_check"))
        return cleaned_data

    def _rich_text_fields(self) -> set[str]:
        return {field.name for field in self._meta.model._meta.fields if isinstance(field, RichTextField)}
