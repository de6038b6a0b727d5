"""Shiliu's document model: Wagtail's, plus the text of PDF and Word files for search."""

import io
import logging

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.search import index

from core.indexing import AnalysedSearchMixin
from textkit.decode import TextDecodeError, decode_text
from textkit.normalise import find_private_use

logger = logging.getLogger(__name__)

#: Text kept per document; lesson plans and handbooks fit, whole books are cut short.
MAX_EXTRACTED_CHARACTERS = 200_000
#: Pages of a PDF that are read.
MAX_PDF_PAGES = 300
#: Extensions whose text is extracted.
EXTRACTABLE_EXTENSIONS = frozenset({"pdf", "docx", "txt"})


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    texts, length = [], 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        text = page.extract_text() or ""
        texts.append(text)
        length += len(text)
        if length >= MAX_EXTRACTED_CHARACTERS:
            break
    return "\n".join(texts)


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return "\n".join(texts)


def _txt_text(data: bytes) -> str:
    try:
        return decode_text(data)
    except TextDecodeError:
        return ""  # unreadable files are indexed without their text, like broken PDFs


EXTRACTORS = {"pdf": _pdf_text, "docx": _docx_text, "txt": _txt_text}


def extract_text(data: bytes, extension: str) -> str:
    """The text of a PDF, DOCX or plain-text file, for the search index.

    Args:
        data: the file's bytes.
        extension: its extension, lower case, without the dot.
    Returns:
        At most MAX_EXTRACTED_CHARACTERS of text; "" for other types or unreadable files
        (a damaged or encrypted file is logged, never an error for the editor).
    """
    extractor = EXTRACTORS.get(extension)
    if extractor is None or not data:
        return ""
    try:
        text = extractor(data)
    except Exception:  # pypdf and python-docx raise many kinds of errors on damaged files
        logger.warning("Could not read the text of a .%s document.", extension, exc_info=True)
        return ""
    return text.replace("\x00", "")[:MAX_EXTRACTED_CHARACTERS]


class SiteDocument(AnalysedSearchMixin, AbstractDocument):
    """A downloadable file; the text of PDF and Word files is extracted and searchable."""

    extracted_text = models.TextField(_("extracted text"), blank=True, editable=False)
    text_extracted_from = models.CharField(max_length=255, blank=True, editable=False)

    admin_form_fields = WagtailDocument.admin_form_fields
    search_fields = [*AbstractDocument.search_fields, index.SearchField("extracted_text")]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("choose_document", "Can choose document")]

    def file_changed(self) -> bool:
        """True for a new or replaced file, or one whose text was never read."""
        return bool(self.file) and (not self.file._committed or self.file.name != self.text_extracted_from)

    def read_text(self) -> str:
        """The text of the file (see :func:`extract_text`); "" for other file types."""
        extension = self.file_extension.lower()
        if extension not in EXTRACTABLE_EXTENSIONS:
            return ""
        with self.open_file() as file:
            data = file.read()
        text = extract_text(data, extension)
        if find_private_use(text):
            logger.warning("Document %r holds text in a private-use encoding, which cannot be searched.", self.title)
        return text

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        changed = (update_fields is None or "file" in update_fields) and self.file_changed()
        if changed:
            self.extracted_text = self.read_text()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "extracted_text"}
        super().save(*args, **kwargs)
        if changed:
            # The storage may have renamed the file on saving; remember the final name.
            self.text_extracted_from = self.file.name
            type(self).objects.filter(pk=self.pk).update(text_extracted_from=self.file.name)
