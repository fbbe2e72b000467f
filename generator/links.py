"""Link rot: every source `url` and `archive_url` of the catalog checked over HTTP, politely and concurrently.

Each address is fetched once however many events cite it: HEAD first, GET when a server refuses HEAD, redirects
followed up to a limit, at most a few requests a second to any one host and a bounded number at a time overall.
Only the standard library is used, and no proxy settings are read: what is checked is what readers would reach.
"""

from __future__ import annotations

import functools
import http.client
import socket
import ssl
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from .catalog import Catalog
from .loader import Document, load_yaml, read_source
from .problems import Problem, format_field, format_problem
from .progress import Progress

MAX_REDIRECTS = 5
"""Redirects followed before a link counts as dead; browsers allow more, but a citation should not need them."""

REFUSED_HEAD = (405, 501)
"""Statuses by which a server says it does not do HEAD; the link is then fetched again with GET."""

PERMANENT = (301, 308)
REDIRECTS = (301, 302, 303, 307, 308)

PROJECT_URL = "https://github.com/news-timeline/news-timeline"

ERROR, WARNING, NOTICE = "error", "warning", "notice"



def user_agent() -> str:
    """The User-Agent sent with every request: who is asking, and where to read why."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("news-timeline")
    except PackageNotFoundError:  # pragma: no cover - only when run from a bare source tree
        release = "dev"
    return f"news-timeline-links/{release} (checks the sources an event cites; +{PROJECT_URL})"


@dataclass(frozen=True, slots=True)
class LinkStatus:
    """What became of one address: alive or dead, why, and where a permanent redirect leads."""

    url: str
    alive: bool
    reason: str = ""
    """Why it is dead, in a few words: `HTTP 404`, `connection refused`, `no response within 10 s`."""
    moved_to: str | None = None
    """Where the leading permanent redirects (301, 308) end, when there are any: the address to cite instead."""
    moved_status: int | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """One place that gives an address: a file of the events folder and the key path of the field."""

    file: str
    key_path: tuple[str | int, ...]


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """A located link problem and how much it matters: error (exit 1), warning or notice."""

    problem: Problem
    level: str


class HostThrottle:
    """Spaces the requests to each host at least 1/rate seconds apart; safe to share between threads."""

    def __init__(self, rate: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = 1.0 / rate
        self.clock, self.sleep = clock, sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        """Block until a request to host may start, and reserve that slot."""
        with self._lock:
            now = self.clock()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self.interval
        if start > now:
            self.sleep(start - now)


def collect_links(catalog: Catalog) -> dict[str, list[Citation]]:
    """Every address the catalog's sources give, each with the places that give it, in catalog order."""
    found: dict[str, list[Citation]] = defaultdict(list)
    for record in catalog.events:
        for index, source in enumerate(record.event.sources):
            for name in ("url", "archive_url"):
                url = getattr(source, name)
                if url:
                    found[url].append(Citation(record.file, ("sources", index, name)))
    return dict(found)


def check_links(urls: Iterable[str], *, timeout: float = 10.0, rate: float = 2.0, concurrency: int = 8,
                progress: Progress | None = None) -> dict[str, LinkStatus]:
    """Fetch each address once, at most `concurrency` at a time and `rate` a second per host."""
    throttle = HostThrottle(rate)
    agent = user_agent()
    ordered = _interleave_hosts(list(dict.fromkeys(urls)))
    results: dict[str, LinkStatus] = {}
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="links") as pool:
        futures = {pool.submit(check_link, url, timeout=timeout, throttle=throttle, agent=agent): url
                   for url in ordered}
        for done, future in enumerate(as_completed(futures), 1):
            results[futures[future]] = future.result()
            if progress:
                progress(done, len(futures))
    return results


def _interleave_hosts(urls: list[str]) -> list[str]:
    # Round-robin over hosts, so the workers are not all queued behind one host's rate limit at once.
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[_host_key(url)].append(url)
    queues = list(by_host.values())
    return [queue[i] for i in range(max(map(len, queues), default=0)) for queue in queues if i < len(queue)]


