"""Control characters never reach the database or an XML document (a feed, a sitemap).

A summary pasted with U+000B (Word's manual line break) made both story feeds answer 500,
because XML 1.0 cannot hold it. :func:`strip_control_characters` applies the one rule,
textkit.normalise.strip_controls, to every text field of a model instance, StreamField text
included; BasePage runs it whenever a page is validated, which is on every save and
revision, and the page form applies it to what is posted. Feeds apply it again on output
(core.feeds), for rows written by other means.
"""

from __future__ import annotations

from django.db import models

from wagtail.fields import StreamField

from textkit.normalise import has_controls, strip_controls
from textkit.stream import any_raw_string, map_raw_strings


def strip_control_characters(instance: models.Model) -> list[str]:
    """Remove control characters from the text fields of ``instance``, in place.

    Covers CharField and TextField (rich text included) and StreamField values (every string
    inside their blocks). Tab, line feed and carriage return are kept; the controls that are
    line breaks become line feeds.

    Args:
        instance: any model instance, saved or not.
    Returns:
        The names of the fields that changed (empty in the common case, which copies nothing).
    """
    changed = []
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        if isinstance(field, StreamField):
            if value is None:
                continue
            data = value if isinstance(value, list) else field.stream_block.get_prep_value(value)
            if any_raw_string(data, has_controls):
                setattr(instance, field.attname, map_raw_strings(data, strip_controls))
                changed.append(field.name)
        elif isinstance(field, models.CharField | models.TextField) and isinstance(value, str) and has_controls(value):
            setattr(instance, field.attname, strip_controls(value))
            changed.append(field.name)
    return changed
