"""devtools sits on top of the layers: no runtime app imports it, or production would need it."""

import ast
from pathlib import Path

import pytest

from django.conf import settings

RUNTIME_APPS = ("core", "home", "stories", "campaigns", "search", "editorial", "config")


def imported_modules(path: Path) -> set[str]:
    """The modules a Python file imports, at any depth (late imports in functions included)."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    return modules


@pytest.mark.parametrize("app", RUNTIME_APPS)
def test_runtime_apps_never_import_devtools(app):
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in sorted((Path(settings.BASE_DIR) / app).rglob("*.py"))
        if any(module == "devtools" or module.startswith("devtools.") for module in imported_modules(path))
    ]
    assert offenders == []
