"""The import register: which document went into which index, so a second import is a duplicate."""

from __future__ import annotations

from wagtail.models import Page

from editorial.models import ImportRecord


def find_duplicate(digest: str, parent: Page) -> ImportRecord | None:
    """The record of a document with this content digest imported under ``parent`` before, if any.

    The same file may go into another index (another section); only the same index counts.
    """
    return ImportRecord.objects.filter(content_hash=digest, parent=parent).select_related("page").first()


def record_import(digest: str, parent: Page, page: Page, filename: str, user=None) -> ImportRecord:
    """Register that ``filename`` (content ``digest``) became ``page`` under ``parent``."""
    return ImportRecord.objects.create(
        content_hash=digest, parent=parent, page=page, filename=filename, imported_by=user
    )
