from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from classroom.api import occurrences_json
from core.sitemaps import TranslatedSitemap
from search.views import search_page

from .api import api_router

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/classroom/occurrences/", occurrences_json, name="classroom_occurrences"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Renditions only: originals (original_images/) and documents (documents/, some for teachers
    # only) are never served from /media/; documents go through Wagtail's checking view.
    urlpatterns += static(f"{settings.MEDIA_URL}images/", document_root=settings.MEDIA_ROOT / "images")

# Every public page lives under its language: /zh-hans/... and /mn-mong/...; "/" is sent to
# the best match of Accept-Language by LocaleMiddleware.
urlpatterns += i18n_patterns(
    path("search/", search_page, name="search"),
    path("teachers/", include("materials.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
