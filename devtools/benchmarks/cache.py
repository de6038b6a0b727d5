"""Names for what the benchmarks build once under var/ and reuse while the code that built it is unchanged.

    python -m devtools.benchmarks.cache            # the key of the load benchmark's database
    python -m devtools.benchmarks.cache search     # the key of the search benchmark's corpus

A key is a digest of every file of the project's Python packages (each top-level folder
with an ``__init__.py``, apart from ``tests`` and ``scripts``) and of requirements.lock: a
changed model, migration, demo loader, text analysis or pinned package gives a new key and
so a new build. The measuring code (``devtools/benchmarks``, the benchmark commands) is
left out, so that changing how a figure is measured does not rebuild the data it is measured
on; the search corpus's key adds back the modules that generate it. Standard library only:
the Makefile runs it before Django is set up.
"""

import hashlib
import sys
from collections.abc import Iterable
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
NOT_BUILDING = ("tests", "scripts")
MEASURING = ("devtools/benchmarks/", "devtools/management/commands/benchmark_", "devtools/management/commands/search_")
SEARCH_CORPUS = ("devtools/benchmarks/search.py", "devtools/benchmarks/plain.py")


def source_files(base: Path = BASE_DIR, include: Iterable[str] = ()) -> list[Path]:
    """The files a key covers, sorted: see the module's docstring; ``include`` adds paths back."""
    included = set(include)
    files = [base / "requirements.lock"] if (base / "requirements.lock").exists() else []
    for package in sorted(base.iterdir()):
        if package.name in NOT_BUILDING or not (package / "__init__.py").exists():
            continue
        for path in sorted(package.rglob("*")):
            relative = path.relative_to(base).as_posix()
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            if relative.startswith(MEASURING) and relative not in included:
                continue
            files.append(path)
    return files


def source_key(base: Path = BASE_DIR, include: Iterable[str] = ()) -> str:
    """12 hexadecimal digits: a SHA-256 of the covered files' names and contents."""
    digest = hashlib.sha256()
    for path in source_files(base, include):
        digest.update(path.relative_to(base).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def search_corpus_key(base: Path = BASE_DIR) -> str:
    """The key of the search benchmark's cached corpus (its generator included)."""
    return source_key(base, include=SEARCH_CORPUS)


if __name__ == "__main__":
    print(search_corpus_key() if sys.argv[1:] == ["search"] else source_key())
