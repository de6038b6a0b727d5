"""devtools is installed by the dev and test settings only: production never loads it."""

import json
import os
import subprocess  # noqa: S404 - runs our own settings and manage.py in a child process
import sys

import pytest

from django.conf import settings

RUNTIME_APPS = ("core", "home", "stories", "campaigns", "search", "editorial")
READ_INSTALLED_APPS = (
    "import importlib, json, sys; print(json.dumps(importlib.import_module(sys.argv[1]).INSTALLED_APPS))"
)


#: Long and random enough for production's key check (config.settings.production).
PRODUCTION_KEY = "kR7vQ2pX9mW4tZ8nB3cL6yH1sD5fG0jA-uE_oI7rT2wP9qV4xM8bN3zC6"


def _environment(settings_module: str) -> dict[str, str]:
    """This environment with the given settings and the secrets production insists on."""
    return {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, "SECRET_KEY": PRODUCTION_KEY, "ALLOWED_HOSTS": "x"}


def _run(settings_module: str, *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - a fixed command: this Python and our own code
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=_environment(settings_module),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout


def installed_apps(settings_module: str) -> list[str]:
    """INSTALLED_APPS of a settings module, imported afresh in a child process."""
    return json.loads(_run(settings_module, "-c", READ_INSTALLED_APPS, settings_module))


def test_production_settings_do_not_install_devtools():
    apps = installed_apps("config.settings.production")
    assert "devtools" not in apps
    assert set(RUNTIME_APPS) <= set(apps)


@pytest.mark.parametrize("settings_module", ["config.settings.dev", "config.settings.test"])
def test_dev_and_test_settings_install_devtools(settings_module):
    assert "devtools" in installed_apps(settings_module)


def test_these_tests_run_with_devtools():
    assert "devtools" in settings.INSTALLED_APPS


def test_production_manage_py_knows_no_development_command():
    commands = _run("config.settings.production", "manage.py", "help", "--commands").split()
    assert "update_index" in commands  # the list is really there
    assert not {"load_demo", "search_benchmark", "benchmark_pages"} & set(commands)
