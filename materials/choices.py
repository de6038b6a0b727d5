"""The choices a material is described by: grade bands, subjects, languages, formats."""

from django.db import models
from django.utils.translation import gettext_lazy as _

GRADE_BANDS = ("primary", "junior", "senior")


class Subject(models.TextChoices):
    MORALITY = "morality", _("Morality and law (思想品德/道德与法治)")
    CHINESE = "chinese", _("Chinese (语文)")
    HISTORY = "history", _("History (历史)")
    MUSIC = "music", _("Music (音乐)")
    ART = "art", _("Art (美术)")
    CLASS_MEETING = "class-meeting", _("Class meeting (班会)")
    OTHER = "other", _("Other subject")


class MaterialLanguage(models.TextChoices):
    CHINESE = "zh", _("Chinese")
    MONGOLIAN = "mn", _("Mongolian")
    BOTH = "both", _("Chinese and Mongolian")


class MaterialFormat(models.TextChoices):
    LESSON_PLAN = "lesson-plan", _("Lesson plan")
    SLIDES = "slides", _("Slides")
    WORKSHEET = "worksheet", _("Worksheet")
    READING = "reading", _("Reading list")
    AUDIO = "audio", _("Audio")
    PICTURES = "pictures", _("Pictures")
    OTHER = "other", _("Other format")


class GradeBand(models.TextChoices):
    PRIMARY = "primary", _("Primary school")
    JUNIOR = "junior", _("Junior secondary")
    SENIOR = "senior", _("Senior secondary")
