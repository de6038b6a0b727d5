"""One check for every image that arrives: the admin's image form, album uploads, imported files.

Wagtail's image field already refuses unknown extensions, a format that does not match its
extension, files over WAGTAILIMAGES_MAX_UPLOAD_SIZE and images over WAGTAILIMAGES_MAX_IMAGE_PIXELS
by their header. It does not decode the pixels, so a truncated JPEG would be saved and fail
later when a rendition is made. :func:`check_decodes` decodes the whole image, with Pillow's
decompression-bomb guard set to the same pixel limit, before anything is saved.
"""

from __future__ import annotations

import io
import warnings
from typing import IO

from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

TOO_MANY_PIXELS = _("This image has too many pixels to be processed safely (the limit is %(limit)s megapixels).")
DAMAGED = _("This image is damaged or incomplete and cannot be read. Export it again and upload the new file.")


def max_image_pixels() -> int:
    """The pixel limit of uploads, WAGTAILIMAGES_MAX_IMAGE_PIXELS (the one setting that says it)."""
    return settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


def check_decodes(file: IO[bytes]) -> None:
    """Decode the whole image in ``file``; raise ValidationError if it is a bomb or damaged.

    Args:
        file: an open file positioned anywhere; it is rewound before and after.
    Raises:
        ValidationError: with code "file_too_many_pixels" or "damaged_image".
    """
    limit = max_image_pixels()
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(file) as image:
                width, height = image.size
                if width * height > limit:
                    raise PILImage.DecompressionBombError
                image.load()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise ValidationError(TOO_MANY_PIXELS % {"limit": limit // 1_000_000}, code="file_too_many_pixels") from None
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError):
        raise ValidationError(DAMAGED, code="damaged_image") from None
    finally:
        file.seek(0)


#: Metadata Pillow reads into ``image.info`` that may hold where, when and with what a photo was taken.
PERSONAL_METADATA = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop")
SAVE_OPTIONS = {"JPEG": {"quality": 92}, "WEBP": {"quality": 90}, "PNG": {}}


def strip_metadata(file: IO[bytes]) -> bytes | None:
    """The image in ``file`` turned upright by its EXIF orientation and saved without EXIF or XMP.

    Willow copies a JPEG's EXIF block (GPS position, camera serial, time) into every JPEG
    rendition, so it is removed from the original when it is uploaded: renditions of it
    cannot carry it, and neither can the original.

    Args:
        file: an open image file that :func:`check_decodes` accepted; rewound afterwards.
    Returns:
        The new file's bytes, or None when there was nothing to remove (the file is kept as is).
    """
    file.seek(0)
    try:
        with PILImage.open(file) as image:
            if image.format not in SAVE_OPTIONS or not any(key in image.info for key in PERSONAL_METADATA):
                return None
            image_format = image.format
            icc_profile = image.info.get("icc_profile")
            upright = ImageOps.exif_transpose(image)
            for key in PERSONAL_METADATA:
                upright.info.pop(key, None)
            output = io.BytesIO()
            options = dict(SAVE_OPTIONS[image_format])
            if icc_profile:
                options["icc_profile"] = icc_profile
            upright.save(output, image_format, **options)
            return output.getvalue()
    finally:
        file.seek(0)


def without_metadata(upload):
    """``upload``, or a copy of it without EXIF and XMP when it had them (see strip_metadata)."""
    data = strip_metadata(upload)
    if data is None:
        return upload
    return SimpleUploadedFile(upload.name, data, content_type=getattr(upload, "content_type", None))


class SafeImageField(WagtailImageField):
    """Wagtail's image field, plus: a file Pillow cannot read is refused (Wagtail lets the
    error through as a 500), the whole image is decoded (:func:`check_decodes`) and EXIF is removed."""

    def clean(self, data, initial=None):
        try:
            file = super().clean(data, initial)
        except (OSError, SyntaxError, ValueError):
            raise ValidationError(DAMAGED, code="damaged_image") from None
        if file is None or file is initial or getattr(file, "_committed", False):
            return file
        check_decodes(file)
        return without_metadata(file)


class SafeImageForm(BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE) with the file checked by SafeImageField."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, SafeImageField):
            self.fields["file"] = SafeImageField(
                label=field.label, required=field.required, help_text=field.help_text, widget=field.widget
            )
