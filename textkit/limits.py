"""Limits on what a file may cost to read: archive sizes checked before parsing, and a deadline.

A .docx is a zip archive. A few hundred kilobytes can expand to gigabytes of XML (a zip
bomb) or hold thousands of parts; parsing such a file holds a server thread and its memory
for minutes. :func:`check_archive` reads only the archive's directory (no part is
decompressed) and refuses a file that goes past the limits; the import and the document text
extraction both call it. :class:`Deadline` is checked between the stages of slow work.
"""

from __future__ import annotations

import io
import time
import zipfile
from dataclasses import dataclass

#: The default limits, generous for a community report with photos.
MAX_ARCHIVE_BYTES = 20 * 1024 * 1024
MAX_PARTS = 1000
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
#: Largest uncompressed size of one XML part. A long community report's document.xml is well
#: under 1 MB; mammoth converts about 0.4 MB of XML a second, so 10 MB stays under 30 seconds.
MAX_XML_PART_BYTES = 10 * 1024 * 1024
#: Largest ratio of uncompressed to compressed size of one part; text XML compresses ~10:1.
MAX_RATIO = 200
MAX_SECONDS = 60.0


class LimitExceeded(ValueError):
    """A file goes past a limit; the message says which, in English (callers translate)."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        #: "archive", "parts", "uncompressed", "part", "ratio", "time" or "zip".
        self.kind = kind


@dataclass(frozen=True)
class ArchiveLimits:
    """How large an archive, and what it holds, may be."""

    max_archive_bytes: int = MAX_ARCHIVE_BYTES
    max_parts: int = MAX_PARTS
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES
    max_xml_part_bytes: int = MAX_XML_PART_BYTES
    max_ratio: int = MAX_RATIO


def check_archive(data: bytes, limits: ArchiveLimits | None = None) -> zipfile.ZipFile:
    """The open zip archive, once its directory shows it stays within ``limits``.

    The sizes are read from the central directory. A hostile file may understate them, but
    Python's zipfile (which mammoth and python-docx read through) never returns more than
    the announced size of a part, so the announced sizes are the ones that count.

    Args:
        data: the file's bytes.
        limits: the limits; the defaults above when None.
    Returns:
        The :class:`zipfile.ZipFile` over ``data``, not yet read.
    Raises:
        LimitExceeded: not a zip archive, or past a limit (the message says which).
    """
    limits = limits or ArchiveLimits()
    if len(data) > limits.max_archive_bytes:
        raise LimitExceeded("archive", f"The file is larger than {limits.max_archive_bytes // 2**20} MB.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise LimitExceeded("zip", f"Not a readable zip archive ({error.__class__.__name__}).") from error
    if len(parts) > limits.max_parts:
        raise LimitExceeded("parts", f"The file holds {len(parts)} parts; at most {limits.max_parts} are read.")
    total = 0
    for part in parts:
        total += part.file_size
        if part.filename.endswith((".xml", ".rels")) and part.file_size > limits.max_xml_part_bytes:
            raise LimitExceeded(
                "part",
                f"{part.filename} expands to {part.file_size // 2**20} MB; "
                f"at most {limits.max_xml_part_bytes // 2**20} MB are read.",
            )
        if part.file_size > 2**20 and part.file_size > limits.max_ratio * max(part.compress_size, 1):
            ratio = part.file_size // max(part.compress_size, 1)
            raise LimitExceeded("ratio", f"{part.filename} expands {ratio} times; it looks like a zip bomb.")
    if total > limits.max_uncompressed_bytes:
        raise LimitExceeded(
            "uncompressed",
            f"The file expands to {total // 2**20} MB; at most {limits.max_uncompressed_bytes // 2**20} MB are read.",
        )
    return archive


class Deadline:
    """A point in time slow work must finish by, checked between its stages."""

    def __init__(self, seconds: float = MAX_SECONDS):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.ends - time.monotonic()

    def check(self, stage: str = "") -> None:
        """Raise :class:`LimitExceeded` ("time") when the deadline has passed."""
        if self.remaining() < 0:
            raise LimitExceeded("time", f"Reading the file took longer than {self.seconds:g} seconds ({stage}).")
