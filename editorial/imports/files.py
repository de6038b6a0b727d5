"""Which files on disk to import, for the command line."""

from __future__ import annotations

from pathlib import Path

from .convert import SUPPORTED_SUFFIXES


def find_files(paths: list[Path]) -> list[Path]:
    """The files to import among ``paths``; folders are searched for .docx, .md and .txt (and .doc, to explain).

    Files named directly are kept as given, even missing ones (the import reports them).
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in (*SUPPORTED_SUFFIXES, ".doc")
                    and not p.name.startswith((".", "~$"))  # hidden files and Word's lock files
                )
            )
        else:
            found.append(path)
    return found
