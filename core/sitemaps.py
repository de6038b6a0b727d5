"""The sitemap: every live public page of the site in each language, with hreflang alternates.

Wagtail's own sitemap lists the site's root page and what is below it, which with
wagtail-localize is the Chinese tree only. This one lists the pages of every language tree
of the site (the site's root page and its translations), the same pages the page heads link
to each other (core.i18n.published_translations: live, public, no aliases of another
language's page), and gives each URL ``<xhtml:link rel="alternate" hreflang="...">`` for every
language version, itself included, plus ``x-default`` for the source language, as Google's
sitemap extension for localised versions describes. Django's sitemap template writes them.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db.models import F, Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.i18n import html_language_tag


class TranslatedSitemap(Sitemap):
    """Wagtail's sitemap over every language tree, each URL with its hreflang alternates.

    The alternates come from the pages listed on the same sitemap page (Django pages sitemaps
    by 50,000 URLs), without a query per page.
    """

    def items(self):
        site = self.get_wagtail_site()
        roots = [site.root_page, *site.root_page.get_translations()]
        tree = Q()
        for root in roots:
            tree |= Q(path__startswith=root.path, depth__gte=root.depth)
        return (
            Page.objects.live()
            .public()
            .filter(tree)
            .filter(Q(alias_of__isnull=True) | Q(alias_of__locale=F("locale")))
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        entries: list[tuple[Page, dict]] = []
        versions: dict[object, list[tuple[str, str]]] = defaultdict(list)
        last_mods = set()
        for item in self.paginator.page(page).object_list:
            for url_info in item.get_sitemap_urls(self.request):
                entries.append((item, url_info))
                last_mods.add(url_info.get("lastmod"))
            location = item.get_full_url(self.request)
            if location:
                versions[item.translation_key].append((item.locale.language_code, location))
        urls = []
        for item, url_info in entries:
            alternates = versions[item.translation_key]
            if len(alternates) > 1:
                links = [{"lang_code": html_language_tag(code), "location": url} for code, url in sorted(alternates)]
                links += [
                    {"lang_code": "x-default", "location": url}
                    for code, url in alternates
                    if code == settings.LANGUAGE_CODE
                ]
                url_info = {**url_info, "alternates": links}
            urls.append(url_info)
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
