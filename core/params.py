"""Reading numbers from query strings: one rule for every integer parameter of the site.

``str.isdigit()`` is true for superscripts (²), circled and other digits that ``int()``
rejects or reads differently (``int("٣") == 3``), so ``value.isdigit() and int(value)`` is
a 500 waiting for a URL such as ``?page=²``. Here only ASCII digits count, within bounds.
"""

from __future__ import annotations

#: Page numbers and ids above this are no page anyone asked for; they are treated as absent.
MAX_PARAMETER = 10**9


def parse_positive_int(value: object, *, maximum: int = MAX_PARAMETER) -> int | None:
    """The positive integer written in ``value`` with ASCII digits, or None.

    Args:
        value: a query-string value (any object; only a str of 1 to len(str(maximum)) ASCII
            digits can yield a number; surrounding spaces are not accepted).
        maximum: the largest value accepted; larger numbers give None.
    Returns:
        An int in 1..maximum, or None for anything else ("", "0", "-1", "1.5", "²", "٣", "１").
    """
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        return None
    if len(value.lstrip("0")) > len(str(maximum)):
        return None
    number = int(value)
    return number if 1 <= number <= maximum else None


def page_number(query, name: str = "page", *, default: int = 1) -> int:
    """The page asked for in ``query`` (a QueryDict such as ``request.GET``), else ``default``."""
    return parse_positive_int(query.get(name)) or default
