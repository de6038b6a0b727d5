from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.core.files.storage import FileSystemStorage
from django.urls import include, path, re_path
from django.utils.module_loading import import_string
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve

from classroom.api import occurrences_json
from core.health import healthz, readyz
from core.sitemaps import TranslatedSitemap
from core.throttle import throttle_password_failures
from core.views import serve_rendition
from search.views import search_page

from .api import api_not_found, api_router, openapi_json, openapi_yaml

# Wagtail's password views for private pages and collections, throttled (core.throttle); the
# same addresses as Wagtail's, so its reverse() finds them, matched before Wagtail's own.
page_password_view = throttle_password_failures("page", "page_view_restriction_id")(
    wagtail_views.authenticate_with_password
)
collection_password_view = throttle_password_failures("collection", "restriction_id")(
    wagtaildocs_serve.authenticate_with_password
)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/authenticate_with_password/<int:restriction_id>/", collection_password_view),
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

if issubclass(import_string(settings.STORAGES["default"]["BACKEND"]), FileSystemStorage):
    # Local storage (the embedded setup): renditions only, in development and under gunicorn
    # alike (core.views.serve_rendition). With object storage the bucket or its CDN serves them.
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/images/<path:path>", serve_rendition))

# A request that fails for want of the database answers 503, not 500 (core.health).
handler500 = "core.health.server_error"

# Every public page lives under its language: /zh-hans/... and /mn-mong/...; "/" is sent to
# the best match of Accept-Language by LocaleMiddleware.
urlpatterns += i18n_patterns(
    path("search/", search_page, name="search"),
    path("teachers/", include("materials.urls")),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_password_view,
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
