"""The term list in the admin, checks on submission, import and check buttons, the review queue report."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.forms import REVIEW_CHECK_HOOK, SUBMITTING_ACTIONS
from core.mixins import ImportTargetMixin
from textkit.stream import iter_texts

from . import publishing, translations, views  # noqa: F401 - publishing registers the gate's checks
from .checks import check_page, check_texts, summarise
from .models import Term
from .sections import sections_for_user


class TermViewSet(SnippetViewSet):
    model = Term
    icon = "warning"
    menu_label = _("Term list")
    menu_name = "term-list"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["phrase", "kind", "suggestion", "note", "updated_at"]
    list_filter = ["kind"]
    ordering = ["kind", "phrase"]


register_snippet(TermViewSet)


# Checks when a page is submitted for review -------------------------------------------

SKIPPED_FORM_FIELDS = {"slug", "comments"}


def form_texts(form) -> list[tuple[str, str]]:
    """(label, text) pairs for every text the editor typed in a page form, inline panels included."""
    texts: list[tuple[str, str]] = []
    for name, value in form.cleaned_data.items():
        if name in SKIPPED_FORM_FIELDS or name not in form.fields:
            continue
        texts.extend(iter_texts(value, str(form.fields[name].label or name)))
    for name, formset in getattr(form, "formsets", {}).items():
        if name in SKIPPED_FORM_FIELDS:
            continue
        for subform in formset.forms:
            data = getattr(subform, "cleaned_data", None) or {}
            if data.get("DELETE"):
                continue
            for field, value in data.items():
                if field in subform.fields and field != "DELETE":
                    texts.extend(iter_texts(value, str(subform.fields[field].label or field)))
    return texts


@hooks.register(REVIEW_CHECK_HOOK)
def block_forbidden_terms(form) -> list[str]:
    """Forbidden terms keep a page from review; each is reported in context with its replacement."""
    hits = [hit for hit in check_texts(form_texts(form)) if hit.blocking]
    if not hits:
        return []
    return [
        gettext("This page cannot go to review while it contains forbidden terms. Replace them and submit again."),
        *summarise(hits),
    ]


def warn_about_terms(request, page) -> None:
    """After a page went to review, list the outdated formulations, typos and private-use text found."""
    if not any(request.POST.get(name) for name in SUBMITTING_ACTIONS):
        return
    hits = [hit for hit in check_page(page) if not hit.blocking]
    if not hits:
        return
    messages.warning(
        request,
        format_html(
            "{}<ul>{}</ul>",
            gettext("Submitted. The content check found the following; “Content check” on the page shows them again:"),
            format_html_join("", "<li>{}</li>", ((line,) for line in summarise(hits))),
        ),
    )


hooks.register("after_create_page", warn_about_terms)
hooks.register("after_edit_page", warn_about_terms)


def _keep_as_draft_if_only_terms_block(request, form_class, instance, parent) -> None:
    """A submission refused only for forbidden terms is saved as a draft instead of not at all.

    The page form refuses the submission (core.forms, ``block_forbidden_terms``); when that is
    its only error, the submit button is taken out of the request, so Wagtail saves a draft,
    and ``report_draft_kept`` says why it was not submitted.
    """
    if request.method != "POST" or not any(request.POST.get(name) for name in SUBMITTING_ACTIONS):
        return
    form = form_class(request.POST, request.FILES, instance=instance, parent_page=parent, for_user=request.user)
    if form.is_valid():
        return
    errors = form.errors.as_data()
    if set(errors) != {"__all__"} or any(error.code != "review_check" for error in errors["__all__"]):
        return
    if any(formset.errors and any(formset.errors) for formset in getattr(form, "formsets", {}).values()):
        return
    post = request.POST.copy()
    for name in SUBMITTING_ACTIONS:
        post.pop(name, None)
    request.POST = post
    request.shiliu_review_blocked = [message for error in errors["__all__"] for message in error.messages]


@hooks.register("before_edit_page")
def keep_blocked_edit_as_draft(request, page):
    latest = page.get_latest_revision_as_object()
    _keep_as_draft_if_only_terms_block(request, latest.get_edit_handler().get_form_class(), latest, page.get_parent())


@hooks.register("before_create_page")
def keep_blocked_new_page_as_draft(request, parent_page, page_class):
    instance = page_class(owner=request.user, locale=parent_page.locale)
    _keep_as_draft_if_only_terms_block(request, instance.get_edit_handler().get_form_class(), instance, parent_page)


def report_draft_kept(request, page) -> None:
    """After a submission was turned into a draft save: say so, with the terms, in the admin's language."""
    blocked = getattr(request, "shiliu_review_blocked", None)
    if not blocked:
        return
    messages.error(
        request,
        format_html(
            "{}<ul>{}</ul>",
            gettext("Saved as a draft, not submitted for review: it contains forbidden terms."),
            format_html_join("", "<li>{}</li>", ((line,) for line in blocked[1:] or blocked)),
        ),
    )


