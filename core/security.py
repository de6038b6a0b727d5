"""Security headers beyond Django's own: the Content-Security-Policy, relaxed for the admin only.

The policy itself is ``CONTENT_SECURITY_POLICY`` in config/settings/security.py (django-csp).
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware; under the Wagtail admin, style-src also allows inline styles.

    Wagtail's admin sets ``style`` attributes and ``<style>`` elements from its scripts (the
    editor's panels, Draftail, the preview); scripts stay as strict as on the public site.
    """

    #: Directives added for requests under the admin's address.
    admin_update = {"style-src": [UNSAFE_INLINE]}

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(reverse("wagtailadmin_home")):
            parts.update = {**(parts.update or {}), **self.admin_update}
        return parts
