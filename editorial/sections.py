"""Roles, sections and their review workflow.

Five role groups give admin access and the rights every member of a role needs
(editors maintain the term list, for instance). Pages are reached only through
sections: each section index page (one community's stories, say) gets its own editors,
first reviewers (初审) and final reviewers (终审) groups with rights on that subtree, and a
two-step workflow whose steps only those reviewers can approve. Creating a section page
sets all of this up (see ``editorial.signals``), so an editor of one community can never
touch another community's pages, and reviewers see only their own sections' tasks.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
    get_page_models,
)

from core.mixins import SectionIndexMixin

from .models import Section

EDITORS = "Editors"  # Wagtail's own group of that name, stripped of its site-wide page rights
FIRST_REVIEWERS = "First reviewers (初审)"
FINAL_REVIEWERS = "Final reviewers (终审)"
TRANSLATORS = "Translators (翻译)"
SITE_ADMINISTRATORS = "Site administrators"
ROLE_GROUPS = (EDITORS, FIRST_REVIEWERS, FINAL_REVIEWERS, TRANSLATORS, SITE_ADMINISTRATORS)

ADMIN = "wagtailadmin.access_admin"
ROLE_PERMISSIONS = {
    EDITORS: [ADMIN, "wagtail_localize.submit_translation", "editorial.add_term", "editorial.change_term",
              "editorial.delete_term", "editorial.view_term"],
    FIRST_REVIEWERS: [ADMIN, "editorial.view_term", "editorial.view_section"],
    FINAL_REVIEWERS: [ADMIN, "editorial.view_term", "editorial.view_section"],
    TRANSLATORS: [ADMIN, "wagtail_localize.submit_translation", "editorial.view_term"],
}  # fmt: skip
ROLE_COLLECTION_PERMISSIONS = {
    EDITORS: ["add_image", "choose_image", "add_document", "choose_document"],
    FIRST_REVIEWERS: ["choose_image", "choose_document"],
    FINAL_REVIEWERS: ["choose_image", "choose_document"],
    TRANSLATORS: ["choose_image", "choose_document"],
    SITE_ADMINISTRATORS: [
        "add_image", "change_image", "delete_image", "choose_image",
        "add_document", "change_document", "delete_document", "choose_document",
    ],
}  # fmt: skip
ADMINISTRATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page",
                                  "unlock_page"]  # fmt: skip

# Rights of the section groups on the section's pages. Nobody below site administrator
# may publish: pages go live only when the final review approves them (see workflows.py).
SECTION_PAGE_PERMISSIONS = {
    "editors": ["add_page", "change_page"],
    "first_reviewers": ["change_page", "lock_page"],
    "final_reviewers": ["change_page", "lock_page", "unlock_page"],
}
TRANSLATION_PAGE_PERMISSIONS = ["change_page"]


def administrator_apps() -> list[str]:
    """Labels of every installed app that has models: site administrators get all their permissions.

    Found through the app registry, so a new content app's permissions come with it.
    """
    return [config.label for config in apps.get_app_configs() if next(iter(config.get_models()), None)]


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


@transaction.atomic
def ensure_role_groups() -> dict[str, Group]:
    """Create the five role groups with their rights; safe to run again."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLE_GROUPS}
    for name, permissions in ROLE_PERMISSIONS.items():
        groups[name].permissions.add(*[_permission(p) for p in permissions])
    groups[SITE_ADMINISTRATORS].permissions.add(
        *Permission.objects.filter(content_type__app_label__in=administrator_apps())
    )
    # Wagtail's stock "Editors" group may edit every page of the site: the whole point of
    # sections is that it may not.
    GroupPagePermission.objects.filter(group=groups[EDITORS]).delete()
    root = Page.get_first_root_node()
    for codename in ADMINISTRATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=groups[SITE_ADMINISTRATORS], page=root, permission=_page_permission(codename)
        )
    root_collection = Collection.get_first_root_node()
    for name, codenames in ROLE_COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            permission = _collection_permission(codename)
            if permission is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name], collection=root_collection, permission=permission
                )
    return groups


