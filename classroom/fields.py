"""A model field holding several choices of a fixed list, filterable on every database."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """Who a course or an event is for."""

    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Youth")
    ADULTS = "adults", _("Adults")
    SENIORS = "seniors", _("Seniors")
    SCHOOL_CLASSES = "school-classes", _("School classes")


#: Read for every course and event loaded; Audience.values builds a new list on each access.
AUDIENCE_CODES = frozenset(Audience.values)


class AudienceField(models.CharField):
    """Audience codes stored as ",seniors,adults," so that ``audiences__contains=",seniors,"``
    filters in SQL on SQLite and PostgreSQL alike; Python sees a list of codes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "classroom.fields.AudienceField", args, kwargs

    @staticmethod
    def codes(value) -> list[str]:
        if isinstance(value, list | tuple):
            return [code for code in value if code in AUDIENCE_CODES]
        return [code for code in str(value or "").split(",") if code in AUDIENCE_CODES]

    def from_db_value(self, value, expression, connection):
        return self.codes(value)

    def to_python(self, value):
        return self.codes(value)

    def get_prep_value(self, value):
        if isinstance(value, str):  # a lookup value such as ",seniors,"
            return value
        codes = self.codes(value)
        return f",{','.join(codes)}," if codes else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        if not self.blank and not value:
            raise forms.ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            label=self.verbose_name,
            choices=Audience.choices,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            help_text=self.help_text,
        )

    @staticmethod
    def lookup(code: str) -> str:
        """The ``__contains`` value that finds pages for one audience code."""
        return f",{code},"
