"""Counting a visitor once a day without keeping anything that identifies them.

Download counts (materials) and the popular-searches list (search) both count a visitor once
per thing per day. What is kept is :func:`visitor_digest`: an HMAC whose key is derived from
SECRET_KEY, a scope and the day, so a digest cannot be matched with an address without the
key, nor with the same visitor on another day; rows holding digests are deleted once their
day is over.
"""

import datetime
import hashlib
import hmac

from django.conf import settings

#: Longest user agent taken into the digest, in characters.
MAX_USER_AGENT = 300


def visitor_digest(request, scope: str, day: datetime.date, *parts: object) -> str:
    """A keyed hash of the visitor's IP address and user agent, ``parts`` and the day.

    Args:
        request: the HttpRequest (REMOTE_ADDR and HTTP_USER_AGENT are read; either may be missing).
        scope: what is counted, such as "downloads" or "search"; the key differs per scope.
        day: the day the count is for (Asia/Shanghai local date).
        parts: what else makes the count distinct (a material's id, a search term).
    Returns:
        64 hexadecimal characters (HMAC-SHA256).
    """
    key = hmac.new(settings.SECRET_KEY.encode(), f"{scope}:{day.isoformat()}".encode(), hashlib.sha256).digest()
    visitor = "\n".join(
        [
            request.META.get("REMOTE_ADDR", ""),
            request.META.get("HTTP_USER_AGENT", "")[:MAX_USER_AGENT],
            *(str(part) for part in parts),
        ]
    )
    return hmac.new(key, visitor.encode(), hashlib.sha256).hexdigest()
