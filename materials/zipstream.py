"""A zip archive written while it is sent: no file is read whole, no archive kept in memory or on disk."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO

CHUNK_SIZE = 256 * 1024


class _Pipe(io.RawIOBase):
    """A write-only, unseekable file whose written bytes are taken out as they come."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def stream_zip(files: Iterable[tuple[str, Callable[[], IO[bytes]]]]) -> Iterator[bytes]:
    """The bytes of a zip holding ``files``, produced piece by piece.

    Args:
        files: (name in the archive, function opening the file for reading in binary) pairs;
            each file is opened only when its turn comes and read in CHUNK_SIZE pieces.
    Yields:
        Pieces of the archive, at most about CHUNK_SIZE each. Files are stored, not
        compressed: PDF, DOCX, PPTX, images and audio are compressed already.
    """
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, mode="w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for name, opener in files:
            info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
            info.compress_type = zipfile.ZIP_STORED
            with opener() as source, archive.open(info, mode="w", force_zip64=True) as target:
                while chunk := source.read(CHUNK_SIZE):
                    target.write(chunk)
                    yield pipe.take()
            yield pipe.take()
    yield pipe.take()
