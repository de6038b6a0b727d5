"""devtools.benchmarks.http: wrk's runs, one address or several in turn, and the errors they count."""

import shutil
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from devtools.benchmarks import http
from tests.conftest import require


@pytest.fixture(autouse=True)
def _wrk():
    require(shutil.which("wrk") is not None, "wrk is not installed (apt-get install wrk)")


class Handler(BaseHTTPRequestHandler):
    """200 for /ok, 503 for /fail; records the paths asked for."""

    protocol_version = "HTTP/1.1"
    seen: set[str] = set()
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        self.seen.add(self.path)
        self.hits.append(self.path)
        body = b"ok"
        self.send_response(200 if self.path == "/ok" else 503)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.seen, Handler.hits = set(), []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_run_against_one_address_counts_requests_and_no_errors(server):
    run = http.wrk(server + "/ok", connections=1, seconds=1)

    assert run.requests > 0 and run.requests_per_second > 0
    assert run.errors == 0
    assert run.describe_errors() == "connect 0, read 0, write 0, timeout 0, non-2xx/3xx 0"
    assert 0 < run.p50_ms <= run.p95_ms <= run.p99_ms
    assert Handler.seen == {"/ok"}


def test_paths_in_turn_and_error_answers_are_counted(server):
    run = http.wrk(server + "/", connections=2, seconds=1, paths=["/ok", "/fail"])

    assert Handler.seen == {"/ok", "/fail"}
    assert 0 < run.error_counts["status"] < run.requests
    assert run.errors == run.error_counts["status"]
    assert f"non-2xx/3xx {run.error_counts['status']}" in run.describe_errors()


def test_a_server_that_is_not_there_is_reported():
    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    with pytest.raises(RuntimeError, match="unable to connect"):
        http.wrk(f"http://127.0.0.1:{port}/", connections=1, seconds=1)


def test_fill_asks_as_many_times_as_told(server):
    http.fill(server + "/ok", times=2)

    assert Handler.hits == ["/ok", "/ok"]


def test_only_loopback_is_measured():
    with pytest.raises(AssertionError):
        http.wrk("http://example.com/", connections=1, seconds=1)
