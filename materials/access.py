"""Who may download what: public materials for everyone, teacher-only ones for the Teachers group.

Teacher-only files live in one Wagtail collection with a view restriction to the Teachers group
(and the editors' groups), so Wagtail's own document view (WAGTAILDOCS_SERVE_METHOD "serve_view")
checks every request for them, the search page and the API leave them out
(search.services.public_documents), and /media/documents/ is never served directly.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login as django_redirect_to_login
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Collection, CollectionViewRestriction

from core.visitors import visitor_digest as core_visitor_digest

TEACHERS = "Teachers"
#: Groups that may open teacher-only files besides teachers: those who publish them.
STAFF_GROUPS = ("Editors", "Moderators")
TEACHER_COLLECTION = _("Teacher-only materials")


def teachers_group() -> Group:
    return Group.objects.get_or_create(name=TEACHERS)[0]


@transaction.atomic
def teacher_collection() -> Collection:
    """The collection of teacher-only files, with its view restriction; made on first use."""
    root = Collection.get_first_root_node()
    name = str(TEACHER_COLLECTION)
    collection = root.get_children().filter(name=name).first() or root.add_child(name=name)
    restriction, _created = CollectionViewRestriction.objects.get_or_create(
        collection=collection, defaults={"restriction_type": CollectionViewRestriction.GROUPS}
    )
    if restriction.restriction_type != CollectionViewRestriction.GROUPS:
        restriction.restriction_type = CollectionViewRestriction.GROUPS
        restriction.save()
    restriction.groups.add(teachers_group(), *Group.objects.filter(name__in=STAFF_GROUPS))
    return collection


def file_documents(documents: Iterable, *, teacher_only: bool) -> None:
    """Move the documents of a teacher-only material into the teacher collection.

    Documents of a public material are left where the editor put them: a file may be
    shared with a teacher-only material, and is then private for both.
    """
    documents = [document for document in documents if document is not None]
    if not teacher_only or not documents:
        return
    collection = teacher_collection()
    type(documents[0]).objects.filter(pk__in=[d.pk for d in documents]).exclude(collection=collection).update(
        collection=collection
    )


def is_teacher(user) -> bool:
    """True for a logged-in user in the Teachers or an editors' group, or a superuser."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=(TEACHERS, *STAFF_GROUPS)).exists()


def is_editor(user) -> bool:
    """True for a superuser or a member of an editors' group: they may invite teachers."""
    return user.is_authenticated and (user.is_superuser or user.groups.filter(name__in=STAFF_GROUPS).exists())


def may_download(user, material) -> bool:
    """True when ``user`` may download the files of ``material``."""
    return not material.teacher_only or is_teacher(user)


def login_url(request) -> str:
    """The public login page, coming back to where the visitor was."""
    return f"{reverse('materials_login')}?next={request.get_full_path()}"


def redirect_to_login(request):
    return django_redirect_to_login(request.get_full_path(), reverse("materials_login"))


def unique_names(documents: list) -> list[str]:
    """The documents' file names, made unique within a zip ("plan.pdf", "plan-2.pdf")."""
    names, seen = [], set()
    for document in documents:
        name = document.filename
        stem, dot, extension = name.rpartition(".")
        if not dot:
            stem, extension = name, ""
        candidate, number = name, 1
        while candidate in seen:
            number += 1
            candidate = f"{stem}-{number}.{extension}" if extension else f"{stem}-{number}"
        seen.add(candidate)
        names.append(candidate)
    return names


def visitor_digest(request, material_id: int, day: datetime.date) -> str:
    """A keyed hash of the visitor's IP address and user agent, the material and the day.

    The key is derived from SECRET_KEY and the day, so yesterday's hashes cannot be matched
    with today's, and without the key none can be matched with an address.
    """
    return core_visitor_digest(request, "downloads", day, material_id)
