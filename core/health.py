"""Liveness, readiness, and a 503 instead of a 500 while the database is unreachable.

- ``/healthz``: the process answers (no database, no cache); for a supervisor's liveness probe.
- ``/readyz``: the database answers, and the search server and caches when they are configured;
  200 or 503 with JSON naming what failed; for a load balancer's readiness probe. It also tells
  how the background worker keeps up (``tasks``: waiting and late tasks), which a monitor can
  alert on; a worker that lags never makes the web server unready.
- :class:`DatabaseUnavailableMiddleware` and :func:`server_error`: a request that fails because
  the database cannot be reached answers 503 with ``Retry-After`` (the friendly page ``503.html``,
  JSON under ``/api/``). With ``CONN_HEALTH_CHECKS`` a persistent connection broken by a database
  restart is replaced at the next request, so service comes back without restarting the app.
"""

from __future__ import annotations

import datetime
import logging
import sys
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import InterfaceError, OperationalError, connections
from django.db.models import Case, F, When
from django.db.models.functions import Greatest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error as django_server_error

from wagtail.search.backends import get_search_backends

logger = logging.getLogger(__name__)

#: Seconds a client is asked to wait before it tries again (RFC 9110, 10.2.3).
RETRY_AFTER_SECONDS = 30
#: Path prefix whose clients read JSON, not HTML.
API_PREFIX = "/api/"


def is_database_unavailable(exc: BaseException | None) -> bool:
    """True when ``exc`` (or an exception it was raised from) says the database cannot be reached.

    OperationalError covers a refused or dropped connection and a locked SQLite file;
    InterfaceError a connection that was closed under us. Both pass once the database is back.
    """
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """The 503 answer: JSON ``{"error": ..., "retry_after": 30}`` under /api/, else ``503.html``."""
    if request.path_info.startswith(API_PREFIX):
        response = JsonResponse(
            {
                "error": "service_unavailable",
                "message": _("The service is temporarily unavailable. Please try again shortly."),
                "retry_after": RETRY_AFTER_SECONDS,
            },
            status=503,
        )
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 (see :func:`service_unavailable`) when a view fails for want of its database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        logger.error("Database unavailable for %s: %s", request.path, exception)
        return service_unavailable(request)


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: the 503 answer when the failure was the database (raised outside a view,
    say in a middleware), otherwise Django's own 500 page."""
    if is_database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    return django_server_error(request, template_name)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: 200 ``{"status": "ok"}`` while the process serves requests; touches nothing else."""
    return JsonResponse({"status": "ok"})


def _check_database() -> None:
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()


def _check_caches() -> None:
    key = f"shiliu:readyz:{uuid.uuid4().hex}"
    for alias in settings.CACHES:
        cache = caches[alias]
        cache.set(key, "1", timeout=10)
        if cache.get(key) != "1":
            raise ConnectionError(f"cache {alias!r} did not return what was stored")
        cache.delete(key)


def _check_search() -> None:
    for backend in get_search_backends():
        client = getattr(backend, "es", None)  # Elasticsearch and OpenSearch backends
        if client is not None and not client.ping():
            raise ConnectionError("the search server does not answer")


CHECKS = {"database": _check_database, "cache": _check_caches, "search": _check_search}


def task_queue() -> dict | None:
    """How the worker keeps up with the database task queue; None with another task backend.

    Returns:
        ``{"waiting": n, "late": n, "oldest_seconds": s}``: tasks ready to run, those of them
        waiting more than ``TASKS_LATE_AFTER_MINUTES`` (a worker that is down or far behind),
        and how long in whole seconds the oldest has waited (0 when none waits). A task waits
        from when it was queued or, if deferred (``run_after``), from when it may run.
    """
    from django_tasks import task_backends
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    backend = task_backends["default"]
    if not isinstance(backend, DatabaseBackend):
        return None
    now = timezone.now()
    # A task waits from when it may run: a deferred one (an email's next attempt) from its
    # run_after, not from when it was queued hours before.
    waiting = (
        DBTaskResult.objects.ready()
        .filter(backend_name=backend.alias)
        .annotate(
            waiting_since=Case(
                # django-tasks-db stores "no run_after" as the largest date it has.
                When(run_after=get_date_max(), then=F("enqueued_at")),
                default=Greatest("enqueued_at", "run_after"),
            )
        )
    )
    oldest = waiting.order_by("waiting_since").values_list("waiting_since", flat=True).first()
    late_after = now - datetime.timedelta(minutes=settings.TASKS_LATE_AFTER_MINUTES)
    return {
        "waiting": waiting.count(),
        "late": waiting.filter(waiting_since__lt=late_after).count(),
        "oldest_seconds": int((now - oldest).total_seconds()) if oldest else 0,
    }


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: 200 when every part answers, else 503 and ``Retry-After``.

    Returns:
        JSON ``{"status": "ok" | "unavailable", "checks": {"database": "ok" | "error", ...}}``,
        with ``"tasks"`` (:func:`task_queue`) under the database task backend; the reasons are
        logged, not shown.
    """
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # any failure means not ready; the reason goes to the log
            logger.warning("Readiness check %s failed: %s", name, exc)
            results[name] = "error"
        else:
            results[name] = "ok"
    ready = all(value == "ok" for value in results.values())
    body = {"status": "ok" if ready else "unavailable", "checks": results}
    if results["database"] == "ok":
        tasks = task_queue()
        if tasks is not None:
            body["tasks"] = tasks
            if tasks["late"]:
                logger.warning(
                    "%d background tasks have waited too long: is manage.py db_worker running?", tasks["late"]
                )
    response = JsonResponse(body, status=200 if ready else 503)
    if not ready:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
