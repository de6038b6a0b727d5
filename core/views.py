"""Views core provides: reports for editors and translators, and public image files."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django.views.static import serve

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from core.translation_status import STATES, summarise, translation_statuses


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    """Pages and snippets without a translation, or whose translation is out of date."""

    template_name = "core/translation_status.html"
    page_title = _("Translation status")
    header_icon = "site"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": _("Reports")}, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        default = Locale.get_default()
        locales = Locale.objects.exclude(pk=default.pk)
        requested = self.request.GET.get("locale", "")
        locale = locales.filter(language_code=requested).first() or locales.first()
        state = self.request.GET.get("state", "")
        statuses = translation_statuses(locale, default) if locale else []
        context.update(
            locale=locale,
            locales=locales,
            counts=summarise(statuses),
            states=STATES,
            state=state if state in STATES else "",
            statuses=[status for status in statuses if not state or status.state == state],
        )
        return context


def serve_rendition(request: HttpRequest, path: str) -> HttpResponse:
    """An image rendition from MEDIA_ROOT/images/, for the embedded setup (local file storage).

    Only renditions: originals (original_images/) and documents (documents/, some for teachers
    only) are never served from /media/; documents go through Wagtail's checking view. A
    rendition's file name carries its filter and focal point, so it is cached for
    MEDIA_CACHE_MAX_AGE seconds (default a week). Conditional requests get 304 answers.

    Raises:
        Http404: no such file, or a path that leaves the folder.
    """
    if path.startswith(".") or "/." in path:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT / "images")
    patch_cache_control(response, public=True, max_age=settings.MEDIA_CACHE_MAX_AGE)
    response["X-Content-Type-Options"] = "nosniff"
    return response
