"""Template tags for the two languages: switcher, hreflang, fallback notice, vertical digits."""

import re

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language, gettext, pgettext

from wagtail.models import Page

from core import i18n
from core.i18n import LanguageVersion, content_page, html_language_tag, is_fallback, language_versions
from core.translation import active_locale, locale_by_id, localize_all, localized_instance

register = template.Library()

# Runs of one or two digits are set upright in vertical Mongolian (text-combine-upright);
# longer numbers such as years are rotated with the line.
SHORT_NUMBER = re.compile(r"(?<![0-9])([0-9]{1,2})(?![0-9])")
VERTICAL_LANGUAGES = {"mn-mong"}


@register.simple_tag(takes_context=True)
def page_language_versions(context) -> list[LanguageVersion]:
    """Each site language's version of the current page (or URL), for the language switcher."""
    request = context.get("request")
    if request is None:
        return []
    return language_versions(context.get("page"), request)


@register.simple_tag(takes_context=True)
def hreflang_links(context) -> list[dict]:
    """hreflang and absolute URL of every published translation of the page, then x-default."""
    request, page = context.get("request"), context.get("page")
    if request is None or page is None:
        return []
    links = []
    for version in language_versions(page, request):
        if version.translated and version.page is not None:
            url = version.page.get_full_url(request)
            if url:
                links.append({"hreflang": version.tag, "url": url})
                if version.code == settings.LANGUAGE_CODE:
                    links.append({"hreflang": "x-default", "url": url})
    return links


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's own URL; for a page shown in place of a missing translation, the source's."""
    page, request = context.get("page"), context.get("request")
    return content_page(page).get_full_url(request) or ""


@register.simple_tag
def content_lang(page) -> str:
    """The BCP 47 tag of the language the page's words are in (zh-Hans for a fallback)."""
    return html_language_tag(locale_by_id(content_page(page).locale_id).language_code)


@register.simple_tag(takes_context=True)
def content_language_code(context) -> str:
    """The Django code of the language the page's words are in; the reader's when no page.

    base.html renders the content in it, so that a Chinese page shown in place of a missing
    Mongolian translation has Chinese labels and dates too, not Mongolian words lying on
    their side in a horizontal page.
    """
    page = context.get("page")
    if page is None:
        return get_language() or settings.LANGUAGE_CODE
    return i18n.content_language_code(page)


@register.simple_tag(takes_context=True)
def shows_fallback(context) -> bool:
    """True when the page is shown in its source language because the reader's is missing."""
    page = context.get("page")
    return page is not None and is_fallback(page)


@register.filter(needs_autoescape=True)
def tcy_digits(value, autoescape: bool = True) -> str:
    """Short numbers in vertical Mongolian text wrapped to stand upright: <span class="tcy">13</span>.

    Other languages, and text that is already HTML, are returned unchanged (escaped).
    """
    if isinstance(value, SafeData) or (get_language() or "").lower() not in VERTICAL_LANGUAGES:
        return conditional_escape(value) if autoescape else value
    parts = SHORT_NUMBER.split(str(value))  # text, number, text, number, ..., text
    return mark_safe(  # noqa: S308 - every text part is escaped, every number part is digits
        "".join(
            format_html('<span class="tcy">{}</span>', part)
            if position % 2
            else (conditional_escape(part) if autoescape else part)
            for position, part in enumerate(parts)
        )
    )


@register.simple_tag
def is_vertical_language(language_code: str | None = None) -> bool:
    """True for languages written top to bottom on this site (traditional Mongolian)."""
    return (language_code or get_language() or "").lower() in VERTICAL_LANGUAGES


@register.simple_tag(takes_context=True)
def main_attributes(context) -> SafeString:
    """Attributes of <main>: a focusable, labelled vertical region when it holds Mongolian text.

    Pages without a Wagtail page (search, the error pages) are in the reader's language, so
    they are vertical on the Mongolian site too; a page shown in Chinese on the Mongolian site
    (a missing translation) stays horizontal.
    """
    page = context.get("page")
    content_language = i18n.content_language_code(page) if page is not None else None
    if is_vertical_language() and is_vertical_language(content_language):
        label = gettext("Page content. Scroll sideways or use the arrow keys to read on.")
        return format_html('class="vertical-main" tabindex="0" aria-label="{}"', label)
    if content_language is not None and content_language != get_language():
        # A page in its source language on another language's site: its labels and listings
        # are rendered in the source language too (base.html), so <main> says so.
        return format_html('tabindex="-1" lang="{}"', html_language_tag(content_language))
    return mark_safe('tabindex="-1"')  # the skip link's target  # noqa: S308 - a constant


