"""Django's LocaleMiddleware, less its redirect of API answers."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

#: Addresses outside the language prefixes whose answers are JSON (config.urls).
API_PREFIX = "/api/"


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except under /api/: a JSON 404 stays a JSON 404.

    Django answers a 404 outside i18n_patterns by redirecting to the same path under the
    language prefix whenever that path resolves, and Wagtail's catch-all page route resolves
    every path: /api/v2/pages/999/ became a redirect to an HTML "page not found".
    """

    def process_response(self, request, response):
        if request.path_info.startswith(API_PREFIX):
            return response
        return super().process_response(request, response)
