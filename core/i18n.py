"""Language versions of pages: which translations exist, where each language's reader goes,
and how a page without a translation is still served under that language's prefix."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils import translation

from wagtail.models import Page, PageQuerySet, Site

from core.serving import pages
from core.translation import default_locale as cached_default_locale
from core.translation import locale_by_id

HTML_LANGUAGE_TAGS = {"zh-hans": "zh-Hans", "mn-mong": "mn-Mong"}


@dataclass(frozen=True)
class LanguageVersion:
    """One language's version of the page a reader is on."""

    code: str  # Django's code, such as "mn-mong"
    tag: str  # BCP 47, such as "mn-Mong"
    name_local: str  # the language's name in itself
    url: str
    translated: bool  # False: no published translation yet, the URL shows the source as a fallback
    current: bool
    page: Page | None = None  # the published translation, when there is one


def html_language_tag(language_code: str | None) -> str:
    """The BCP 47 tag for a Django language code: zh-hans -> zh-Hans, mn-mong -> mn-Mong."""
    code = (language_code or settings.LANGUAGE_CODE).lower()
    return HTML_LANGUAGE_TAGS.get(code, code)


def content_page(page: Page) -> Page:
    """The page whose words are shown: for an alias kept in place of a translation, its original.

    wagtail-localize fills the gaps above a translated page with aliases of the Chinese pages,
    so a Mongolian "translation" may still hold Chinese text.
    """
    if page.alias_of_id and page.alias_of.locale_id != page.locale_id:
        return page.alias_of
    return page


def content_language_code(page: Page) -> str:
    """The Django language code of the words the page shows."""
    return locale_by_id(content_page(page).locale_id).language_code


def is_fallback(page: Page, language_code: str | None = None) -> bool:
    """True when the page is shown in another language than the reader's (a missing translation)."""
    language_code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    return content_language_code(page) != language_code.lower()


def published_translations(page: Page) -> list[Page]:
    """Live, public versions of the page in every locale, itself included, without aliases.

    One query; the locale of each is fetched with it.
    """
    return list(
        pages()
        .filter(translation_key=page.translation_key)
        .live()
        .public()
        .filter(Q(alias_of__isnull=True) | Q(alias_of__locale=F("locale")))
        .select_related("locale")
        .order_by("locale__language_code")
    )


def fallback_url(page: Page, language_code: str, request: HttpRequest | None = None) -> str | None:
    """The URL under ``language_code``'s prefix that serves ``page`` when it has no translation.

    The path below the site root stays the same (translations keep their slugs), and
    ``fallback_child`` routes it to this page. None when the page is not routable.
    """
    root = next((srp for srp in Site.get_site_root_paths() if page.url_path.startswith(srp.root_path)), None)
    if root is None:
        return None
    with translation.override(language_code):
        path = reverse("wagtail_serve", args=(page.url_path[len(root.root_path) :],))
    current_site = Site.find_for_request(request) if request else None
    if current_site is None or current_site.pk == root.site_id:
        return path
    return root.root_url + path


def fallback_child(page: Page, slug: str) -> Page | None:
    """The page to serve for ``slug`` below ``page`` when ``page`` has no such child.

    Below a translated (or aliased) page, look among the children of its default-language
    source instead: the child's live translation in this locale when it has one under another
    slug, else the source child itself. None for the default locale or when nothing matches.
    """
    default_locale = cached_default_locale()
    if page.locale_id == default_locale.pk:
        return None
    source = page.get_translation_or_none(default_locale)
    if source is None:
        return None
    child = source.get_children().filter(slug=slug).first()
    if child is None:
        return None
    translated = child.get_translation_or_none(page.locale_id)
    if translated is not None and translated.live:
        return translated
    return child


def language_versions(page: Page | None, request: HttpRequest) -> list[LanguageVersion]:
    """Every site language's version of ``page``, or of the current URL when there is no page.

    Cached on the request, since the switcher and the hreflang links both need it.
    """
    cache = request.__dict__.setdefault("_shiliu_language_versions", {})
    key = page.pk if page is not None else None
    if key not in cache:
        cache[key] = _language_versions(page, request)
    return cache[key]


def _language_versions(page: Page | None, request: HttpRequest) -> list[LanguageVersion]:
    current = (translation.get_language() or settings.LANGUAGE_CODE).lower()
    by_code = {}
    source = page
    if page is not None:
        by_code = {version.locale.language_code: version for version in published_translations(page)}
        source = by_code.get(settings.LANGUAGE_CODE) or content_page(page)
    versions = []
    for code, _name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        translated = code in by_code
        if page is None:
            url = translate_url(request.get_full_path(), code)
            if url == request.get_full_path() and code != current:
                url = _home_url(code)  # a path no view knows, such as a 404
        elif translated:
            url = by_code[code].get_url(request)
        elif code == current:
            url = request.get_full_path()
        elif code == settings.LANGUAGE_CODE:
            url = _home_url(code)  # a page written in another language first has no fallback here
        else:
            url = fallback_url(source, code, request)
        if url:
            versions.append(
                LanguageVersion(
                    code=code,
                    tag=html_language_tag(code),
                    name_local=info["name_local"],
                    url=url,
                    translated=translated,
                    current=code == current,
                    page=by_code.get(code),
                )
            )
    return versions


