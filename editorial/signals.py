"""Make every new section page a section: its groups, rights and review workflow come with it."""

from django.db.models.signals import post_save

from core.mixins import SectionIndexMixin

from .sections import setup_section


def set_up_new_section(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """post_save handler: a new page of a section page type (core.mixins.SectionIndexMixin) becomes a section."""
    if created and not raw and isinstance(instance, SectionIndexMixin):
        setup_section(instance)


def connect() -> None:
    """Connect the handler for every model (page types may be added later, in tests for one); from ready()."""
    post_save.connect(set_up_new_section, dispatch_uid="editorial-new-section")
