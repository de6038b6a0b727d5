"""The plain texts inside field and StreamField values: one walker for checks, tidying and excerpts.

:func:`iter_texts` walks values as Wagtail hands them over (RichText, StreamValue,
StructValue, ListValue, TableBlock dicts); :func:`map_rich_text` rewrites the rich text in
such a value in place; :func:`raw_stream_texts` reads a StreamField's raw JSON without
turning it into blocks (which could cost queries for chooser blocks).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.rich_text import RichText

from textkit.html import html_to_text

#: Separates the labels of nested blocks in a label path: "Body › Quote › Attribution".
LABEL_SEPARATOR = " › "


def _child_label(label: str, child: str) -> str:
    return f"{label}{LABEL_SEPARATOR}{child}" if label else str(child)


def _table_cells(value: dict) -> Iterator:
    # TableBlock: {"data": [[cell, ...], ...], "table_caption": ..., "cell": [meta...], ...};
    # only the caption and the cells are text a reader sees (the rest is layout).
    yield value.get("table_caption")
    for row in value.get("data") or []:
        yield from row or []


def iter_texts(value, label: str = "") -> Iterator[tuple[str, str]]:
    """Every piece of text in a field or block value, with where it is.

    Args:
        value: a field value: RichText, str (HTML when it contains markup), StreamValue,
            StructValue, ListValue, list or tuple, dict (a TableBlock value yields its
            caption and each cell; other dicts their values), or None. Other values
            (numbers, dates, images, pages) hold no text and are skipped.
        label: the field's label; block labels are appended, joined by " › ".
    Returns:
        An iterator of ``(label path, plain text)`` pairs, in document order.
    """
    if value is None:
        return
    if isinstance(value, RichText):
        yield label, html_to_text(value.source)
    elif isinstance(value, str):
        yield label, html_to_text(value) if "<" in value else value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from iter_texts(child.value, _child_label(label, child.block.label))
    elif isinstance(value, StructValue):
        for name, item in value.items():
            block = value.block.child_blocks.get(name)
            yield from iter_texts(item, _child_label(label, block.label if block else name))
    elif isinstance(value, dict):
        items = _table_cells(value) if isinstance(value.get("data"), list) else value.values()
        for item in items:
            yield from iter_texts(item, label)
    elif isinstance(value, list | tuple | ListValue):
        for item in value:
            yield from iter_texts(item, label)


def map_rich_text(value, function: Callable[[str], str]) -> None:
    """Replace the source of every RichText inside ``value`` by ``function(source)``, in place.

    Args:
        value: a RichText, StreamValue, StructValue, ListValue or list (other values are
            left alone: a plain string cannot be changed in place).
        function: from the stored HTML to the new HTML, e.g. textkit.html.tidy_rich_text.
    """
    if isinstance(value, RichText):
        value.source = function(value.source)
    elif isinstance(value, StreamValue):
        for child in value:
            map_rich_text(child.value, function)
    elif isinstance(value, StructValue):
        for item in value.values():
            map_rich_text(item, function)
    elif isinstance(value, ListValue | list):
        for item in value:
            map_rich_text(item, function)


def raw_stream_texts(raw_data) -> Iterator[str]:
    """The strings inside a StreamField's raw JSON data, without block types, ids or markup.

    Args:
        raw_data: ``StreamValue.raw_data`` or the stored list of ``{"type", "value", "id"}``
            dicts.
    Returns:
        An iterator of plain strings, entities decoded, in document order.
    """
    if isinstance(raw_data, str):
        yield html_to_text(raw_data)
    elif isinstance(raw_data, dict):
        if "type" in raw_data and "value" in raw_data:
            yield from raw_stream_texts(raw_data["value"])
        else:
            items = _table_cells(raw_data) if isinstance(raw_data.get("data"), list) else raw_data.values()
            for item in items:
                yield from raw_stream_texts(item)
    elif isinstance(raw_data, list | tuple):
        for item in raw_data:
            yield from raw_stream_texts(item)


def map_raw_strings(data: Any, function: Callable[[str], str]) -> Any:
    """A copy of raw JSON-like data (lists, tuples, dicts, strings) with ``function`` applied to every string.

    For StreamField raw data (``StreamValue.get_prep_value()``) and other nested values;
    keys, numbers, None and other objects are kept as they are.
    """
    if isinstance(data, str):
        return function(data)
    if isinstance(data, list | tuple):
        return type(data)(map_raw_strings(item, function) for item in data)
    if isinstance(data, dict):
        return {key: map_raw_strings(item, function) for key, item in data.items()}
    return data


def any_raw_string(data: Any, predicate: Callable[[str], bool]) -> bool:
    """True when ``predicate`` holds for some string inside raw JSON-like data (see :func:`map_raw_strings`)."""
    if isinstance(data, str):
        return predicate(data)
    if isinstance(data, list | tuple):
        return any(any_raw_string(item, predicate) for item in data)
    if isinstance(data, dict):
        return any(any_raw_string(item, predicate) for item in data.values())
    return False