def _collection_permission(codename: str) -> Permission | None:
    """Image or document permission ("add_image", "choose_document"…) for the models this site uses.

    A custom document model has codenames of its own (add_sitedocument, say); a permission
    the model lacks is skipped.
    """
    action, kind = codename.split("_")
    model = get_image_model() if kind == "image" else get_document_model()
    return Permission.objects.filter(
        content_type=ContentType.objects.get_for_model(model), codename=get_permission_codename(action, model._meta)
    ).first()


def section_page_models() -> list[type[Page]]:
    """Page types whose pages are sections: those that subclass core.mixins.SectionIndexMixin."""
    return [model for model in get_page_models() if issubclass(model, SectionIndexMixin)]


def is_section_page(page: Page) -> bool:
    """Whether pages of this type are sections (they get their own groups and workflow)."""
    return issubclass(page.specific_class or type(page), SectionIndexMixin)


def _unique_group(name: str) -> Group:
    candidate, number = name, 1
    while Group.objects.filter(name=candidate).exists():
        number += 1
        candidate = f"{name} {number}"
    return Group.objects.create(name=candidate)


def _new_section(page: Page) -> Section:
    name = page.title[:100]
    editors = _unique_group(f"{name} · editors")
    first = _unique_group(f"{name} · first reviewers (初审)")
    final = _unique_group(f"{name} · final reviewers (终审)")
    workflow = Workflow.objects.create(name=f"{name} · review (初审 → 终审)")
    for order, (label, group) in enumerate([("first review (初审)", first), ("final review (终审)", final)]):
        task = GroupApprovalTask.objects.create(name=f"{name} · {label}")
        task.groups.set([group])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return Section.objects.create(
        translation_key=page.translation_key,
        name=name,
        editors=editors,
        first_reviewers=first,
        final_reviewers=final,
        workflow=workflow,
    )


@transaction.atomic
def setup_section(page: Page) -> Section:
    """Make ``page`` a section, or add this language version of it to its section; safe to run again.

    Creates the section's three groups and its two-step workflow the first time, then
    gives the groups their rights on ``page`` and assigns the workflow to it.
    """
    section = Section.objects.filter(translation_key=page.translation_key).first() or _new_section(page)
    for attribute, codenames in SECTION_PAGE_PERMISSIONS.items():
        group = getattr(section, attribute)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=_page_permission(codename))
    if page.locale_id != Locale.get_default().pk:
        translators = Group.objects.filter(name=TRANSLATORS).first()
        if translators:
            for codename in TRANSLATION_PAGE_PERMISSIONS:
                GroupPagePermission.objects.get_or_create(
                    group=translators, page=page, permission=_page_permission(codename)
                )
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": section.workflow})
    return section


def create_section(parent: Page, page: Page) -> Section:
    """Add ``page`` (an unsaved section index page) under ``parent`` and set up its groups and workflow."""
    parent.add_child(instance=page)
    return setup_section(page)  # the post_save handler already did it; this returns the section


def section_page_types() -> list[ContentType]:
    """Content types of the section page models."""
    return list(ContentType.objects.get_for_models(*section_page_models()).values())


def setup_all_sections() -> list[Section]:
    """Set up every existing section page (for sites created before this app, or after a restore)."""
    pages = Page.objects.filter(content_type__in=section_page_types()).order_by("path")
    return [setup_section(page) for page in pages]


def section_for_page(page: Page) -> Section | None:
    """The section a page belongs to: the closest ancestor (or the page itself) that is a section."""
    ancestors = list(page.get_ancestors(inclusive=True).values_list("translation_key", flat=True))
    sections = {section.translation_key: section for section in Section.objects.filter(translation_key__in=ancestors)}
    for key in reversed(ancestors):
        if key in sections:
            return sections[key]
    return None


def sections_for_user(user) -> list[Section]:
    """Sections the user works in (all of them for site administrators)."""
    queryset = Section.objects.select_related("workflow")
    if user.is_superuser or user.groups.filter(name=SITE_ADMINISTRATORS).exists():
        return list(queryset)
    group_ids = list(user.groups.values_list("pk", flat=True))
    return list(
        queryset.filter(editors__in=group_ids)
        | queryset.filter(first_reviewers__in=group_ids)
        | queryset.filter(final_reviewers__in=group_ids)
    )
