"""`timeline links`: every source link fetched from a local HTTP server; dead ones located at their fields.

Nothing here leaves 127.0.0.1: any other host name fails to resolve, as a DNS failure would.
"""

from __future__ import annotations

import socket
import socketserver
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.links import HostThrottle, check_link, user_agent

from .conftest import write

TIMEOUT = "0.5"
"""Seconds the tests wait for an answer: the slow endpoint takes longer, everything else far less."""

SLOW_SECONDS = 5.0
"""How long the slow endpoint waits before it gives up by itself (teardown releases it at once)."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # the default backlog of 5 can drop a burst of connections, which then time out

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks the address up with getfqdn; a test server needs no name.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]


class _Handler(BaseHTTPRequestHandler):
    """The endpoints of the test site; every request is logged as (method, path, user agent)."""

    REDIRECTS: ClassVar[dict[str, tuple[int, str | None]]] = {
        "/moved": (301, "/ok"), "/found": (302, "/ok"), "/loop": (302, "/loop"),
        "/moved-then-found": (301, "/found"), "/moved-to-missing": (308, "/missing"),
        "/nowhere": (302, None), "/to-ftp": (301, "ftp://127.0.0.1/x"),
    }
    STATUSES: ClassVar[dict[str, int]] = {"/ok": 200, "/missing": 404, "/broken": 500}

    def do_HEAD(self) -> None:
        self.answer("HEAD")

    def do_GET(self) -> None:
        self.answer("GET")

    def answer(self, method: str) -> None:
        server = self.server
        server.log.append((method, self.path, self.headers.get("User-Agent")))
        if self.path == "/slow":
            server.release.wait(SLOW_SECONDS)
            status = 200
        elif self.path == "/no-head":
            status = 405 if method == "HEAD" else 200
        elif self.path in self.REDIRECTS:
            status, location = self.REDIRECTS[self.path]
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        else:
            status = self.STATUSES.get(self.path, 404)
        body = b"hello\n"
        try:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if method == "GET":
                self.wfile.write(body)
        except OSError:
            pass  # the client gave up on the slow endpoint long ago

    def log_message(self, format: str, *args) -> None:
        pass


@pytest.fixture(autouse=True)
def only_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any host but 127.0.0.1 fails to resolve, so no test can reach the network even by mistake."""
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host != "127.0.0.1":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def server() -> Iterator[_Server]:
    """A local HTTP server on an ephemeral port of 127.0.0.1, serving the endpoints of _Handler."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.log, server.release = [], threading.Event()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def site(server: _Server) -> str:
    """The server's base URL, `http://127.0.0.1:PORT`."""
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def log(server: _Server) -> list[tuple[str, str, str]]:
    """The requests the server received, in order."""
    return server.log


