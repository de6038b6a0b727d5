"""Admin views: import documents into an index that takes imports, the review queue report, and a page's term check."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, TaskState

from core.mixins import ImportTargetMixin

from .checks import check_page
from .imports import ImportResult, import_document
from .sections import sections_for_user

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files at once."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".docx,.md,.txt"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in files]
        for item in cleaned:
            if item.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError(_("%(name)s is larger than 20 MB.") % {"name": item.name})
        return cleaned


class ImportDocumentsForm(forms.Form):
    """Files to import as draft pages, and the options their page type asks for (a story's place)."""

    files = MultipleFileField(
        label=_("Documents"),
        help_text=_("Word (.docx), Markdown (.md) or text (.txt) files. Each becomes a draft story to review."),
    )

    def __init__(self, *args, option_fields: Mapping[str, forms.Field] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.option_names = list(option_fields or {})
        self.fields.update(option_fields or {})

    def import_options(self) -> dict[str, Any]:
        """The cleaned values of the page type's import option fields, by name."""
        return {name: self.cleaned_data.get(name) for name in self.option_names}


class ImportDocumentsView(WagtailAdminTemplateMixin, FormView):
    """Upload Word documents into an import target (a story index); each becomes a draft owned by the uploader.

    Any page whose type is an ImportTargetMixin takes uploads; its page type's import option
    fields are added to the form.
    """

    form_class = ImportDocumentsForm
    template_name = "editorial/import_documents.html"
    page_title = _("Import documents")
    header_icon = "doc-full-inverse"

    def dispatch(self, request, parent_page_id: int, *args, **kwargs):
        self.parent = get_object_or_404(Page, pk=parent_page_id).specific
        if not isinstance(self.parent, ImportTargetMixin):
            raise PermissionDenied
        if not self.parent.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return _("Import documents into “%(title)s”") % {"title": self.parent.get_admin_display_title()}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_explore", args=[self.parent.pk]),
                "label": self.parent.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def option_fields(self) -> dict[str, forms.Field]:
        """Fresh option fields for a form: what the imported page type asks for in this locale."""
        return self.parent.get_import_page_model().import_option_fields(self.parent.locale)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "option_fields": self.option_fields()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            parent=self.parent,
            action_url=reverse("editorial_import_documents", args=[self.parent.pk]),
            explore_url=reverse("wagtailadmin_explore", args=[self.parent.pk]),
            submit_button_label=_("Import"),
            submit_button_active_label=_("Importing…"),
        )
        return context

    def form_valid(self, form):
        options = form.import_options()
        results = [
            import_document(upload.name, upload.read(), self.parent, user=self.request.user, options=options)
            for upload in form.cleaned_data["files"]
        ]
        created = sum(result.status == ImportResult.CREATED for result in results)
        if created:
            messages.success(
                self.request,
                ngettext("%(count)d draft story created.", "%(count)d draft stories created.", created)
                % {"count": created},
            )
        if any(result.status == ImportResult.FAILED for result in results):
            messages.error(self.request, _("Some files could not be imported; see the reasons below."))
        return self.render_to_response(
            self.get_context_data(form=self.get_form_class()(option_fields=self.option_fields()), results=results)
        )


@dataclass
class ReviewQueueRow:
    """One review step of one section: how many pages wait there, and since when."""

    section: str
    step: str
    waiting: int
    oldest: datetime.datetime | None
    average_wait: datetime.timedelta | None

    @property
    def waiting_since(self) -> str:
        return timesince(self.oldest) if self.oldest else "—"

    @property
    def average(self) -> str:
        if self.average_wait is None:
            return "—"
        return timesince(timezone.now() - self.average_wait)


class ReviewQueueView(ReportView):
    """Per section, how many pages are waiting at each review step and for how long."""

    page_title = _("Review queue by section")
    header_icon = "tasks"
    index_url_name = "editorial_review_queue"
    index_results_url_name = "editorial_review_queue_results"
    paginate_by = 100
    columns = [
        Column("section", label=_("Section")),
        Column("step", label=_("Review step")),
        Column("waiting", label=_("Pages waiting")),
        Column("waiting_since", label=_("Longest wait")),
        Column("average", label=_("Average wait")),
    ]
    list_export = ["section", "step", "waiting", "oldest", "average_wait"]
    export_headings = {
        "section": _("Section"),
        "step": _("Review step"),
        "waiting": _("Pages waiting"),
        "oldest": _("Waiting since"),
        "average_wait": _("Average wait"),
    }
    no_results_message = _("You review or edit no section yet.")

    def get_filename(self) -> str:
        return f"review-queue-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self) -> list[ReviewQueueRow]:
        rows = []
        now = timezone.now()
        sections = sections_for_user(self.request.user)
        steps = {
            section.pk: list(section.workflow.tasks) for section in sections
        }  # one query per section: few sections, and tasks come in workflow order
        task_ids = [task.pk for tasks in steps.values() for task in tasks]
        waiting: dict[int, list[datetime.datetime]] = {}
        for task_id, started_at in TaskState.objects.filter(
            task_id__in=task_ids,
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__status="in_progress",
        ).values_list("task_id", "started_at"):
            waiting.setdefault(task_id, []).append(started_at)
        for section in sections:
            for task in steps[section.pk]:
                started = waiting.get(task.pk, [])
                rows.append(
                    ReviewQueueRow(
                        section=section.name,
                        step=task.name.removeprefix(f"{section.name} · "),
                        waiting=len(started),
                        oldest=min(started) if started else None,
                        average_wait=(sum((now - s for s in started), datetime.timedelta()) / len(started))
                        if started
                        else None,
                    )
                )
        return rows


class PageCheckView(WagtailAdminTemplateMixin, TemplateView):
    """The term list and private-use checks run over the latest draft of a page, hits in context."""

    template_name = "editorial/page_check.html"
    page_title = _("Content check")
    header_icon = "warning"

    def dispatch(self, request, page_id: int, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=page_id).specific
        permissions = self.page.permissions_for_user(request.user)
        if not permissions.can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_explore", args=[self.page.get_parent().pk]), "label": _("Pages")},
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        revision = self.page.get_latest_revision()
        page = revision.as_object() if revision else self.page
        hits = check_page(page)
        context.update(
            page=self.page,
            hits=hits,
            blocking=[hit for hit in hits if hit.blocking],
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
        )
        return context
