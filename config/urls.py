from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve

from classroom.api import occurrences_json
from core.health import healthz, readyz
from core.throttle import throttle_password_failures
from search.views import search_page

from .api import api_router

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
    path("api/v2/", api_router.urls),
    path("api/classroom/occurrences/", occurrences_json, name="classroom_occurrences"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Renditions only: originals (original_images/) and documents (documents/, some for teachers
    # only) are never served from /media/; documents go through Wagtail's checking view.
    urlpatterns += static(f"{settings.MEDIA_URL}images/", document_root=settings.MEDIA_ROOT / "images")

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
