"""Layers point one way: editorial sits on top and names no content app; content apps never import editorial.

Demo content (home/demo) is a development tool, on top with editorial, so it may use both.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTENT_APPS = {"stories", "campaigns", "home"}


def imported_modules(app: str) -> set[tuple[str, str]]:
    """(file, module) for every import in an app's Python files, late imports inside functions included."""
    found = set()
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts or "demo" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update((str(path.relative_to(ROOT)), alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add((str(path.relative_to(ROOT)), node.module))
    return found


def test_editorial_imports_no_content_app():
    wrong = {(path, module) for path, module in imported_modules("editorial") if module.split(".")[0] in CONTENT_APPS}
    assert not wrong


@pytest.mark.parametrize("app", sorted(CONTENT_APPS))
def test_content_apps_do_not_import_editorial(app):
    wrong = {(path, module) for path, module in imported_modules(app) if module.split(".")[0] == "editorial"}
    assert not wrong
