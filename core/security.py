"""Security headers beyond Django's own: the Content-Security-Policy, relaxed for the admin only.

The policy itself is ``CONTENT_SECURITY_POLICY`` in config/settings/security.py (django-csp).
"""

import json
import re

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware; under the Wagtail admin, style-src also allows inline styles.

    Wagtail's admin sets ``style`` attributes and ``<style>`` elements from its scripts (the
    editor's panels, Draftail, the preview); scripts stay as strict as on the public site: the
    inline initialisers of Wagtail's older widgets (date pickers, choosers) become JSON data
    blocks that a static script runs (:func:`move_inline_initialisers`).
    """

    #: Directives added for requests under the admin's address.
    admin_update = {"style-src": [UNSAFE_INLINE]}

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if is_admin(request):
            parts.update = {**(parts.update or {}), **self.admin_update}
        return parts

    def process_response(self, request, response):
        if (
            is_admin(request)
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and b"<script>" in response.content
        ):
            response.content = move_inline_initialisers(response.content.decode(response.charset)).encode(
                response.charset
            )
            if response.has_header("Content-Length"):  # set by CommonMiddleware, inside this one
                response["Content-Length"] = str(len(response.content))
        return super().process_response(request, response)


def is_admin(request) -> bool:
    return request.path_info.startswith(reverse("wagtailadmin_home"))


#: A legacy widget's inline initialiser, as Wagtail writes it: ``<script>new ImageChooser("id", {...});</script>``
#: or ``<script>initDateChooser("id", {...});</script>``: one call of a global with JSON arguments.
INLINE_INIT = re.compile(
    r"<script>\s*(?P<new>new\s+)?(?P<callee>[A-Za-z_$][\w$.]*)\((?P<args>.*?)\);?\s*</script>", re.S
)


def _as_data(match: re.Match) -> str:
    try:
        arguments = json.loads(f"[{match['args']}]")
    except ValueError:
        return match[0]  # not a plain call with JSON arguments: left as it was (and CSP blocks it)
    kind = "new" if match["new"] else "call"
    payload = json.dumps(arguments).replace("<", "\\u003c")
    return (
        f'<script type="application/json" data-inline-init="{kind}" data-callee="{match["callee"]}">{payload}</script>'
    )


def move_inline_initialisers(html: str) -> str:
    """Turn each inline widget initialiser in ``html`` into a JSON data block that
    ``site/static/js/admin_init.js`` runs: the same call, without an inline script.

    Args:
        html: an admin page.
    Returns:
        The page with every ``<script>[new] name(json, ...);</script>`` replaced by
        ``<script type="application/json" data-inline-init="new|call" data-callee="name">[json, ...]</script>``.
    """
    return INLINE_INIT.sub(_as_data, html)
