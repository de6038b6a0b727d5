"""wagtail-localize's views, held to the same rules as the page editor.

wagtail-localize checks only its global "submit translation" permission before it
translates, syncs or publishes. Here each of its views that can change or publish a page
asks what the page editor asks:

- translating (submit) and syncing (update) a page: the user may edit the source page (its
  section's own people), or is a translator who may edit the target section and the source
  page is live (a translator sees only published text, never another section's draft);
- publishing: the publishing gate (:mod:`core.publishing`). A page under review is never
  published from here: its translator submits it for review instead, and it goes live on the
  final approval, with the term check, like its source;
- converting a translation to an alias of its source: this replaces the page's content
  with the source's, so it needs the publishing gate's yes;
- deleting: Wagtail's delete view asks ``permissions_for_user`` (core.publishing's tester).

The views replace wagtail-localize's at the same admin URLs (registered ahead of them, see
``editorial.wagtail_hooks``), so its buttons, links and the translation editor keep working.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext

from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import convert, submit_translations, update_translations

from core.publishing import PublicationRefused, publication_problems

from .checks import check_page, summarise


def may_translate(user, source_page, target_locales=None) -> bool:
    """Whether ``user`` may make or sync translations of ``source_page`` (a page, any type).

    Args:
        user: the admin user.
        source_page: the page in its source language.
        target_locales: the locales asked for; every locale but the source's when None.
    Returns:
        True for whoever may edit the source page; for anyone else (a translator) only when
        the source page is live and they may edit, in every target locale, the translation
        of the page or of its parent (where the new translation would go).
    """
    if not user.has_perm("wagtail_localize.submit_translation"):
        return False
    if source_page.permissions_for_user(user).can_edit():
        return True
    if not source_page.live:
        return False
    locales = target_locales if target_locales is not None else Locale.objects.exclude(pk=source_page.locale_id)
    parent = source_page.get_parent()
    for locale in locales:
        target = source_page.get_translation_or_none(locale) or parent.get_translation_or_none(locale)
        if target is None or not target.permissions_for_user(user).can_edit():
            return False
    return True


class SubmitPageTranslationView(submit_translations.SubmitPageTranslationView):
    """wagtail-localize's "Translate this page", only for those who may translate the page; always drafts."""

    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs["page_id"])
        if not page.is_root() and not may_translate(request.user, page.specific):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        if not may_translate(self.request.user, self.object, form.cleaned_data["locales"]):
            raise PermissionDenied
        # A subtree holds drafts too: only those who may edit the page translate it whole.
        may_edit = self.object.permissions_for_user(self.request.user).can_edit()
        if form.cleaned_data.get("include_subtree") and not may_edit:
            raise PermissionDenied
        return super().form_valid(form)


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages": only for those who may translate the page, and
    "publish immediately" only through the publishing gate."""

    def dispatch(self, request, *args, **kwargs):
        source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
        instance = source.get_source_instance()
        if isinstance(instance, Page) and not may_translate(request.user, instance.specific):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        if form.cleaned_data.get("publish_translations"):
            refused = []
            for translation in self.object.translations.filter(enabled=True).select_related("target_locale"):
                target = translation.get_target_instance()
                if isinstance(target, Page):
                    refused += publication_problems(target, self.request.user, check_content=False)
            if refused:
                form.add_error("publish_translations", refused[0])
                return self.render_to_response(self.get_context_data(form=form))
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except PublicationRefused as refusal:
            form.add_error("publish_translations", " ".join(map(str, refusal.messages)))
            return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None)
        context = super().get_context_data(**kwargs)
        if form is not None:
            context["form"] = form
        return context


def convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page", only when the publishing gate lets the page change live."""
    page = get_object_or_404(Page, id=page_id, alias_of_id__isnull=True)
    problems = publication_problems(page, request.user, check_content=False)
    if problems:
        messages.error(request, " ".join(problems))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return convert.convert_to_alias(request, page_id)


def submit_translation_for_review(request, translation: Translation, page):
    """Save the translation as a draft of ``page`` and send it to its review (the translation editor's publish).

    A translation with a forbidden term is kept as a draft and not submitted; the message
    lists the terms. Returns the redirect back to the editor.
    """
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    translation.save_target(user=request.user, publish=False)
    page = page.specific_class.objects.get(pk=page.pk)
    draft = page.get_latest_revision_as_object()
    hits = [hit for hit in check_page(draft) if hit.blocking]
    if hits:
        messages.error(
            request,
            " ".join(
                [
                    gettext("Saved as a draft, not submitted for review: it contains forbidden terms."),
                    *summarise(hits),
                ]
            ),
        )
        return redirect(request.path)
    workflow_state = page.current_workflow_state
    if workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        workflow_state.resume(request.user)
    elif workflow_state is None:
        page.get_workflow().start(page, request.user)
    messages.success(
        request,
        gettext("“%(title)s” was saved and submitted for review; it goes live when the review approves it.")
        % {"title": page.get_admin_display_title()},
    )
    return redirect(request.path)


def edit_translation_through_gate(request, page):
    """``before_edit_page``: the translation editor's publish button goes through the publishing gate.

    When the gate refuses a direct publication because the page is under review, the
    translation is submitted for review instead; any other refusal is shown as a message.
    Returns None to let wagtail-localize (or the page editor) answer.
    """
    if request.method != "POST" or request.POST.get("action") not in {"publish", "submit"}:
        return None
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()
    if translation is None:
        return None
    specific = page.specific
    if not publication_problems(specific, request.user, check_content=False):
        try:
            with transaction.atomic():
                translation.save_target(user=request.user, publish=True)
        except PublicationRefused as refusal:
            messages.error(request, " ".join(map(str, refusal.messages)))
        else:
            messages.success(request, gettext("Published “%(title)s”.") % {"title": specific.get_admin_display_title()})
        return redirect(request.path)
    if specific.get_workflow() is not None and specific.permissions_for_user(request.user).can_edit():
        return submit_translation_for_review(request, translation, specific)
    raise PermissionDenied


def translation_urls():
    """The replacements of wagtail-localize's views, at its own admin URLs."""
    from django.urls import path

    return [
        path(
            "localize/submit/page/<int:page_id>/",
            SubmitPageTranslationView.as_view(),
            name="shiliu_submit_page_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslationsView.as_view(),
            name="shiliu_update_translations",
        ),
        path("localize/page/<int:page_id>/convert_to_alias/", convert_to_alias, name="shiliu_convert_to_alias"),
    ]
