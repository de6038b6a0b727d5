"""Language versions of pages: which translations exist, where each language's reader goes,
and how a page without a translation is still served under that language's prefix."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils import translation

from wagtail.models import Page, Site

from core.translation import default_locale as cached_default_locale

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
    return content_page(page).locale.language_code


def is_fallback(page: Page, language_code: str | None = None) -> bool:
    """True when the page is shown in another language than the reader's (a missing translation)."""
    language_code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    return content_language_code(page) != language_code.lower()


def published_translations(page: Page) -> list[Page]:
    """Live, public versions of the page in every locale, itself included, without aliases.

    One query; the locale of each is fetched with it.
    """
    return list(
        Page.objects.filter(translation_key=page.translation_key)
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
