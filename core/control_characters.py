"""Control characters never reach the database or an XML document (a feed, a sitemap).

A summary pasted with U+000B (Word's manual line break) made both story feeds answer 500,
because XML 1.0 cannot hold it. :func:`strip_control_characters` removes C0 and C1 controls
(see textkit.normalise.strip_controls) from every text field of a model instance, StreamField
text included; BasePage runs it whenever a page is validated, which is on every save and
revision. Feeds strip them again on output (core.feeds), for rows written by other means.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from wagtail.fields import StreamField

from textkit.normalise import has_controls, strip_controls


def _strip_json(data: Any) -> Any:
    if isinstance(data, str):
        return strip_controls(data)
    if isinstance(data, list):
        return [_strip_json(item) for item in data]
    if isinstance(data, dict):
        return {key: _strip_json(item) for key, item in data.items()}
    return data


def _has_controls_json(data: Any) -> bool:
    if isinstance(data, str):
        return has_controls(data)
    if isinstance(data, list):
        return any(_has_controls_json(item) for item in data)
    if isinstance(data, dict):
        return any(_has_controls_json(item) for item in data.values())
    return False


def strip_control_characters(instance: models.Model) -> list[str]:
    """Remove control characters from the text fields of ``instance``, in place.

    Covers CharField and TextField (rich text included) and StreamField values (every string
    inside their blocks). Tab, line feed and carriage return are kept.

    Args:
        instance: any model instance, saved or not.
    Returns:
        The names of the fields that changed (empty in the common case, which costs no copy).
    """
    changed = []
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        if isinstance(field, StreamField):
            if value is None:
                continue
            data = field.stream_block.get_prep_value(value) if not isinstance(value, list) else value
            if _has_controls_json(data):
                setattr(instance, field.attname, _strip_json(data))
                changed.append(field.name)
        elif isinstance(field, models.CharField | models.TextField) and isinstance(value, str) and has_controls(value):
            setattr(instance, field.attname, strip_controls(value))
            changed.append(field.name)
    return changed
