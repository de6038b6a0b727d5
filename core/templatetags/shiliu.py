"""Template tags every Shiliu template may use; they keep logic out of templates."""

import functools

import segno

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from wagtail.images.templatetags.wagtailimages_tags import image as wagtail_image_tag
from wagtail.models import get_page_models

from core.i18n import html_language_tag
from core.mixins import SectionIndexMixin
from core.models import SiteSettings
from core.renditions import is_picture, spec
from core.serving import localized_root, pages, site_for_request
from core.translation import active_locale, localize_all, localized_related

register = template.Library()


@register.simple_tag
def html_lang(language_code: str | None = None) -> str:
    """The BCP 47 tag for <html lang>: zh-Hans, mn-Mong."""
    return html_language_tag(language_code or get_language())


@register.filter
def localized(instances) -> list:
    """Translatable snippets in the reader's language where translated, else as they are.

    A queryset (``page.themes.all``) costs one query with the translations; a list of
    instances none when they are in the reader's language already, else one.
    """
    if isinstance(instances, QuerySet):
        return localized_related(instances, active_locale())
    return localize_all(instances, active_locale())


@register.tag(name="rendition")
def rendition(parser, token):
    """``{% rendition image "card" loading="lazy" %}``: Wagtail's ``{% image %}`` at a size named in
    core.renditions, the same that publishing makes ahead (so a request creates none); Wagtail's
    ``{% picture %}`` for a name with alternatives (``format-{avif,webp,jpeg}``)."""
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError('Usage: {% rendition image "name" [attribute=value ...] [as variable] %}')
    name = bits[2].strip("\"'")
    try:
        filter_spec = spec(name)
    except KeyError as error:
        raise template.TemplateSyntaxError(str(error)) from error
    contents = " ".join(["picture" if is_picture(name) else "image", bits[1], filter_spec, *bits[3:]])
    return wagtail_image_tag(parser, template.base.Token(token.token_type, contents, token.position, token.lineno))


@register.simple_tag
def qr_svg(url: str, title: str = "") -> SafeString:
    """An inline SVG QR code of ``url``, made on the server for printed posters."""
    return mark_safe(qr_svg_text(url, title))  # noqa: S308 - segno escapes the title and encodes the URL as modules


@functools.lru_cache(maxsize=256)
def qr_svg_text(url: str, title: str) -> str:
    """The SVG markup of :func:`qr_svg`, cached: encoding takes milliseconds, and a page such
    as the calendar shows the same few feed addresses on every request."""
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(scale=4, border=2, dark="#000", light="#fff", title=title or url, svgclass="qr-code")
    return svg.replace("<svg ", '<svg role="img" ', 1)


def section_content_types() -> list[ContentType]:
    """Content types of the page types whose pages are sections (core.mixins.SectionIndexMixin)."""
    models = [model for model in get_page_models() if issubclass(model, SectionIndexMixin)]
    return list(ContentType.objects.get_for_models(*models).values())


@register.simple_tag(takes_context=True)
def site_menu(context) -> dict:
    """The home page and its sections in the reader's language, for the header and its menu.

    Returns ``{"home": Page | None, "sections": [Page], "site_name": str}``; each section has
    ``is_current`` set when the page being shown is inside it.
    """
    request = context.get("request")
    site = site_for_request(request)
    if site is None:
        return {"home": None, "sections": [], "site_name": ""}
    home = localized_root(site)
    # Pages marked for the menu, and every section (core.mixins.SectionIndexMixin, a community's
    # stories, say), so each community is reachable, in the order editors gave them.
    sections = list(
        pages()
        .child_of(home)
        .live()
        .public()
        .filter(Q(show_in_menus=True) | Q(content_type__in=section_content_types()), locale_id=home.locale_id)
        .order_by("path")
    )
    page = context.get("page")
    current_path = getattr(page, "path", "")
    for section in sections:
        section.is_current = current_path.startswith(section.path)
    site_name = SiteSettings.for_request(request).display_name or home.title
    return {"home": home, "sections": sections, "site_name": site_name}


@register.simple_tag
def figure_number(value: str) -> str:
    """Short numbers (up to 4 characters) set upright in vertical text; see site.css."""
    value = str(value)
    css_class = "tcy" if len(value) <= 4 and value.isascii() else "digits"
    return format_html('<span class="{}">{}</span>', css_class, value)
