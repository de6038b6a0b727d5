"""Security headers beyond Django's own: the Content-Security-Policy, relaxed for the admin only.

The policy itself is ``CONTENT_SECURITY_POLICY`` in config/settings/security.py (django-csp).
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware; under the Wagtail admin, inline scripts and styles are allowed.

    The public site (what residents and teachers load, including pages from the page cache)
    runs with ``script-src 'self'`` and no inline script. Wagtail 8's admin still writes inline
    initialisers (choosers, date pickers, modal responses delivered as JSON) and sets inline
    styles from its scripts, so the admin, behind a login on editors' PCs, gets
    ``'unsafe-inline'`` for both: the policy still limits every source to this host.
    """

    #: Directives added for requests under the admin's address.
    admin_update = {"style-src": [UNSAFE_INLINE], "script-src": [UNSAFE_INLINE]}

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if is_admin(request):
            parts.update = {**(parts.update or {}), **self.admin_update}
        return parts


def is_admin(request) -> bool:
    return request.path_info.startswith(reverse("wagtailadmin_home"))
