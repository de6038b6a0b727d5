"""Image upload forms: the admin's image form and the album's bulk upload, both checked by albums.validation."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .validation import DAMAGED, check_decodes, strip_metadata

#: Photos one bulk upload takes; a festival's folder is usually a few hundred.
MAX_PHOTOS_PER_UPLOAD = 300


def without_metadata(upload):
    """``upload``, or a copy of it without EXIF and XMP when it had them (see strip_metadata)."""
    data = strip_metadata(upload)
    if data is None:
        return upload
    return SimpleUploadedFile(upload.name, data, content_type=getattr(upload, "content_type", None))


class SafePhotoField(WagtailImageField):
    """Wagtail's image field, plus: a file Pillow cannot read is refused (Wagtail lets the
    error through as a 500), the whole image is decoded (see albums.validation) and EXIF is removed."""

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
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE) with the file checked by SafePhotoField."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, SafePhotoField):
            self.fields["file"] = SafePhotoField(
                label=field.label, required=field.required, help_text=field.help_text, widget=field.widget
            )


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(SafePhotoField):
    """Several image files at once, each checked like one the admin's image form takes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data]
        uploads = [upload for upload in uploads if upload]
        if not uploads:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(uploads) > MAX_PHOTOS_PER_UPLOAD:
            raise ValidationError(
                _("Upload at most %(count)d photos at once.") % {"count": MAX_PHOTOS_PER_UPLOAD}, code="too_many"
            )
        cleaned, errors = [], []
        for upload in uploads:
            try:
                file = super().clean(upload, initial)
            except ValidationError as error:
                errors.extend(
                    ValidationError(
                        "%(name)s: %(reason)s", code=item.code, params={"name": upload.name, "reason": reason}
                    )
                    for item in error.error_list
                    for reason in item.messages
                )
            else:
                cleaned.append(file)
        if errors:
            # Nothing is saved when one file is refused: the editor fixes the folder and uploads again.
            raise ValidationError(errors)
        return cleaned


class AddPhotosForm(forms.Form):
    """The photos to add at the end of an album, with the credit they share."""

    photos = MultiplePhotoField(label=_("Photos"))
    photographer = forms.CharField(label=_("Photographer"), max_length=100, required=False)
