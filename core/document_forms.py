"""One check for every document upload (WAGTAILDOCS_DOCUMENT_FORM_BASE): single and multiple.

Wagtail checks a document's extension (WAGTAILDOCS_EXTENSIONS) and size
(WAGTAILDOCS_MAX_UPLOAD_SIZE). :func:`check_document` also reads the file: its content must be
what the extension says, and whole (a PDF cut short, a Word file that is not a complete zip
archive, a damaged picture are refused with a message, nothing is saved).
"""

from __future__ import annotations

import io
import zipfile
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm

from core.images import check_decodes

DAMAGED_DOCUMENT = _(
    "This file is damaged or incomplete, or its content does not match its extension (.%(extension)s). "
    "Save or export it again and upload the new file."
)

#: Formats that are zip archives (Office Open XML, OpenDocument, Keynote, zip itself).
ZIP_EXTENSIONS = frozenset({"docx", "xlsx", "pptx", "odt", "key", "zip"})
PICTURE_EXTENSIONS = frozenset({"jpg", "jpeg", "png"})
#: Bytes a PDF's end-of-file marker may sit before the end (trailing whitespace, padding).
PDF_TAIL = 2048


def _pdf_is_whole(data: bytes) -> bool:
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-PDF_TAIL:]:
        return False
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        return len(reader.pages) > 0
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        return False


def _zip_is_whole(file: IO[bytes]) -> bool:
    try:
        with zipfile.ZipFile(file) as archive:
            return archive.testzip() is None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False


def check_document(file: IO[bytes], extension: str) -> None:
    """Raise ValidationError (code "damaged_document") unless ``file`` is a whole file of its type.

    Args:
        file: the upload, rewound before and after.
        extension: its extension, lower case without the dot.
    """
    file.seek(0)
    try:
        if extension == "pdf":
            whole = _pdf_is_whole(file.read())
        elif extension in ZIP_EXTENSIONS:
            whole = _zip_is_whole(file)
        elif extension in PICTURE_EXTENSIONS:
            try:
                check_decodes(file)
            except ValidationError:
                whole = False
            else:
                whole = True
        elif extension == "rtf":
            whole = file.read(5) == b"{\\rtf"
        else:
            whole = True  # plain text, CSV and audio: nothing to read as a whole here
    finally:
        file.seek(0)
    if not whole:
        raise ValidationError(DAMAGED_DOCUMENT, code="damaged_document", params={"extension": extension})


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload) with the file checked by :func:`check_document`."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file is None or file is self.original_file or getattr(file, "_committed", False):
            return file
        extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
        check_document(file, extension)
        return file