def _host_key(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def check_link(url: str, *, timeout: float, throttle: HostThrottle, agent: str) -> LinkStatus:
    """Fetch one address: HEAD, then GET if HEAD is refused, following up to MAX_REDIRECTS redirects."""
    method, current, redirects = "HEAD", url, 0
    moved_to, moved_status, leading_permanent = None, None, True
    while True:
        try:
            status, location = _request(method, current, timeout=timeout, throttle=throttle, agent=agent)
        except _Dead as dead:
            return LinkStatus(url, False, dead.reason)
        if method == "HEAD" and status in REFUSED_HEAD:
            method = "GET"
            continue
        if status in REDIRECTS:
            if not location:
                return LinkStatus(url, False, f"HTTP {status} without a Location to go to")
            redirects += 1
            if redirects > MAX_REDIRECTS:
                return LinkStatus(url, False, f"more than {MAX_REDIRECTS} redirects")
            try:
                target = urljoin(current, location.strip())
                scheme = urlsplit(target).scheme.lower()
            except ValueError:
                return LinkStatus(url, False, f"HTTP {status} redirect to an invalid address {location!r}")
            if scheme not in ("http", "https"):
                return LinkStatus(url, False, f"HTTP {status} redirect to {target!r}, not a web address")
            if leading_permanent and status in PERMANENT:
                moved_to, moved_status = target, moved_status or status
            else:
                leading_permanent = False
            current = target
            continue
        if status >= 400:
            where = f" at {current}" if current != url else ""
            return LinkStatus(url, False, f"HTTP {status}{where}")
        return LinkStatus(url, True, moved_to=moved_to, moved_status=moved_status)


class _Dead(Exception):
    def __init__(self, reason: str):
        self.reason = reason


def _request(method: str, url: str, *, timeout: float, throttle: HostThrottle, agent: str) -> tuple[int, str | None]:
    """One request without following redirects: the status and the Location header. Raises _Dead."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError as error:
        raise _Dead(f"invalid URL: {error}") from None
    if not host:
        raise _Dead("invalid URL: no host")
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise _Dead(f"invalid host name {host!r}") from None
    target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    if parts.query:
        target += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    throttle.wait(host.lower())
    connection = _connection(parts.scheme.lower(), ascii_host, port, timeout)
    try:
        connection.request(method, target, headers={"User-Agent": agent, "Accept": "*/*"})
        response = connection.getresponse()
        return response.status, response.getheader("Location")
    except socket.gaierror:
        raise _Dead("DNS lookup failed: no such host") from None
    except ConnectionRefusedError:
        raise _Dead("connection refused") from None
    except TimeoutError:
        raise _Dead(f"no response within {timeout:g} s") from None
    except ssl.SSLCertVerificationError as error:
        raise _Dead(f"TLS certificate not valid: {error.verify_message}") from None
    except ssl.SSLError as error:
        raise _Dead(f"TLS error: {error.reason or error}") from None
    except http.client.InvalidURL as error:
        raise _Dead(f"invalid URL: {error}") from None
    except http.client.HTTPException as error:
        raise _Dead(f"invalid HTTP response: {type(error).__name__}") from None
    except OSError as error:
        raise _Dead(f"connection failed: {error.strerror or error}") from None
    finally:
        connection.close()  # the body of a GET is never read


def _connection(scheme: str, host: str, port: int | None, timeout: float) -> http.client.HTTPConnection:
    if scheme == "https":
        return http.client.HTTPSConnection(host, port, timeout=timeout, context=_tls_context())
    return http.client.HTTPConnection(host, port, timeout=timeout)


@functools.cache
def _tls_context() -> ssl.SSLContext:
    return ssl.create_default_context()


def find_link_problems(events_dir: str | Path, links: dict[str, list[Citation]],
                       statuses: dict[str, LinkStatus]) -> list[Finding]:
    """Turn dead and moved links into findings located at their fields, sorted by file and line.

    A dead link is an error when its source has no other working link; when the source's url or archive_url
    still works, readers can still check it, and the dead one is a warning. A permanent redirect is a notice.
    """
    by_source: dict[tuple[str, tuple], dict[str, str]] = defaultdict(dict)
    for url, citations in links.items():
        for citation in citations:
            by_source[(citation.file, citation.key_path[:-1])][str(citation.key_path[-1])] = url
    located: list[tuple[Citation, str, str]] = []
    for url, citations in links.items():
        status = statuses[url]
        for citation in citations:
            name = str(citation.key_path[-1])
            siblings = {other: address for other, address in by_source[(citation.file, citation.key_path[:-1])].items()
                        if other != name}
            if status.alive:
                if status.moved_to:
                    located.append((citation, NOTICE, f"moved permanently (HTTP {status.moved_status}): {url} — "
                                                      f"cite its new address {status.moved_to}"))
                continue
            alive_sibling = next((other for other, address in siblings.items() if statuses[address].alive), None)
            message = f"dead link ({status.reason}): {url} — "
            if alive_sibling:
                level = WARNING
                if name == "url":
                    message += "readers still have the archive_url; replace it if the article moved"
                else:
                    message += "the url still works; replace it with a working snapshot or remove it"
            else:
                level = ERROR
                if name == "url" and siblings:
                    message += "its archive_url is dead too; replace both"
                elif name == "url":
                    message += "add an archive_url (e.g. from the Wayback Machine) or replace it"
                else:
                    message += "replace it with a working snapshot (e.g. from the Wayback Machine)"
            located.append((citation, level, message))
    return sorted(_locate(events_dir, located))


def _locate(events_dir: str | Path, located: list[tuple[Citation, str, str]]) -> list[Finding]:
    # Only the files with findings are parsed again, for the line and column of each field.
    root = Path(events_dir)
    display = str(events_dir).rstrip("/") or "."
    documents: dict[str, Document | None] = {}
    findings = []
    for citation, level, message in located:
        path = f"{display}/{citation.file}"
        if citation.file not in documents:
            data = read_source(root / citation.file, path)  # as the check read it: never through a link
            loaded = load_yaml(path, data) if isinstance(data, bytes) else data
            documents[citation.file] = loaded if isinstance(loaded, Document) else None
        document = documents[citation.file]
        line, col = document.position(citation.key_path) if document else (1, 1)
        findings.append(Finding(Problem(path, line, col, format_field(citation.key_path), message), level))
    return findings


def format_finding(finding: Finding, style: str = "parsable") -> str:
    """An error prints as `timeline check` does; warnings and notices say so (or annotate at their level)."""
    text = format_problem(finding.problem, style)
    if finding.level == ERROR:
        return text
    if style == "github":
        return "::" + finding.level + text.removeprefix("::error")
    problem = finding.problem
    return f"{problem.path}:{problem.line}:{problem.col}: {problem.field}: {finding.level}: {problem.message}"
