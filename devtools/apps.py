from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevtoolsConfig(AppConfig):
    """Demo content and benchmarks; never installed in production (config/settings/production.py)."""

    name = "devtools"
    verbose_name = _("Development tools")
