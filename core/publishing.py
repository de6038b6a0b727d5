"""May this page go live, by this user, now? One answer for every way a page goes live.

Every Shiliu page publishes through :meth:`core.models.BasePage.publish`, which every path
reaches: the page editor's publish button, the explorer's bulk publish, the Word import,
scheduled publishing (Wagtail's ``publish_scheduled``), a workflow's final approval and
wagtail-localize's publishing of translations. It asks :func:`publication_problems`, and
refuses with :class:`PublicationRefused` when there is any. Admin views ask the same
function first, to hide buttons and to answer with a message rather than an error.

Apps add what they check with the Wagtail hook :data:`PUBLICATION_CHECK_HOOK` (editorial
adds section rights, the review workflow and the term list); core names none of them.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied

from wagtail import hooks
from wagtail.models import Locale, PagePermissionTester

#: Functions registered under this hook name get a :class:`Publication` and return a list
#: of messages, each a reason the page may not go live; an empty list lets it through.
PUBLICATION_CHECK_HOOK = "check_page_publication"

# The signed-in user of the request being served, for publications that name no user:
# wagtail-localize publishes a translation after the transaction commits, without a user.
_request_user: contextvars.ContextVar[Any] = contextvars.ContextVar("shiliu_request_user", default=None)

# Pages (by primary key) whose publication a workflow's final approval is carrying out now.
_approved_pages: contextvars.ContextVar[frozenset[int]] = contextvars.ContextVar(
    "shiliu_approved_pages", default=frozenset()
)


@dataclass(frozen=True)
class Publication:
    """One request to make a page live.

    Attributes:
        page: the page as it would go live (a revision's content, specific).
        user: who asks; None for the site itself (a management command or a scheduled task
            run by the operator).
        revision: the revision that would go live, or None when only rights are asked about.
        check_content: False when only rights are asked about (to show or hide a button),
            True when the content itself is about to go live.
    """

    page: Any
    user: Any
    revision: Any = None
    check_content: bool = True

    @property
    def approved(self) -> bool:
        """The page passed its review: its workflow's final approval is publishing it now, or
        the revision was scheduled by an approved publication (Wagtail sets
        ``approved_go_live_at`` only when a publication with a future go-live date went through)."""
        if self.page.pk in _approved_pages.get():
            return True
        return self.revision is not None and self.revision.approved_go_live_at is not None


class PublicationRefused(PermissionDenied):
    """A page may not go live; ``messages`` say why, in the admin's language."""

    def __init__(self, page, messages: list[str]):
        self.page = page
        self.messages = list(messages)
        super().__init__(" ".join(str(message) for message in self.messages))


def publication_problems(page, user=None, *, revision=None, check_content: bool = True) -> list[str]:
    """Why ``page`` may not go live now by ``user`` (an empty list when it may).

    Args:
        page: a page; its specific version is checked.
        user: the user asking; None stands for the signed-in user of the request being served
            (:class:`PublishingUserMiddleware`), and outside a request for the site itself
            (management commands, scheduled tasks).
        revision: the revision that would go live; its content is checked instead of
            ``page``'s when given.
        check_content: also check the content (the term list); False asks about rights only.
    Returns:
        Messages for the person asking, one a reason.
    """
    if user is None:
        user = _request_user.get()
    if revision is not None:
        page = revision.as_object()
    publication = Publication(page=page.specific, user=user, revision=revision, check_content=check_content)
    problems: list[str] = []
    for check in hooks.get_hooks(PUBLICATION_CHECK_HOOK):
        problems.extend(check(publication) or [])
    return problems


def ensure_may_publish(page, user=None, *, revision=None) -> None:
    """Raise :class:`PublicationRefused` unless ``page`` (as of ``revision``) may go live by ``user`` now."""
    problems = publication_problems(page, user, revision=revision)
    if problems:
        raise PublicationRefused(page, problems)


@contextmanager
def approved_publication(page) -> Iterator[None]:
    """While inside, ``page`` counts as approved by its review (for the workflow's final approval only)."""
    token = _approved_pages.set(_approved_pages.get() | {page.pk})
    try:
        yield
    finally:
        _approved_pages.reset(token)


class GatedPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, with the publishing gate's answer on publishing and deleting.

    ``can_publish`` (the edit view's publish button, bulk publish, wagtail-localize's publish
    and every view that asks it) says yes only when :func:`publication_problems` finds no
    reason about rights. A translation may be deleted only by someone who may edit its
    source-language page, so a translator cannot delete a page whose source they cannot see.
    """

    def _gate_allows(self) -> bool:
        return not publication_problems(self.page, self.user, check_content=False)

    def can_publish(self):
        return super().can_publish() and self._gate_allows()

    def can_publish_subpage(self):
        return super().can_publish_subpage() and self._gate_allows()

    def can_set_view_restrictions(self):
        # Privacy is not publication: Wagtail's own publish right decides it.
        return super().can_publish()

    def can_delete(self, ignore_bulk=False):
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        if self.user.is_superuser:
            return True
        default_locale = Locale.get_default()
        if self.page.locale_id == default_locale.pk:
            return True
        source = self.page.get_translation_or_none(default_locale)
        return source is None or source.permissions_for_user(self.user).can_edit()


class PublishingUserMiddleware:
    """Makes the signed-in user the one the gate asks about when a publication names no user.

    Goes after Django's AuthenticationMiddleware. Without it a library that publishes with
    ``user=None`` during a request (wagtail-localize does, on commit) would act as the site.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # An anonymous visitor counts as a user too (one without any right), never as the site.
        token = _request_user.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _request_user.reset(token)
