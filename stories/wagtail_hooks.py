from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import EthnicGroup, Place, Theme

# The snippets are indexed models searched through the project's analysis (core.indexing); no
# viewset sets search_fields, which the database backends cannot restrict a search to.


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    list_display = ["name", "level", "parent", "locale"]
    list_filter = ["level", "locale"]


class EthnicGroupViewSet(SnippetViewSet):
    model = EthnicGroup
    icon = "group"
    list_display = ["code", "name", "locale"]
    list_filter = ["locale"]
    ordering = ["code"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]


class StoryTaxonomyGroup(SnippetViewSetGroup):
    items = (PlaceViewSet, EthnicGroupViewSet, ThemeViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Places and themes")
    menu_name = "story-taxonomy"


register_snippet(StoryTaxonomyGroup)
