"""What editorial asks before a page goes live: section rights, the review workflow, the term list.

These are the checks of the publishing gate (:mod:`core.publishing`), which every way of
going live passes through, in every language:

1. Rights: the user must hold Wagtail's publish right on the page, which only site
   administrators hold (sections give editors and reviewers none, see
   :mod:`editorial.sections`). The site itself (a management command, a scheduled task) and a
   workflow's final approval need no right of their own.
2. Review: a page under a workflow (every page of a section, in every language) goes live
   only through its final approval (:func:`editorial.workflows.publish_approved`), or as the
   revision that approval scheduled. Nobody publishes it directly, site administrators included.
3. Content: a forbidden term of the term list keeps any page from going live, by anyone
   (:mod:`editorial.checks`).
"""

from __future__ import annotations

from django.utils.translation import gettext

from wagtail import hooks
from wagtail.models import PagePermissionTester

from core.publishing import PUBLICATION_CHECK_HOOK, Publication

from .checks import check_page, summarise


@hooks.register(PUBLICATION_CHECK_HOOK)
def section_rights_and_review(publication: Publication) -> list[str]:
    """Refuse a user without the publish right, and a direct publication of a page under review."""
    user, page = publication.user, publication.page
    if user is None or publication.approved:
        return []
    if not PagePermissionTester(user, page).can_publish():
        return [gettext("You may not publish “%(title)s”: pages of this section go live after review.")
                % {"title": page.get_admin_display_title()}]  # fmt: skip
    workflow = page.get_workflow()
    if workflow is not None and workflow.active:
        return [
            gettext("“%(title)s” goes live only when its review (%(workflow)s) approves it: submit it for review.")
            % {"title": page.get_admin_display_title(), "workflow": workflow.name}
        ]
    return []


@hooks.register(PUBLICATION_CHECK_HOOK)
def no_forbidden_terms(publication: Publication) -> list[str]:
    """Refuse content with a forbidden term, whoever publishes it and in whatever language."""
    if not publication.check_content:
        return []
    hits = [hit for hit in check_page(publication.page) if hit.blocking]
    if not hits:
        return []
    return [
        gettext("“%(title)s” cannot go live while it contains forbidden terms.")
        % {"title": publication.page.get_admin_display_title()},
        *summarise(hits),
    ]
