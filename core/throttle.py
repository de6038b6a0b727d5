"""A throttle for Wagtail's password forms (private pages, private document collections).

The admin login is throttled by django-axes; Wagtail's page and collection password views
check a shared password with no limit at all. :func:`throttle_password_failures` wraps such a
view: after ``PASSWORD_FAILURE_LIMIT`` wrong passwords from one address for one restriction,
that address gets the password form back with a "too many attempts" message and status 429,
even for the right password, until ``PASSWORD_COOLOFF_TIME`` has passed since the last failure.
The counter lives in Django's default cache (shared between workers with Redis).
"""

from __future__ import annotations

import copy
import functools
import hashlib
import math

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import ngettext

from wagtail.forms import PasswordViewRestrictionForm


def client_address(request) -> str:
    """The address failures are counted for: REMOTE_ADDR (behind a proxy, as the proxy sets it)."""
    return request.META.get("REMOTE_ADDR", "")


def failure_key(scope: str, restriction_id, request) -> str:
    digest = hashlib.sha256(f"{scope}:{restriction_id}:{client_address(request)}".encode()).hexdigest()[:32]
    return f"shiliu:password-failures:{digest}"


def cooloff_seconds() -> int:
    return int(settings.PASSWORD_COOLOFF_TIME.total_seconds())


def locked_message() -> str:
    minutes = math.ceil(cooloff_seconds() / 60)
    return ngettext(
        "Too many wrong passwords. Please wait %(minutes)d minute and try again.",
        "Too many wrong passwords. Please wait %(minutes)d minutes and try again.",
        minutes,
    ) % {"minutes": minutes}


class LockedPasswordForm(PasswordViewRestrictionForm):
    """The password form as shown while an address is locked out: the password is not checked."""

    def clean_password(self):
        return self.cleaned_data["password"]

    def clean(self):
        raise forms.ValidationError(locked_message(), code="locked")


def throttle_password_failures(scope: str, restriction_kwarg: str):
    """Decorate a Wagtail password view (see the module docstring).

    Args:
        scope: names the kind of restriction in the counter's key ("page", "collection").
        restriction_kwarg: the URL keyword holding the restriction's id.
    Returns:
        A decorator. The view must answer a POST with a redirect when the password was right and
        with a TemplateResponse whose context has ``form`` otherwise (as Wagtail's views do).
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method != "POST":
                return view(request, *args, **kwargs)
            key = failure_key(scope, kwargs.get(restriction_kwarg), request)
            if cache.get(key, 0) >= settings.PASSWORD_FAILURE_LIMIT:
                cache.touch(key, cooloff_seconds())
                blank = copy.copy(request)
                blank.method = "GET"
                response = view(blank, *args, **kwargs)
                form = LockedPasswordForm(request.POST, instance=response.context_data["form"].restriction)
                form.is_valid()
                response.context_data["form"] = form
                response.status_code = 429
                response["Retry-After"] = str(cooloff_seconds())
                return response
            response = view(request, *args, **kwargs)
            if response.status_code == 200:  # the form again: a wrong password
                cache.add(key, 0, cooloff_seconds())
                try:
                    cache.incr(key)
                except ValueError:  # expired in between
                    cache.set(key, 1, cooloff_seconds())
                cache.touch(key, cooloff_seconds())
            elif response.status_code in (301, 302, 303):
                cache.delete(key)
            return response

        return wrapper

    return decorator


def login_lockout_response(request, original_response=None, credentials=None):
    """django-axes' AXES_LOCKOUT_CALLABLE: a page in the user's language saying how long to wait (429)."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    response = render(request, "core/too_many_attempts.html", {"cooloff_minutes": minutes}, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
