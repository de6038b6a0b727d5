"""textkit is the bottom layer: it imports no project app."""

import ast
from pathlib import Path

import textkit

PROJECT_APPS = {"config", "core", "search", "stories", "campaigns", "home", "editorial", "tests"}


def test_textkit_imports_no_project_app():
    for path in Path(textkit.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in PROJECT_APPS, f"{path.name} imports {name}"
