"""Security settings every environment shares: headers, the login throttle, no third-party hosts.

Imported at the end of base.py. Production adds HTTPS, HSTS and secure cookies on top.
"""

from datetime import timedelta

from csp.constants import NONE, SELF

# Content-Security-Policy (django-csp): nothing but this site's own files, no inline script.
# The Wagtail admin needs inline scripts and styles; core.security adds 'unsafe-inline' there only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "media-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],  # Wagtail's preview panel
        "frame-ancestors": [SELF],  # Wagtail's preview panel frames our own pages
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "worker-src": [SELF, "blob:"],
        "manifest-src": [SELF],
    },
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's preview views override this with SAMEORIGIN for the preview frame.
X_FRAME_OPTIONS = "DENY"
# Permissions-Policy (django-permissions-policy): no page needs these browser features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "interest-cohort",
    )
}

# No request ever leaves for another host: no Gravatar avatars in the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the dashboard would ask Wagtail's release server

# Admin login throttle (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name
# from one address, that pair is locked out for AXES_COOLOFF_TIME (429, core.throttle.login_lockout_response).
# The pair, not the address alone, so an attacker cannot lock every editor out of the admin.
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.throttle.login_lockout_response"
AXES_VERBOSE = False

# Page and collection passwords (core.throttle): the same limit and cool-off, per address and restriction.
PASSWORD_FAILURE_LIMIT = AXES_FAILURE_LIMIT
PASSWORD_COOLOFF_TIME = AXES_COOLOFF_TIME
