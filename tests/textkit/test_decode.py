"""Text files as UTF-8 (with or without BOM) or GB18030, and a clear error otherwise."""

import pytest

from textkit.decode import TextDecodeError, decode_text


def test_utf8_with_and_without_bom():
    assert decode_text("民族团结 ᠮᠣᠩᠭᠣᠯ".encode()) == "民族团结 ᠮᠣᠩᠭᠣᠯ"
    assert decode_text("\ufeff团结".encode()) == "团结"


def test_gb18030_from_chinese_windows():
    assert decode_text("民族團結进步".encode("gb18030")) == "民族團結进步"


def test_neither_is_a_value_error_with_a_clear_message():
    with pytest.raises(TextDecodeError) as raised:
        decode_text(b"\x80\xff\xfe\xff")
    assert isinstance(raised.value, ValueError) and isinstance(raised.value, UnicodeDecodeError)
    assert "neither UTF-8 nor GB18030" in str(raised.value)
