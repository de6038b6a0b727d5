"""One parser for integer query parameters: ASCII digits within bounds, anything else absent."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from django.http import QueryDict

from core.params import MAX_PARAMETER, page_number, parse_positive_int


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1),
        ("42", 42),
        ("007", 7),
        (str(MAX_PARAMETER), MAX_PARAMETER),
        (str(MAX_PARAMETER + 1), None),
        ("9" * 20, None),  # a 20-digit offset
        ("0" * 30 + "5", 5),
        ("", None),
        ("0", None),
        ("-1", None),
        ("+1", None),
        ("1.5", None),
        (" 1", None),
        ("1e3", None),
        ("²", None),  # superscript two: isdigit() is true, int() fails
        ("٣", None),  # Arabic-Indic three: int() reads 3
        ("１２", None),  # full-width digits
        ("᠑", None),  # Mongolian digit one
        ("1\x00", None),
        (None, None),
        (3, None),
    ],
)
def test_parse_positive_int(value, expected):
    assert parse_positive_int(value) == expected


@given(st.text(max_size=40))
def test_any_text_gives_a_bounded_number_or_nothing_and_never_raises(text):
    number = parse_positive_int(text)

    assert number is None or (1 <= number <= MAX_PARAMETER and text.isascii() and text.isdigit())


def test_page_number_defaults_when_absent_or_invalid():
    assert page_number(QueryDict("page=3")) == 3
    assert page_number(QueryDict("page=%C2%B2")) == 1
    assert page_number(QueryDict("")) == 1
    assert page_number(QueryDict("p=4"), "p", default=2) == 4
