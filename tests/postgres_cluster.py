"""A PostgreSQL cluster of a test's own: its own data folder and port, stopped and started at will.

Needs the server binaries (Debian's postgresql-15: /usr/lib/postgresql/15/bin). Without them the
test is skipped with the reason, and fails under CI=true (tests.conftest.require).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from pathlib import Path

from tests.conftest import require

BIN_DIR = Path(os.environ.get("POSTGRES_BIN", "/usr/lib/postgresql/15/bin"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresCluster:
    """initdb into ``folder``; :meth:`start` and :meth:`stop` the server on ``port``.

    PostgreSQL refuses to run as root, so as root the server runs as the ``postgres`` user.
    """

    def __init__(self, folder: Path):
        require((BIN_DIR / "initdb").exists(), f"PostgreSQL server binaries not found in {BIN_DIR}")
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        self.user = None
        if os.geteuid() == 0:
            require(_has_user("postgres"), "running as root needs a 'postgres' user to run PostgreSQL")
            self.user = "postgres"
        folder.mkdir(parents=True, exist_ok=True)
        if self.user:
            shutil.chown(folder, self.user)
        self._run(BIN_DIR / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/shiliu"

    def _run(self, *args, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(arg) for arg in args]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=check, timeout=120, cwd="/")  # noqa: S603

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(BIN_DIR / "pg_ctl", "-D", self.data, "-o", options, "-l", self.folder / "log", "-w", "start")

    def stop(self) -> None:
        self._run(BIN_DIR / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop", check=False)

    def createdb(self, name: str = "shiliu") -> None:
        self._run(BIN_DIR / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", name)

    def wait(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self._run(BIN_DIR / "pg_isready", "-h", "127.0.0.1", "-p", self.port, check=False).returncode == 0:
                return
            time.sleep(0.2)
        raise TimeoutError("PostgreSQL did not start")


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True
