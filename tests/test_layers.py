"""The import-linter contracts in pyproject.toml hold, and a backwards import breaks them.

``make lint`` runs ``lint-imports`` on the tree; these tests prove the contracts are not
vacuous: the same configuration fails on a copy of the tree with one import turned around.
"""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONFIG = tomllib.loads((BASE_DIR / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own tool on our own files
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """A copy of the packages import-linter checks, and the configuration."""
    copy = tmp_path_factory.mktemp("tree")
    for package in CONFIG["root_packages"]:
        shutil.copytree(BASE_DIR / package, copy / package, ignore=shutil.ignore_patterns("__pycache__", "locale"))
    shutil.copy(BASE_DIR / "pyproject.toml", copy / "pyproject.toml")
    return copy


def test_every_app_is_in_a_layer_and_editorial_may_name_no_content_app():
    layers = [[name.strip() for name in layer.split("|")] for layer in CONFIG["contracts"][0]["layers"]]
    layered = {name for layer in layers for name in layer}
    apps = {path.parent.name for path in BASE_DIR.glob("*/apps.py")}
    content_apps = {name for layer in layers[layers.index(["editorial"]) + 1 : -3] for name in layer}
    forbidden = set(CONFIG["contracts"][1]["forbidden_modules"])

    assert apps <= layered, f"apps outside the layers contract: {sorted(apps - layered)}"
    assert content_apps <= forbidden, f"content apps editorial could import: {sorted(content_apps - forbidden)}"


def test_the_contracts_hold(tree):
    result = lint_imports(tree)

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "imported"),
    [
        ("search/backwards_probe.py", "stories.models"),  # infrastructure reaching up into a content app
        ("core/backwards_probe.py", "search.services"),
        ("textkit/backwards_probe.py", "core.models"),
        ("stories/backwards_probe.py", "campaigns.models"),  # siblings stay independent
        ("stories/backwards_probe.py", "editorial.models"),
        ("editorial/backwards_probe.py", "devtools.demo"),
        ("editorial/backwards_probe.py", "stories.models"),  # editorial finds pages by core's contracts
    ],
)
def test_a_backwards_import_breaks_them(tree, module, imported):
    probe = tree / module
    probe.write_text(f"def late():\n    import {imported}  # noqa\n", encoding="utf-8")
    try:
        result = lint_imports(tree)
    finally:
        probe.unlink()

    assert result.returncode != 0
    assert f"{module[:-3].replace('/', '.')} -> {imported}" in result.stdout
