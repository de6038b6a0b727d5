"""Stage three of an import: a parsed document becomes a draft page under an import target.

The target is an index page that is an :class:`~core.mixins.ImportTargetMixin`; the page
type it names (an :class:`~core.mixins.ImportablePageMixin`) builds the page with
``from_import``. This stage saves the embedded images, gives the page a slug, adds it
under the index with a revision and audit log entries, publishes it when asked, and
registers the import, all in one transaction.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image as PILImage

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Page

from core.mixins import ImportTargetMixin

from .convert import DocumentImportError, EmbeddedImage
from .parse import ParsedDocument, parse_document
from .records import find_duplicate, record_import

WEB_IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}


@dataclass
class ImportResult:
    """The outcome for one file: created, duplicate or failed (with the reason)."""

    CREATED = "created"
    DUPLICATE = "duplicate"
    FAILED = "failed"

    filename: str
    status: str
    page: Page | None = None
    reason: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class SavedDocument:
    """A parsed document with its images saved: the :class:`~core.mixins.ImportedDocument` pages build from."""

    title: str
    summary: str
    body: list[tuple[str, Any]]
    byline: Mapping[str, str]
    main_image: Any = None


def save_image(embedded: EmbeddedImage, title: str):
    """A saved Wagtail image from embedded bytes, or None when Pillow cannot read them.

    Formats browsers cannot show are converted to PNG.
    """
    try:
        with PILImage.open(io.BytesIO(embedded.data)) as picture:
            picture.load()
            extension = WEB_IMAGE_FORMATS.get(picture.format or "")
            data = embedded.data
            if extension is None:
                converted = io.BytesIO()
                picture.convert("RGBA").save(converted, "PNG")
                data, extension = converted.getvalue(), "png"
    except Exception:  # Pillow cannot read EMF/WMF drawings and the like
        return None
    filename = f"import-{hashlib.sha256(data).hexdigest()[:12]}.{extension}"
    image = get_image_model()(title=title[:255], file=ImageFile(io.BytesIO(data), name=filename))
    image.save()
    return image


def save_images(parsed: ParsedDocument) -> tuple[SavedDocument, list[str]]:
    """Save the document's images and make image blocks of them; the first becomes the main image.

    Returns:
        The document ready for ``from_import``, and the parse warnings plus one for each
        image that could not be read (it is left out).
    """
    blocks, warnings, main_image = [], list(parsed.warnings), None
    image_number = 0
    for kind, value in parsed.body:
        if kind == "image":
            image_number += 1
            image = save_image(value, f"{parsed.title} ({image_number})")
            if image is None:
                warnings.append(_("Image %(number)d could not be read and was left out.") % {"number": image_number})
                continue
            main_image = main_image or image
            blocks.append(("image", {"image": image, "alt_text": value.alt_text, "caption": "", "credit": ""}))
        else:
            blocks.append((kind, value))
    document = SavedDocument(
        title=parsed.title, summary=parsed.summary, body=blocks, byline=dict(parsed.byline), main_image=main_image
    )
    return document, warnings


def _slug_for(title: str, parent: Page, digest: str) -> str:
    base = slugify(title, allow_unicode=True)[:60].strip("-") or f"import-{digest[:8]}"
    slug, number = base, 1
    while not Page._slug_is_available(slug, parent):
        number += 1
        slug = f"{base}-{number}"
    return slug


def import_document(
    filename: str,
    data: bytes,
    parent: Page,
    *,
    user=None,
    publish: bool = False,
    options: Mapping[str, Any] | None = None,
    base_dir: Path | None = None,
) -> ImportResult:
    """Import one file as a page under ``parent``, as a draft unless ``publish``.

    Args:
        filename: the file's name (its suffix chooses the converter; it is recorded).
        data: the file's bytes.
        parent: an index page whose specific class is an ImportTargetMixin; the page type
            it names builds the new page.
        user: the owner of the page and the author of its revision and log entries.
        publish: publish the page at once instead of leaving a draft for review.
        options: the values of the page type's ``import_option_fields`` by name (a story's place).
        base_dir: the folder Markdown image paths are relative to.
    Returns:
        Created (with the new page), duplicate (with the page that already holds this
        content) or failed (with the reason). Never raises for a bad file.
    Raises:
        TypeError: ``parent`` takes no imports (a programming error, not a bad file).
    """
    target = parent.specific
    if not isinstance(target, ImportTargetMixin):
        raise TypeError(f"{type(target).__name__} is not an ImportTargetMixin and takes no imports.")
    name = Path(filename).name
    try:
        parsed = parse_document(name, data, base_dir)
    except DocumentImportError as error:
        return ImportResult(name, ImportResult.FAILED, reason=str(error))
    digest = parsed.digest()
    with transaction.atomic():
        existing = find_duplicate(digest, target)
        if existing:
            return ImportResult(
                name,
                ImportResult.DUPLICATE,
                page=existing.page,
                reason=_("Already imported as “%(title)s”.") % {"title": existing.page.title},
            )
        document, warnings = save_images(parsed)
        page = target.get_import_page_model().from_import(document, locale=target.locale, options=options or {})
        page.slug = _slug_for(page.title, target, digest)
        page.owner = user
        page.live = False
        target.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=False)
        log(page, "wagtail.create", user=user)
        log(page, "shiliu.import", user=user, revision=revision, data={"filename": name, "sha256": digest})
        if publish:
            revision.publish(user=user, skip_permission_checks=True)
            page.refresh_from_db()  # publishing saved a copy built from the revision
        record_import(digest, target, page, name, user)
    return ImportResult(name, ImportResult.CREATED, page=page, warnings=warnings)
