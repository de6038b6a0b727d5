from .pages import StoryIndexPage, StoryPage
from .taxonomy import EthnicGroup, Place, Theme

__all__ = ["EthnicGroup", "Place", "StoryIndexPage", "StoryPage", "Theme"]
