"""The text of a plain-text file: UTF-8 (with or without a BOM) or GB18030.

Text files saved on Chinese Windows are often GB18030 (a superset of GBK and GB2312) rather
than UTF-8; those two cover what editors upload.
"""

from __future__ import annotations

ENCODINGS = ("utf-8-sig", "gb18030")


class TextDecodeError(UnicodeDecodeError):
    """The bytes are neither UTF-8 nor GB18030 (a ValueError, like every UnicodeDecodeError)."""

    def __str__(self) -> str:
        return f"The text is neither UTF-8 nor GB18030 (byte {self.start} cannot be read as GB18030)."


def decode_text(data: bytes) -> str:
    """Decode the bytes of a text file.

    Args:
        data: the file's bytes.
    Returns:
        The text, without a UTF-8 byte order mark.
    Raises:
        TextDecodeError: when the bytes are valid in neither encoding.
    """
    for encoding in ENCODINGS[:-1]:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        return data.decode(ENCODINGS[-1])
    except UnicodeDecodeError as error:
        raise TextDecodeError("gb18030", error.object, error.start, error.end, error.reason) from None
