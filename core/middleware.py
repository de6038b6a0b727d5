"""Middleware for Wagtail's page requests (kept apart from core.serving, which models import:
Wagtail's views module may only be imported once the models are loaded)."""

from collections.abc import Callable

from django.http import HttpRequest

from wagtail import views as wagtail_views

from core.serving import prime_site_settings, route_for_request, site_for_request


class PageRoutingMiddleware:
    """Routes Wagtail's page requests with :func:`route_for_request` and gives them the shared
    site and site settings, before Wagtail's ``serve`` view (which uses what it finds)."""

    def __init__(self, get_response: Callable):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or hasattr(request, "_wagtail_route_for_request"):
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        prime_site_settings(request, site_for_request(request))
        request._wagtail_route_for_request = route_for_request(request, path)
        return None
