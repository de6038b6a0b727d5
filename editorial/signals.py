"""Make every new section page a section: its groups, rights and review workflow come with it."""

from django.apps import apps
from django.db.models.signals import post_save

from .sections import SECTION_PAGE_MODELS, setup_section


def set_up_new_section(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """post_save handler for section page models."""
    if created and not raw:
        setup_section(instance)


for label in SECTION_PAGE_MODELS:
    try:
        model = apps.get_model(label)
    except LookupError:  # that content app is not installed on this site
        continue
    post_save.connect(set_up_new_section, sender=model, dispatch_uid=f"editorial-section-{label}")