@register.filter
def localized_one(instance):
    """One translatable snippet in the reader's language where translated, else as it is."""
    if instance is None:
        return None
    return localize_all([instance], active_locale())[0]


@register.simple_tag(takes_context=True)
def listing_url(context, page) -> str:
    """The URL a listing links ``page`` with: under the reader's language prefix, also for a
    page not translated yet (core.i18n.reader_url).

    The reader's language is the request's: a page shown in place of a missing translation
    renders its content in the source language, and its links still keep the reader's prefix.
    """
    request = context.get("request")
    return i18n.reader_url(page, request, getattr(request, "LANGUAGE_CODE", None)) or ""


@register.simple_tag
def listing_notice(page) -> str:
    """For a page listed in place of a missing translation, a short note in the reader's
    language saying it is in the original; empty otherwise."""
    if page is None or not is_fallback(page):
        return ""
    language = get_language() or settings.LANGUAGE_CODE
    return format_html(
        '<span class="listing-notice" lang="{}">{}</span>',
        html_language_tag(language),
        gettext("Not translated yet: shown in the original"),
    )


@register.simple_tag(takes_context=True)
def localized_snippet(context, instance, owner=None):
    """``{% localized_snippet story.place story as place %}``: a place, theme or ethnic group in
    the language of the page it belongs to (``owner``; the active language without one) where
    translated, else as it is. A Chinese card listed on a Mongolian page keeps a Chinese name,
    like the rest of its card. A listing of any length costs one query per snippet model
    (core.translation.localized_instance)."""
    request = context.get("request")
    cache = request.__dict__.setdefault("_shiliu_snippets", {}) if request is not None else {}
    locale = locale_by_id(content_page(owner).locale_id) if owner is not None else active_locale()
    return localized_instance(instance, locale, cache)


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context, page) -> list:
    """The pages above ``page`` (below the tree's root), each in the reader's language where
    it has a live translation there, else as it is (none to two queries).

    The reader's language is the request's, also on a page shown in place of a missing
    translation: its trail leads back into the reader's language.
    """
    if page is None:
        return []
    ancestors = page_ancestors(page)
    request = context.get("request")
    language = (getattr(request, "LANGUAGE_CODE", None) or get_language() or settings.LANGUAGE_CODE).lower()
    if all(locale_by_id(ancestor.locale_id).language_code == language for ancestor in ancestors):
        return ancestors  # already in the reader's language: nothing to look up
    translations = {
        version.translation_key: version
        for version in Page.objects.live()
        .filter(
            locale__language_code=language,
            alias_of__isnull=True,
            translation_key__in=[ancestor.translation_key for ancestor in ancestors],
        )
        .select_related("locale")
    }
    return [translations.get(ancestor.translation_key, ancestor) for ancestor in ancestors]


def page_ancestors(page) -> list:
    """The pages above ``page`` below the tree's root, outermost first: the ones routing left
    on it (core.serving, no query) when it has them all, else one query."""
    chain, current = [], page
    while current.depth is None or current.depth > 2:
        parent = current.__dict__.get("_cached_parent_obj")
        if parent is None or current.depth is None:  # not routed here (a preview, a listing)
            return list(page.get_ancestors().filter(depth__gt=1).select_related("locale"))
        chain.append(parent)
        current = parent
    return chain[::-1]


@register.simple_tag
def list_separator() -> str:
    """What separates the items of a list in the active language ("、" in Chinese, "᠂ " in
    Mongolian; from the catalogues, context "list separator")."""
    return pgettext("list separator", ", ")


@register.filter(needs_autoescape=True)
def join_list(values, autoescape: bool = True) -> SafeString:
    """``values`` joined with :func:`list_separator`, each escaped: ``{{ labels|join_list }}``."""
    escape = conditional_escape if autoescape else str
    return mark_safe(escape(list_separator()).join(escape(value) for value in values))  # noqa: S308
