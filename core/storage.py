"""Uploads on a full disk: nothing half-written stays behind, and the editor is told why.

- :class:`FileSystemStorage` (STORAGES["default"] for local media): when writing a file fails
  for want of space (ENOSPC, EDQUOT, EFBIG), the part already written is removed before the
  error goes on, so no truncated file lies in MEDIA_ROOT. The model save that asked for the
  file stops at the same error, so no database row points at it.
- :class:`StorageFullMiddleware`: such an error answers with a clear message instead of a 500:
  the page the upload came from again with the message on top (Django's messages), or, for the
  admin's multiple upload, its JSON contract ``{"success": false, "error_message": ...}``.
"""

from __future__ import annotations

import errno
import logging
import os

from django.contrib import messages
from django.core.files.storage import FileSystemStorage as DjangoFileSystemStorage
from django.http import HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

#: errno values that mean "no room to write".
NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def is_no_space(exc: BaseException | None) -> bool:
    """True when ``exc`` (or an exception it came from) is a write that failed for want of space."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError) and exc.errno in NO_SPACE:
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


class FileSystemStorage(DjangoFileSystemStorage):
    """Django's file storage that removes a partly written file when the disk is full."""

    def _save(self, name, content):
        name = self.get_available_name(name, max_length=None)
        full_path = self.path(name)
        try:
            return super()._save(name, content)
        except OSError as exc:
            if exc.errno in NO_SPACE and os.path.exists(full_path):
                os.remove(full_path)
            raise


def storage_full_message() -> str:
    return _("The server has no room to store this file. Nothing was saved. Please tell the site administrator.")


class StorageFullMiddleware:
    """Answer a full disk during an upload with a message, not a 500 (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_no_space(exception):
            return None
        logger.error("No space left to store an upload to %s: %s", request.path, exception)
        message = storage_full_message()
        if request.headers.get("X-Requested-With") == "XMLHttpRequest" or "json" in request.headers.get("Accept", ""):
            return JsonResponse({"success": False, "error_message": message})
        messages.error(request, message)
        return HttpResponseRedirect(request.get_full_path(), status=303)
