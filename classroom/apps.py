from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassroomConfig(AppConfig):
    name = "classroom"
    verbose_name = _("Red Pomegranate Classroom")
    default_auto_field = "django.db.models.BigAutoField"