@pytest.fixture
def closed_port() -> str:
    """A base URL on 127.0.0.1 where nothing listens: connections to it are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def event(*sources: dict[str, str]) -> str:
    """An event file whose sources give these links, in order, each ending with a quote (the first on line 6)."""
    lines = ["title: An event", "date: 2025-11-01", "countries: [KR]", "summary: Something happened.", "sources:"]
    for source in sources:
        lines += ["  - publisher: Reuters", "    title: A story", "    date: 2025-11-01"]
        lines += [f"    {name}: {url}" for name, url in source.items()]
        lines += ["    quote: Something happened."]
    return "\n".join(lines) + "\n"


def run_links(*args: str) -> Result:
    """Run `timeline links` in-process, quickly: a short timeout and no real rate limit on the test server."""
    return CliRunner().invoke(main, ["links", "--timeout", TIMEOUT, "--rate", "1000", *args])


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, site: str, closed_port: str) -> Path:
    """An events folder citing every kind of link, in ./events of a temporary working folder."""
    monkeypatch.chdir(tmp_path)
    root = Path("events")
    write(root, "2025/2025-11-01-alive.yml", event(
        {"url": f"{site}/ok"},
        {"url": f"{site}/found"},
        {"url": f"{site}/no-head"},
    ))
    write(root, "2025/2025-11-01-moved.yml", event({"url": f"{site}/moved", "archive_url": f"{site}/ok"}))
    write(root, "2025/2025-11-01-dead.yml", event(
        {"url": f"{site}/missing"},
        {"url": f"{site}/broken", "archive_url": f"{site}/ok"},
        {"url": f"{site}/ok", "archive_url": f"{site}/loop"},
    ))
    write(root, "2025/2025-11-01-unreachable.yml", event(
        {"url": f"{site}/slow"},
        {"url": f"{closed_port}/story"},
        {"url": f"{site}/loop", "archive_url": f"{site}/missing"},
    ))
    return root


WAYBACK = "add an archive_url (e.g. from the Wayback Machine) or replace it"


def test_dead_links_are_located_with_the_events_citing_them(tree, site, closed_port):
    result = run_links("events")
    assert result.exit_code == 1, result.output
    dead, moved, unreachable = ("events/2025/2025-11-01-dead.yml", "events/2025/2025-11-01-moved.yml",
                                "events/2025/2025-11-01-unreachable.yml")
    assert result.stdout.splitlines() == [
        f"{dead}:9:10: sources[0].url: dead link (HTTP 404): {site}/missing — {WAYBACK}",
        f"{dead}:14:10: sources[1].url: warning: dead link (HTTP 500): {site}/broken — "
        f"readers still have the archive_url; replace it if the article moved",
        f"{dead}:21:18: sources[2].archive_url: warning: dead link (more than 5 redirects): {site}/loop — "
        f"the url still works; replace it with a working snapshot or remove it",
        f"{moved}:9:10: sources[0].url: notice: moved permanently (HTTP 301): {site}/moved — "
        f"cite its new address {site}/ok",
        f"{unreachable}:9:10: sources[0].url: dead link (no response within 0.5 s): {site}/slow — {WAYBACK}",
        f"{unreachable}:14:10: sources[1].url: dead link (connection refused): {closed_port}/story — {WAYBACK}",
        f"{unreachable}:19:10: sources[2].url: dead link (more than 5 redirects): {site}/loop — "
        f"its archive_url is dead too; replace both",
        f"{unreachable}:20:18: sources[2].archive_url: dead link (HTTP 404): {site}/missing — "
        f"replace it with a working snapshot (e.g. from the Wayback Machine)",
    ]
    assert result.stderr == "9 links checked: 5 dead, 5 citation(s) left without a working link\n"


def test_github_format_annotates_at_each_level(tree, site):
    result = run_links("--format", "github", "events")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (f"::error file=events/2025/2025-11-01-dead.yml,line=9,col=10,title=sources[0].url::"
                        f"dead link (HTTP 404): {site}/missing — {WAYBACK}")
    assert lines[1].startswith("::warning file=events/2025/2025-11-01-dead.yml,line=14,col=10,"
                               "title=sources[1].url::dead link (HTTP 500)")
    assert lines[3] == (f"::notice file=events/2025/2025-11-01-moved.yml,line=9,col=10,title=sources[0].url::"
                        f"moved permanently (HTTP 301): {site}/moved — cite its new address {site}/ok")
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::warning", "::warning", "::notice"] + \
        ["::error"] * 4


def test_all_links_alive_exits_0(tmp_path, monkeypatch, site):
    monkeypatch.chdir(tmp_path)
    write(Path("events"), "2025/2025-11-01-alive.yml", event(
        {"url": f"{site}/ok", "archive_url": f"{site}/found"}, {"url": f"{site}/no-head"}))
    result = run_links("events")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "3 links checked: 0 dead, 0 citation(s) left without a working link\n"


def test_warnings_and_notices_alone_exit_0(tmp_path, monkeypatch, site):
    monkeypatch.chdir(tmp_path)
    write(Path("events"), "2025/2025-11-01-archived.yml", event(
        {"url": f"{site}/missing", "archive_url": f"{site}/ok"}, {"url": f"{site}/moved"}))
    result = run_links("events")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"events/2025/2025-11-01-archived.yml:9:10: sources[0].url: warning: dead link (HTTP 404): {site}/missing"
        f" — readers still have the archive_url; replace it if the article moved",
        f"events/2025/2025-11-01-archived.yml:15:10: sources[1].url: notice: moved permanently (HTTP 301): "
        f"{site}/moved — cite its new address {site}/ok",
    ]


def test_each_address_is_fetched_once_head_first_with_a_clear_user_agent(tmp_path, monkeypatch, site, log):
    monkeypatch.chdir(tmp_path)
    write(Path("events"), "2025/2025-11-01-a.yml", event({"url": f"{site}/ok"}, {"url": f"{site}/no-head"}))
    write(Path("events"), "2025/2025-11-01-b.yml", event({"url": f"{site}/ok", "archive_url": f"{site}/moved"}))
    assert run_links("events").exit_code == 0
    assert sorted(log) == sorted([
        ("HEAD", "/ok", user_agent()), ("HEAD", "/ok", user_agent()),  # once itself, once after /moved
        ("HEAD", "/moved", user_agent()),
        ("HEAD", "/no-head", user_agent()), ("GET", "/no-head", user_agent()),
    ])
    assert user_agent().startswith("news-timeline-links/")


def test_invalid_data_is_reported_before_any_request(tmp_path, monkeypatch, site, log):
    monkeypatch.chdir(tmp_path)
    write(Path("events"), "2025/2025-11-01-bad.yml", event({"url": f"{site}/ok", "link": f"{site}/ok"}))
    result = run_links("events")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "events/2025/2025-11-01-bad.yml:10:5: sources[0].link: unknown field; expected one of: publisher, title, "
        "date, url, archive_url, quote",
    ]
    assert result.stderr == "the data has problems: fix them first (timeline check)\n"
    assert log == []


@pytest.mark.parametrize("args", [["no-such-folder"], ["--timeout", "0", "."], ["--rate", "-1", "."],
                                  ["--concurrency", "0", "."], ["--format", "xml", "."]])
def test_usage_errors_exit_2(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["links", *args]).exit_code == 2


# check_link, one address at a time ---------------------------------------------------------------------------

def fetch(url: str):
    return check_link(url, timeout=0.5, throttle=HostThrottle(1000), agent="test")


def test_permanent_redirect_hint_is_where_the_permanent_redirects_end(site):
    assert fetch(f"{site}/moved-then-found").moved_to == f"{site}/found"
    assert (fetch(f"{site}/found").alive, fetch(f"{site}/found").moved_to) == (True, None)


@pytest.mark.parametrize(("path", "reason"), [
    ("/moved-to-missing", "HTTP 404 at {site}/missing"),
    ("/nowhere", "HTTP 302 without a Location to go to"),
    ("/to-ftp", "HTTP 301 redirect to 'ftp://127.0.0.1/x', not a web address"),
])
def test_broken_redirects_are_dead(site, path, reason):
    status = fetch(site + path)
    assert (status.alive, status.reason) == (False, reason.format(site=site))


def test_dns_failure_is_dead():
    status = fetch("http://news-timeline.invalid/story")
    assert (status.alive, status.reason) == (False, "DNS lookup failed: no such host")


def test_host_throttle_spaces_requests_per_host():
    now, slept = [100.0], []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 6))

    throttle = HostThrottle(2, clock=lambda: now[0], sleep=sleep)
    for host in ["a.example", "a.example", "b.example", "a.example"]:
        throttle.wait(host)
    assert slept == [0.5, 1.0]  # a's second and third requests wait their turn; b's first does not
    now[0] = 200.0
    throttle.wait("a.example")
    assert slept == [0.5, 1.0]
