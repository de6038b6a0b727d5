"""A throwaway single-node Elasticsearch server for the tests, from Maven Central.

    python scripts/elasticsearch.py start    # prints the server's URL once it answers
    python scripts/elasticsearch.py stop     # stops it and removes its data folder
    python scripts/elasticsearch.py status   # prints the URL, exit 1 when not running

Elasticsearch publishes its server as a plain zip on Maven Central
(org.elasticsearch.distribution.integ-test-zip:elasticsearch). `mvn dependency:get` fetches it
into the local Maven repository (~/.m2), it is unpacked once under CACHE (default
~/.cache/shiliu, /var/cache/shiliu as root), and a node starts on 127.0.0.1 with a 512 MB
heap, security off, single-node discovery, disk watermarks off and a temporary data folder.
The integ-test zip bundles no JDK:
ES_JAVA_HOME (default: the JDK of `java` on PATH) chooses one; Elasticsearch 8 runs on Java 17.
It refuses to run as root, so as root the node runs as the unprivileged user `nobody`.

What a running node needs to be stopped and started again (pid, port, data folder) is kept in
the state folder (--state, default $TMPDIR/shiliu-elasticsearch): `stop` then `start` with the
same state folder brings back the same node on the same port with its indexes, which the fault
tests use. Standard library only: it runs before the virtual environment exists.
"""

import argparse
import contextlib
import fcntl
import json
import os
import shutil
import signal
import socket
import subprocess  # noqa: S404 - runs mvn and Elasticsearch
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

VERSION = os.environ.get("ELASTICSEARCH_VERSION", "8.19.3")
ARTIFACT = "org.elasticsearch.distribution.integ-test-zip:elasticsearch:{version}:zip"
# As root the node runs as nobody, who cannot enter /root: the unpacked server then lives in /var/cache.
CACHE = Path(
    os.environ.get("SHILIU_CACHE", "/var/cache/shiliu" if os.geteuid() == 0 else Path.home() / ".cache" / "shiliu")
)
STATE = Path(os.environ.get("ELASTICSEARCH_STATE", Path(tempfile.gettempdir()) / "shiliu-elasticsearch"))
START_TIMEOUT = float(os.environ.get("ELASTICSEARCH_START_TIMEOUT", "240"))
HEAP = "-Xms512m -Xmx512m"


class ServerError(RuntimeError):
    """The server could not be fetched, started or reached; the message says why."""


def _maven_zip(version: str) -> Path:
    repository = Path(os.environ.get("MAVEN_REPOSITORY", Path.home() / ".m2" / "repository"))
    return (
        repository
        / "org/elasticsearch/distribution/integ-test-zip/elasticsearch"
        / version
        / (f"elasticsearch-{version}.zip")
    )


