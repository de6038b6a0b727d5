"""Importing Word (.docx), Markdown (.md) and text (.txt) files as pages, stage by stage.

- :mod:`.convert`: a file's bytes become HTML and its embedded images.
- :mod:`.parse`: cleaned HTML becomes a :class:`ParsedDocument` (title, byline, summary, body).
- :mod:`.create`: the document becomes a draft page under an index that takes imports
  (:class:`core.mixins.ImportTargetMixin`), built by that index's page type.
- :mod:`.records`: the register that makes a second import of the same content a duplicate.
- :mod:`.files`: which files in a folder to import.

Editorial knows no page type by name: a content app opts in through the mixins in
``core.mixins``.
"""

from .convert import SUPPORTED_SUFFIXES, DocumentImportError, EmbeddedImage
from .create import ImportResult, import_document
from .files import find_files
from .parse import ParsedDocument, parse_document

__all__ = [
    "SUPPORTED_SUFFIXES",
    "DocumentImportError",
    "EmbeddedImage",
    "ImportResult",
    "ParsedDocument",
    "find_files",
    "import_document",
    "parse_document",
]
