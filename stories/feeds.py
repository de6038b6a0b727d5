"""RSS and Atom feeds of a story index, in the index's language."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.translation import gettext as _

from core.feeds import SafeAtomFeed, SafeRssFeed
from core.i18n import html_language_tag


class StoryRssFeed(Feed):
    """The 20 newest stories of one index."""

    feed_type = SafeRssFeed
    limit = 20

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.language = html_language_tag(index_page.locale.language_code)  # zh-Hans or mn-Mong

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.get_full_url(self.request)

    def description(self):
        return self.index_page.intro or _("Ethnic-unity stories")

    def items(self):
        return self.index_page.stories().select_related("place")[: self.limit]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        """The story's own publication date, at midnight in the site's time zone."""
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time()))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [item.place.name] if item.place else []


class StoryAtomFeed(StoryRssFeed):
    """The same stories as an Atom feed."""

    feed_type = SafeAtomFeed
    subtitle = StoryRssFeed.description
