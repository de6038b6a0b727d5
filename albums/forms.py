"""The album's bulk upload: many photos at once, each checked like every image (core.images)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.images import SafeImageField

#: Photos one bulk upload takes; a festival's folder is usually a few hundred.
MAX_PHOTOS_PER_UPLOAD = 300


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(SafeImageField):
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
