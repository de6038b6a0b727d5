"""Stage three of an import: a parsed document becomes a draft page under an import target.

The target is an index page that is an :class:`~core.mixins.ImportTargetMixin`; the page
type it names (an :class:`~core.mixins.ImportablePageMixin`) builds the page with
``from_import``. This stage saves the embedded images, gives the page a slug, adds it
under the index with a revision and audit log entries, publishes it when asked, and
registers the import, all in one transaction. A failure at any step rolls the transaction
back and deletes the image files already written: nothing is left half-saved.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image as PILImage

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Page

from core.images import SafeImageField, max_image_pixels
from core.mixins import ImportTargetMixin
from core.publishing import PublicationRefused
from textkit.limits import Deadline, LimitExceeded
from textkit.slugs import pinyin_slug

from .convert import DocumentImportError, EmbeddedImage, limit_error
from .parse import ParsedDocument, parse_document
from .records import find_duplicate, record_import

logger = logging.getLogger(__name__)

WEB_IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}

#: The stages an import goes through, in order, as reported to the progress callback.
STAGES = {
    "read": gettext_lazy("reading"),
    "convert": gettext_lazy("converting"),
    "images": gettext_lazy("saving images"),
    "page": gettext_lazy("creating the page"),
    "publish": gettext_lazy("publishing"),
    "done": gettext_lazy("done"),
}
ProgressCallback = Callable[[str], None]

# Alt text Word fills in by itself: a file name or "Picture 3" says nothing about the photo.
_MEANINGLESS_ALT = re.compile(
    r"^\s*(?:(?:image|picture|img|photo|图片|图像|照片)\s*\d*|.*\.(?:png|jpe?g|gif|bmp|tiff?|webp|emf|wmf))\s*$",
    re.IGNORECASE,
)


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


class ImageRefused(Exception):
    """An embedded image the admin's image upload would refuse; the message says why."""


def _prepare_image_bytes(data: bytes) -> tuple[bytes, str]:
    """Bytes and extension of an embedded image as the site stores it, within the upload limits.

    Formats browsers cannot show are converted to PNG. The pixel count is checked from the
    image header before any pixel is decoded; the result goes through the same checks as
    the admin's image upload (core.images.SafeImageField: type, WAGTAILIMAGES_MAX_UPLOAD_SIZE,
    WAGTAILIMAGES_MAX_IMAGE_PIXELS, the whole image decoded, EXIF and XMP removed).

    Raises:
        ImageRefused: unreadable, or past a limit.
    """
    max_pixels = max_image_pixels()
    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            width, height = picture.size
            if width * height > max_pixels:
                raise ImageRefused(
                    _("It has %(pixels)d pixels; at most %(max)d are allowed.")
                    % {"pixels": width * height, "max": max_pixels}
                )
            extension = WEB_IMAGE_FORMATS.get(picture.format or "")
            if extension is None:
                picture.load()
                converted = io.BytesIO()
                picture.convert("RGBA").save(converted, "PNG")
                data, extension = converted.getvalue(), "png"
    except ImageRefused:
        raise
    except Exception as error:  # Pillow cannot read EMF/WMF drawings and the like
        raise ImageRefused(_("It is not an image the site can show.")) from error
    try:
        checked = SafeImageField().clean(SimpleUploadedFile(f"image.{extension}", data))
    except ValidationError as error:
        raise ImageRefused(" ".join(error.messages)) from error
    checked.seek(0)
    return checked.read(), extension


def alt_text_for(embedded: EmbeddedImage) -> str:
    """The document's alt text for the image, or else the caption near it; never a file name or page title."""
    alt = " ".join(embedded.alt_text.split())
    if alt and not _MEANINGLESS_ALT.match(alt):
        return alt[:255]
    return embedded.caption[:255]


def save_image(embedded: EmbeddedImage, title: str):
    """A saved Wagtail image from embedded bytes.

    Raises:
        ImageRefused: the admin's upload would refuse it (type, size, pixels), with the reason.
    """
    data, extension = _prepare_image_bytes(embedded.data)
    filename = f"import-{hashlib.sha256(data).hexdigest()[:12]}.{extension}"
    image = get_image_model()(title=title[:255], file=ImageFile(io.BytesIO(data), name=filename))
    image.save()
    return image


def save_images(parsed: ParsedDocument, saved: list | None = None) -> tuple[SavedDocument, list[str]]:
    """Save the document's images and make image blocks of them; the first becomes the main image.

    Args:
        parsed: the document.
        saved: a list the saved images are appended to as they are saved, so that a caller
            can delete their files when a later step fails.
    Returns:
        The document ready for ``from_import``, and the parse warnings plus one for each
        image that could not be read or is past the upload limits (it is left out).
    """
    blocks, warnings, main_image = [], list(parsed.warnings), None
    saved = [] if saved is None else saved
    image_number = 0
    for kind, value in parsed.body:
        if kind == "image":
            image_number += 1
            alt_text = alt_text_for(value)
            try:
                image = save_image(value, alt_text or parsed.title)
            except ImageRefused as error:
                warnings.append(
                    _("Image %(number)d was left out: %(reason)s") % {"number": image_number, "reason": error}
                )
                continue
            saved.append(image)
            main_image = main_image or image
            caption = value.caption if value.show_caption else ""
            blocks.append(("image", {"image": image, "alt_text": alt_text, "caption": caption, "credit": ""}))
        else:
            blocks.append((kind, value))
    document = SavedDocument(
        title=parsed.title, summary=parsed.summary, body=blocks, byline=dict(parsed.byline), main_image=main_image
    )
    return document, warnings


