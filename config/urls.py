from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from classroom.api import occurrences_json
from core.sitemaps import TranslatedSitemap
from core.views import serve_rendition
from search.views import search_page

from .api import api_not_found, api_router, openapi_json, openapi_yaml

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/openapi.json", openapi_json, name="openapi_json"),
    path("api/v2/openapi.yaml", openapi_yaml, name="openapi_yaml"),
    path("api/v2/", api_router.urls),
    path("api/classroom/occurrences/", occurrences_json, name="classroom_occurrences"),
    # Anything else under api/ is a JSON 404, not the site's HTML page under a language prefix.
    re_path(r"^api/(?P<path>.*)$", api_not_found),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
]

if settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage":
    # Local storage (the embedded setup): renditions only, in development and under gunicorn
    # alike (core.views.serve_rendition). With object storage the bucket or its CDN serves them.
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/images/<path:path>", serve_rendition))

# Every public page lives under its language: /zh-hans/... and /mn-mong/...; "/" is sent to
# the best match of Accept-Language by LocaleMiddleware.
urlpatterns += i18n_patterns(
    path("search/", search_page, name="search"),
    path("teachers/", include("materials.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