def fetch(version: str = VERSION) -> Path:
    """The unpacked server folder for ``version``, fetched with mvn and unpacked if needed."""
    home = CACHE / f"elasticsearch-{version}"
    if (home / "bin" / "elasticsearch").exists():
        return home
    archive = _maven_zip(version)
    if not archive.exists():
        if not shutil.which("mvn"):
            raise ServerError("mvn is not installed (apt-get install maven)")
        artifact = ARTIFACT.format(version=version)
        result = subprocess.run(  # noqa: S603
            ["mvn", "-q", "-B", "dependency:get", f"-Dartifact={artifact}", "-Dtransitive=false"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode or not archive.exists():
            raise ServerError(f"mvn could not fetch {artifact}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    unpacking = CACHE / f".unpacking-{version}-{os.getpid()}"
    shutil.rmtree(unpacking, ignore_errors=True)
    unpacking.mkdir(parents=True)
    with zipfile.ZipFile(archive) as zipped:
        for member in zipped.infolist():
            path = zipped.extract(member, unpacking)
            mode = member.external_attr >> 16
            if mode:
                os.chmod(path, mode & 0o777)
    shutil.rmtree(home, ignore_errors=True)
    (unpacking / f"elasticsearch-{version}").rename(home)
    shutil.rmtree(unpacking, ignore_errors=True)
    return home


def _free_port(preferred: int) -> int:
    for port in (preferred, 0):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise ServerError("no free port")


def _java_home() -> str:
    if os.environ.get("ES_JAVA_HOME"):
        return os.environ["ES_JAVA_HOME"]
    java = shutil.which("java")
    if not java:
        raise ServerError("no JDK: install one (apt-get install openjdk-17-jre-headless) or set ES_JAVA_HOME")
    return str(Path(java).resolve().parent.parent)


def health(url: str, timeout: float = 2.0) -> str | None:
    """The cluster's health status ("green", "yellow", "red"), or None when nothing answers."""
    try:
        with urllib.request.urlopen(f"{url}/_cluster/health", timeout=timeout) as response:  # noqa: S310
            return json.load(response).get("status")
    except (OSError, ValueError):
        return None


def _read_state(state: Path) -> dict:
    try:
        return json.loads((state / "state.json").read_text())
    except (OSError, ValueError):
        return {}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def start(state: Path = STATE, version: str = VERSION, port: int = 9200) -> str:
    """Start the node (or find it running) and return its URL once its health is green or yellow.

    A state folder that held a stopped node starts the same node again: same port, same data.
    Two starts of one state folder at once (``make test`` starts the node early in the
    background, the Elasticsearch suite asks again later) are serialised by a lock file beside
    the folder: the second waits for the first and gets the same node.
    Raises ServerError with the end of the node's log when it does not come up in time.
    """
    with _locked(state):
        return _start(state, version, port)


@contextlib.contextmanager
def _locked(state: Path):
    """Hold the lock of ``state`` (a file beside the folder) for one start or stop at a time."""
    state.parent.mkdir(parents=True, exist_ok=True)
    with open(state.parent / f".{state.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _start(state: Path, version: str, port: int) -> str:
    known = _read_state(state)
    if known.get("pid") and _alive(known["pid"]) and health(known["url"]):
        return known["url"]
    home = fetch(version)
    state.mkdir(parents=True, exist_ok=True)
    port = known.get("port") or _free_port(port)
    data = state / "data"
    logs = state / "logs"
    tmp = state / "tmp"
    for folder in (data, logs, tmp):
        folder.mkdir(exist_ok=True)
    command = [
        str(home / "bin" / "elasticsearch"),
        *("-E", f"http.port={port}", "-E", "transport.port=0", "-E", "network.host=127.0.0.1"),
        *("-E", "discovery.type=single-node", "-E", "xpack.security.enabled=false"),
        *("-E", "xpack.ml.enabled=false", "-E", "cluster.routing.allocation.disk.threshold_enabled=false"),
        *("-E", f"path.data={data}", "-E", f"path.logs={logs}", "-E", "action.destructive_requires_name=false"),
    ]
    env = {
        **os.environ,
        "ES_JAVA_HOME": _java_home(),
        "ES_JAVA_OPTS": os.environ.get("ES_JAVA_OPTS", HEAP),
        "ES_TMPDIR": str(tmp),
    }
    env.pop("JAVA_HOME", None)
    if os.geteuid() == 0:
        # Elasticsearch will not run as root: hand its folders to nobody and run as nobody.
        for path in (home, state):
            subprocess.run(["chown", "-R", "nobody:nogroup", str(path)], check=True)  # noqa: S603,S607
        command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command]
    url = f"http://127.0.0.1:{port}"
    with open(logs / "console.log", "ab") as console:
        process = subprocess.Popen(  # noqa: S603
            command, env=env, stdout=console, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
        )
    (state / "state.json").write_text(json.dumps({"pid": process.pid, "port": port, "url": url, "version": version}))
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if health(url) in ("green", "yellow"):
            return url
        if process.poll() is not None:
            break
        time.sleep(1)
    stop(state, keep_data=True)
    tail = (logs / "console.log").read_text(errors="replace")[-3000:]
    raise ServerError(f"Elasticsearch {version} did not answer at {url} within {START_TIMEOUT:.0f} s:\n{tail}")


def stop(state: Path = STATE, keep_data: bool = False, timeout: float = 60) -> None:
    """Stop the node of ``state`` (SIGTERM, then SIGKILL); without keep_data remove its folder."""
    known = _read_state(state)
    pid = known.get("pid")
    if pid and _alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _alive(pid) and time.monotonic() < deadline:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
            time.sleep(0.2)
        if _alive(pid):
            os.killpg(pid, signal.SIGKILL)
    if keep_data:
        (state / "state.json").write_text(json.dumps({**known, "pid": None}))
    else:
        shutil.rmtree(state, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["fetch", "start", "stop", "status"])
    parser.add_argument("--state", type=Path, default=STATE, help="folder of the running node's state and data")
    parser.add_argument("--version", default=VERSION, help=f"Elasticsearch version (default {VERSION})")
    parser.add_argument("--port", type=int, default=9200, help="HTTP port, if free (default 9200)")
    options = parser.parse_args(argv)
    try:
        if options.action == "fetch":
            print(fetch(options.version))
        elif options.action == "start":
            print(start(options.state, options.version, options.port))
        elif options.action == "stop":
            with _locked(options.state):  # a start under way finishes first, then its node stops
                stop(options.state)
        else:
            known = _read_state(options.state)
            if not (known.get("url") and health(known["url"])):
                return 1
            print(known["url"])
    except ServerError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
