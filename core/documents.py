"""Shiliu's document model: Wagtail's, plus the text of PDF and Word files for search.

Reading the text of a file can be slow (a long PDF, a large Word file), so it never runs
inside the save: when a new or replaced file is saved, the reading is scheduled after the
transaction commits, so no database lock is held meanwhile. Small files are read right
then; larger ones are handed to the django-tasks task :func:`extract_document_text_task`
(which the worker, ``manage.py db_worker``, runs; with ``TASKS_BACKEND=immediate`` it runs at
once, still outside the transaction). Either way the index update is queued for the worker.
Word files go through the same archive limits as the import (textkit.limits) and every
extraction has a deadline.
"""

import io
import logging

from django_tasks import task

from django.db import models, transaction
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.search import index

from core.indexing import AnalysedSearchMixin
from core.search_index import enqueue_update
from textkit.decode import TextDecodeError, decode_text
from textkit.limits import Deadline, LimitExceeded, check_archive
from textkit.normalise import find_private_use

logger = logging.getLogger(__name__)

#: Text kept per document; lesson plans and handbooks fit, whole books are cut short.
MAX_EXTRACTED_CHARACTERS = 200_000
#: Pages of a PDF that are read.
MAX_PDF_PAGES = 300
#: Extensions whose text is extracted.
EXTRACTABLE_EXTENSIONS = frozenset({"pdf", "docx", "txt"})
#: Seconds an extraction may take; checked between pages and parts.
MAX_EXTRACTION_SECONDS = 60.0
#: Files up to this size are read as soon as the save commits; larger ones in a background task.
INLINE_EXTRACTION_BYTES = 2 * 1024 * 1024
#: Plain-text files larger than this are read only up to it.
MAX_TEXT_BYTES = 4 * MAX_EXTRACTED_CHARACTERS


def _pdf_text(data: bytes, deadline: Deadline) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    texts, length = [], 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        deadline.check("pdf page")
        text = page.extract_text() or ""
        texts.append(text)
        length += len(text)
        if length >= MAX_EXTRACTED_CHARACTERS:
            break
    return "\n".join(texts)


def _docx_text(data: bytes, deadline: Deadline) -> str:
    import docx

    check_archive(data)  # the same limits as the Word import, before anything is parsed
    document = docx.Document(io.BytesIO(data))
    deadline.check("docx")
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return "\n".join(texts)


def _txt_text(data: bytes, deadline: Deadline) -> str:
    try:
        return decode_text(data[:MAX_TEXT_BYTES])
    except TextDecodeError:
        return ""  # unreadable files are indexed without their text, like broken PDFs


EXTRACTORS = {"pdf": _pdf_text, "docx": _docx_text, "txt": _txt_text}


def extract_text(data: bytes, extension: str, deadline: Deadline | None = None) -> str:
    """The text of a PDF, DOCX or plain-text file, for the search index.

    Args:
        data: the file's bytes.
        extension: its extension, lower case, without the dot.
        deadline: when reading must stop; MAX_EXTRACTION_SECONDS from now if None.
    Returns:
        At most MAX_EXTRACTED_CHARACTERS of text; "" for other types, unreadable files and
        files past the limits (a zip bomb, too many parts, too slow): logged, never an error
        for the editor, who still gets the file stored.
    """
    extractor = EXTRACTORS.get(extension)
    if extractor is None or not data:
        return ""
    try:
        text = extractor(data, deadline or Deadline(MAX_EXTRACTION_SECONDS))
    except LimitExceeded as error:
        logger.warning("The text of a .%s document was not read: %s", extension, error)
        return ""
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
            self.extracted_text = ""  # the old file's text no longer applies; read after commit
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "extracted_text"}
        super().save(*args, **kwargs)
        if changed:
            transaction.on_commit(lambda: schedule_text_extraction(self), robust=True)

    def store_text(self) -> bool:
        """Read the file's text and store it, outside any transaction; False when the file changed meanwhile.

        The text goes in with an UPDATE that only matches while the file is still the one read,
        then the document's re-indexing is queued (core.search_index).
        """
        name = self.file.name
        text = self.read_text()
        updated = type(self).objects.filter(pk=self.pk, file=name).update(extracted_text=text, text_extracted_from=name)
        if updated:
            self.extracted_text, self.text_extracted_from = text, name
            enqueue_update(self)  # the worker indexes it
            text_stored.send(sender=type(self), document=self)
        return bool(updated)


#: Sent with ``document`` once a document's text is read and stored (after the upload's
#: transaction, or in a background task): pages that index the text of their files listen
#: and index themselves again (materials does).
text_stored = Signal()


def schedule_text_extraction(document: SiteDocument) -> None:
    """Read ``document``'s text now if its file is small, else in a background task."""
    try:
        size = document.file.size
    except OSError:
        size = 0
    if size <= INLINE_EXTRACTION_BYTES:
        document.store_text()
    else:
        extract_document_text_task.enqueue(document.pk)


@task()
def extract_document_text_task(document_id: int) -> bool:
    """Read and store the text of a document (a large file, away from the request that uploaded it)."""
    document = SiteDocument.objects.filter(pk=document_id).first()
    return bool(document and document.file and document.store_text())
