"""Fixtures every suite shares: a site with a home page in each language, and a browser."""

import os
import shutil

import pytest

from django.conf import settings

from wagtail.models import Locale, Page, Site

from tests.factories import HomePageFactory

CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def require(condition: bool, reason: str) -> None:
    """Skip a test whose part is missing here; under CI=true a missing part fails instead."""
    if condition:
        return
    if CI:
        pytest.fail(f"{reason} (required because CI=true)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _media_root(request, tmp_path, settings):
    """Every test writes uploads to its own folder; a test on the module's demo
    (:func:`demo_content`) keeps the demo's, which holds its images and renditions."""
    if "demo_content" not in request.fixturenames:
        settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content (``load_demo --no-admin``), loaded once for a module and rolled back
    after its last test.

    For tests that do not commit (``pytest.mark.django_db`` without ``transaction=True``): each
    runs in a savepoint inside the module's transaction, so what one test changes the next does
    not see. Callbacks queued with ``transaction.on_commit`` during the load run at its end, as
    they would after the real command's commits. Uploads go to a folder of the module's own.
    A transactional test (``transaction=True``, ``live_server``) must not share a module with
    it: its flush would empty the tables inside the module's transaction.
    """
    from django.core.management import call_command
    from django.db import transaction
    from django.test import TestCase, override_settings

    media = tmp_path_factory.mktemp("demo-media")
    module = transaction.atomic()
    with override_settings(MEDIA_ROOT=media):
        with django_db_blocker.unblock():  # only while loading: a test still needs its own mark
            module.__enter__()
            with TestCase.captureOnCommitCallbacks(execute=True), open(os.devnull, "w") as quiet:
                call_command("load_demo", "--no-admin", stdout=quiet)
        try:
            yield
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                module.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _empty_caches():
    """Start every test with empty caches: Wagtail caches renditions by image id, and ids are
    reused after a rollback, so a cached rendition would point at another test's file."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def locales(db):
    """The two content locales (Chinese exists from Wagtail's migration; ours adds Mongolian)."""
    return {
        "zh": Locale.objects.get(language_code="zh-hans"),
        "mn": Locale.objects.get(language_code="mn-mong"),
    }


@pytest.fixture
def home(locales):
    """A Chinese home page that is the root of the default site."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, title="石榴测试首页", slug="home-test", locale=locales["zh"])
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


@pytest.fixture(scope="session")
def chromium_path():
    require(shutil.which(CHROMIUM) is not None, f"Chromium not found at {CHROMIUM}")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    # Playwright's sync API runs an event loop in this thread; Django's ORM is still
    # used synchronously by the test itself.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page_errors():
    """Collects console errors and uncaught exceptions of a Playwright page."""
    return []


@pytest.fixture
def browser_page(browser, page_errors):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and page_errors.append(message.text))
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts_dir():
    """Where browser tests save screenshots: test-artifacts/screenshots (README names it)."""
    path = settings.BASE_DIR / "test-artifacts" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
QUEUED_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def immediate_tasks(settings):
    """Background tasks run at once, inside the request (django-tasks' immediate backend)."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture
def queued_tasks(settings):
    """Background tasks wait in the database queue until the worker runs (see ``worker``)."""
    settings.TASKS = QUEUED_TASKS


@pytest.fixture
def worker(queued_tasks):
    """Run the real worker command over the database queue until it is empty."""
    import io
    import signal

    from django.core.management import call_command

    def run() -> None:
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
        try:
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())
        finally:
            for sig, handler in handlers.items():  # the worker installs its own for a clean stop
                signal.signal(sig, handler)

    return run