hooks.register("after_create_page", report_draft_kept)
hooks.register("after_edit_page", report_draft_kept)


# wagtail-localize's views through the publishing gate (editorial.translations) --------

# Registered ahead of wagtail-localize's own hooks (order 0), so these URLs and this
# before_edit_page hook answer first.
hooks.register("register_admin_urls", translations.translation_urls, order=-10)
hooks.register("before_edit_page", translations.edit_translation_through_gate, order=-10)


# Audit log actions ---------------------------------------------------------------------


@hooks.register("register_log_actions")
def register_editorial_log_actions(actions):
    actions.register_action("shiliu.import", _("Import from document"), _("Imported from a document"))
    actions.register_action(
        "shiliu.reviewers_recorded", _("Record reviewers"), _("Reviewers recorded in the byline on approval")
    )


# Admin views, buttons and the report ---------------------------------------------------


@hooks.register("register_admin_urls")
def register_editorial_urls():
    return [
        path(
            "editorial/import/<int:parent_page_id>/",
            views.ImportDocumentsView.as_view(),
            name="editorial_import_documents",
        ),
        path("editorial/check/<int:page_id>/", views.PageCheckView.as_view(), name="editorial_page_check"),
        path("reports/review-queue/", views.ReviewQueueView.as_view(), name="editorial_review_queue"),
        path(
            "reports/review-queue/results/",
            views.ReviewQueueView.as_view(results_only=True),
            name="editorial_review_queue_results",
        ),
    ]


class ImportDocumentsButton(PageMenuItem):
    label = _("Import documents")
    icon_name = "upload"
    url_name = "editorial_import_documents"

    def is_shown(self, user):
        model = self.page.specific_class
        return (
            bool(model)
            and issubclass(model, ImportTargetMixin)
            and self.page.permissions_for_user(user).can_add_subpage()
        )


class PageCheckButton(PageMenuItem):
    label = _("Content check")
    icon_name = "warning"
    url_name = "editorial_page_check"

    def is_shown(self, user):
        return not self.page.is_root() and self.page.permissions_for_user(user).can_edit()


@hooks.register("register_page_header_buttons")
def editorial_page_header_buttons(page, user, view_name, next_url=None):
    yield ImportDocumentsButton(page=page, priority=16)
    yield PageCheckButton(page=page, priority=66)


@hooks.register("register_page_listing_more_buttons")
def editorial_page_listing_buttons(page, user, next_url=None):
    yield ImportDocumentsButton(page=page, priority=9)
    yield PageCheckButton(page=page, priority=55)


class ReviewQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(sections_for_user(request.user))


@hooks.register("register_reports_menu_item")
def register_review_queue_menu_item():
    return ReviewQueueMenuItem(
        _("Review queue by section"),
        reverse("editorial_review_queue"),
        name="review-queue",
        icon_name="tasks",
        order=850,
    )
