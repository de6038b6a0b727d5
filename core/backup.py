"""Backups: the database and the uploaded media, written to and restored from one folder.

A backup folder holds:

- ``database.sqlite3`` (SQLite, through SQLite's online backup API: consistent while the site
  runs) or ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``);
- ``media.tar`` (everything under MEDIA_ROOT: originals, renditions, documents);
- ``manifest.json``: the database engine, when, and a SHA-256 of each file above.

Restoring replaces the database and MEDIA_ROOT with the backup's (stop the site first).
pg_dump and pg_restore are looked up in ``PG_BIN_DIR`` when it is set, else on PATH; they
should be of the server's major version. Media in object storage (AWS_STORAGE_BUCKET_NAME)
is not copied: the bucket's own versioning or replication covers it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

DATABASE_SQLITE = "database.sqlite3"
DATABASE_DUMP = "database.dump"
MEDIA_TAR = "media.tar"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _engine(alias: str = "default") -> str:
    engine = settings.DATABASES[alias]["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")


def _pg_tool(name: str) -> str:
    folder = os.environ.get("PG_BIN_DIR")
    path = str(Path(folder) / name) if folder else shutil.which(name)
    if not path or not Path(path).exists():
        raise BackupError(f"{name} was not found (install postgresql-client or set PG_BIN_DIR).")
    return path


def _pg_args(alias: str = "default") -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES[alias]
    args = ["--dbname", db["NAME"], "--no-password"]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def backup(folder: Path, alias: str = "default") -> dict:
    """Write a backup of the database ``alias`` and MEDIA_ROOT into ``folder`` (created; must be empty).

    Returns:
        The manifest written to ``folder/manifest.json``.
    Raises:
        BackupError: unsupported engine, missing pg_dump, a failed dump, or a folder not empty.
    """
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty.")
    folder.mkdir(parents=True, exist_ok=True)
    engine = _engine(alias)
    if engine == "sqlite":
        database = folder / DATABASE_SQLITE
        source = connections[alias]
        source.ensure_connection()
        with sqlite3.connect(database) as target:
            source.connection.backup(target)
        target.close()
    else:
        database = folder / DATABASE_DUMP
        args, env = _pg_args(alias)
        _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(database), *args], env)

    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / MEDIA_TAR, "w") as tar:
        if media_root.exists():
            for path in sorted(media_root.rglob("*")):
                tar.add(path, arcname=str(path.relative_to(media_root)), recursive=False)

    manifest = {
        "engine": engine,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "files": {name: sha256(folder / name) for name in (database.name, MEDIA_TAR)},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


def _check(folder: Path) -> dict:
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        raise BackupError(f"{folder} holds no {MANIFEST}: not a backup folder.")
    manifest = json.loads(manifest_path.read_text())
    for name, digest in manifest["files"].items():
        if not (folder / name).exists() or sha256(folder / name) != digest:
            raise BackupError(f"{name} in {folder} is missing or damaged (its checksum differs).")
    return manifest


def restore(folder: Path, alias: str = "default") -> dict:
    """Replace the database ``alias`` and MEDIA_ROOT with the backup in ``folder``.

    The backup's checksums are verified before anything is changed.

    Raises:
        BackupError: a damaged backup, or one of another engine than the configured database.
    """
    folder = Path(folder)
    manifest = _check(folder)
    engine = _engine(alias)
    if manifest["engine"] != engine:
        raise BackupError(f"This backup is of {manifest['engine']}, the configured database is {engine}.")
    connection = connections[alias]
    if engine == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(folder / DATABASE_SQLITE) as source:
            source.backup(connection.connection)
        source.close()
    else:
        connection.close()
        args, env = _pg_args(alias)
        _run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction", *args,
              str(folder / DATABASE_DUMP)], env)  # fmt: skip

    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=media_root.parent))
    with tarfile.open(folder / MEDIA_TAR) as tar:
        tar.extractall(staging, filter="data")  # refuses absolute paths and links out of the folder
    if media_root.exists():
        old = media_root.with_name(media_root.name + ".before-restore")
        shutil.rmtree(old, ignore_errors=True)
        media_root.rename(old)
        staging.rename(media_root)
        shutil.rmtree(old)
    else:
        staging.rename(media_root)
    return manifest