def import_slug(title: str, digest: str) -> str:
    """The slug rule of imports: the title's pinyin (short, readable, stable), or the date and content id.

    A title with no Han or Latin letters (a Mongolian title) gives ``import-<yyyymmdd>-<6 hex
    of the content digest>``.
    """
    return pinyin_slug(title) or f"import-{timezone.localdate():%Y%m%d}-{digest[:6]}"


def _slug_for(title: str, parent: Page, digest: str) -> str:
    base = import_slug(title, digest)
    slug, number = base, 1
    while not Page._slug_is_available(slug, parent):
        number += 1
        slug = f"{base}-{number}"
    return slug


def _discard_files(images: list) -> None:
    """Delete the files of images whose database rows a rollback removed."""
    for image in images:
        try:
            image.file.storage.delete(image.file.name)
        except Exception:  # a file that cannot be deleted must not hide the import's own error
            logger.warning("Could not delete %s after a failed import.", image.file.name, exc_info=True)


def import_document(
    filename: str,
    data: bytes,
    parent: Page,
    *,
    user=None,
    publish: bool = False,
    options: Mapping[str, Any] | None = None,
    base_dir: Path | None = None,
    progress: ProgressCallback | None = None,
    deadline: Deadline | None = None,
) -> ImportResult:
    """Import one file as a page under ``parent``, as a draft unless ``publish``.

    Args:
        filename: the file's name (its suffix chooses the converter; it is recorded).
        data: the file's bytes.
        parent: an index page whose specific class is an ImportTargetMixin; the page type
            it names builds the new page.
        user: the owner of the page and the author of its revision and log entries.
        publish: publish the page at once instead of leaving a draft for review (the command's
            ``--publish``, for archives): the site itself publishes it, through the publishing
            gate (core.publishing), so a forbidden term still fails the file.
        options: the values of the page type's ``import_option_fields`` by name (a story's place).
        base_dir: the folder Markdown image paths are relative to.
        progress: called with each stage's key in :data:`STAGES` as the stage starts.
        deadline: when the work must end, checked between stages (60 seconds by default).
    Returns:
        Created (with the new page and warnings: what was left out, and where), duplicate
        (with the page that already holds this content) or failed (with the reason; nothing
        is saved). Never raises for a bad file.
    Raises:
        TypeError: ``parent`` takes no imports (a programming error, not a bad file).
    """
    target = parent.specific
    if not isinstance(target, ImportTargetMixin):
        raise TypeError(f"{type(target).__name__} is not an ImportTargetMixin and takes no imports.")
    name = Path(filename).name
    report = progress or (lambda stage: None)
    deadline = deadline or Deadline()
    saved_images: list = []
    stage = "convert"
    try:
        report(stage)
        parsed = parse_document(name, data, base_dir, deadline)
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
            stage = "images"
            report(stage)
            document, warnings = save_images(parsed, saved_images)
            deadline.check(stage)
            stage = "page"
            report(stage)
            page = target.get_import_page_model().from_import(document, locale=target.locale, options=options or {})
            page.slug = _slug_for(page.title, target, digest)
            page.owner = user
            page.live = False
            target.add_child(instance=page)
            revision = page.save_revision(user=user, log_action=False)
            log(page, "wagtail.create", user=user)
            log(page, "shiliu.import", user=user, revision=revision, data={"filename": name, "sha256": digest})
            if publish:
                stage = "publish"
                report(stage)
                revision.publish(user=None, skip_permission_checks=True)
                page.refresh_from_db()  # publishing saved a copy built from the revision
            record_import(digest, target, page, name, user)
    except PublicationRefused as refused:
        _discard_files(saved_images)
        return ImportResult(
            name,
            ImportResult.FAILED,
            reason=" ".join([_("Not published, and nothing was saved:"), *map(str, refused.messages)]),
        )
    except DocumentImportError as error:
        _discard_files(saved_images)
        return ImportResult(name, ImportResult.FAILED, reason=str(error))
    except LimitExceeded as error:
        _discard_files(saved_images)
        return ImportResult(name, ImportResult.FAILED, reason=str(limit_error(error)))
    except Exception as error:  # any failure of a later step: nothing is kept, the editor is told
        logger.exception("Importing %s failed while %s.", name, STAGES[stage])
        _discard_files(saved_images)
        return ImportResult(
            name,
            ImportResult.FAILED,
            reason=_("The import failed while %(stage)s, and nothing was saved (%(error)s).")
            % {"stage": STAGES[stage], "error": error.__class__.__name__},
        )
    report("done")
    return ImportResult(name, ImportResult.CREATED, page=page, warnings=warnings)