def _home_url(language_code: str) -> str:
    with translation.override(language_code):
        return reverse("wagtail_serve", args=("",))


def prefer_locale(pages: Iterable[Page], locale_id: int) -> list[Page]:
    """One page per translation key, in the order keys first appear: the page in ``locale_id``
    when there is one (not an alias, which may hold another language's words), else the first seen.

    Args:
        pages: pages in the reader's locale and in the source locale, already fetched.
        locale_id: the reader's locale.
    Returns:
        A list; no query is made.
    """
    chosen: dict = {}
    for page in pages:
        current = chosen.get(page.translation_key)
        own = page.locale_id == locale_id and page.alias_of_id is None
        if current is None or (own and current.locale_id != locale_id):
            chosen[page.translation_key] = page
    return list(chosen.values())


def below_in_reader_language(queryset: PageQuerySet, page: Page, *, descendants: bool = False) -> PageQuerySet:
    """The pages of ``queryset`` below ``page`` as a reader of ``page``'s language sees a listing.

    A listing in the source language lists its own children. A translated listing (a
    Mongolian story index, say) lists its own children, and in place of every child not yet
    translated, the source-language child below its source page; so a Mongolian listing is
    never emptier than the Chinese one. Aliases wagtail-localize keeps in place of
    translations are left out, their originals shown instead.

    Args:
        queryset: pages of one type, such as ``StoryPage.objects.live().public()``; any
            ordering, filtering and ``for_listing()`` may follow.
        page: the listing page (an index, or a home page with ``descendants=True``).
        descendants: all pages below ``page`` rather than its children only.
    Returns:
        A queryset (one SQL query with a subquery); templates link its pages with
        ``{% listing_url %}``, which sends a reader to the fallback address of a page
        in another language.
    """
    scope = _below(page, descendants)
    if (translation.get_language() or settings.LANGUAGE_CODE).lower() == settings.LANGUAGE_CODE.lower():
        # A reader of the source language: every page is in it, nothing to fall back to, and
        # no query is spent finding out (the calendar's fixed query count depends on it).
        return queryset.filter(scope).select_related("locale")
    default_locale = cached_default_locale()
    if page.locale_id == default_locale.pk:
        return queryset.filter(scope).select_related("locale")
    source = page.get_translation_or_none(default_locale)
    if source is not None:
        scope |= _below(source, descendants)
    return in_reader_language(queryset.filter(scope), page.locale_id, default_locale.pk)


def in_reader_language(queryset: PageQuerySet, locale_id: int, default_locale_id: int | None = None) -> PageQuerySet:
    """One version of each page for a reader of ``locale_id``: its pages there, and the
    default language's pages that have no live translation there. Aliases wagtail-localize
    keeps in place of a translation (an alias of a page in another locale) are left out.

    Args:
        queryset: pages in any locales; filtering, ordering and prefetching may follow.
        locale_id: the reader's locale.
        default_locale_id: the default locale's id when the caller has it (saves a query).
    Returns:
        A queryset, with each page's locale fetched along (one SQL query with a subquery).
    """
    queryset = queryset.select_related("locale")  # reader_url and the notice read each page's language
    default_locale_id = default_locale_id or cached_default_locale().pk
    if locale_id == default_locale_id:
        return queryset.filter(locale_id=locale_id)
    own_words = Q(alias_of__isnull=True) | Q(alias_of__locale=F("locale"))
    translated = Page.objects.live().filter(own_words, locale_id=locale_id, translation_key=OuterRef("translation_key"))
    return queryset.filter(
        (Q(locale_id=locale_id) & own_words) | (Q(locale_id=default_locale_id) & ~Exists(translated))
    )


def _below(page: Page, descendants: bool) -> Q:
    depth = Q(depth__gt=page.depth) if descendants else Q(depth=page.depth + 1)
    return Q(path__startswith=page.path) & depth


def reader_url(page: Page, request: HttpRequest | None = None, language_code: str | None = None) -> str | None:
    """Where a reader of ``language_code`` (the active language) reads ``page`` from a listing.

    The page's own URL when it is in that language; for a page in another language (a
    missing translation), its address under the reader's language prefix, which shows it
    with the translation notice (:func:`fallback_url`); its own URL when it has none.
    """
    language_code = (language_code or translation.get_language() or settings.LANGUAGE_CODE).lower()
    if locale_by_id(page.locale_id).language_code == language_code:
        return page.get_url(request)
    return fallback_url(page, language_code, request) or page.get_url(request)
