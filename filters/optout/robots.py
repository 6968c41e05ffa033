"""robots.txt captures: parsed per host, asked whether a URL is disallowed for AI crawlers.

Common Crawl ships its robots.txt fetches as separate WARC files (the `robotstxt` segment); a crawl WARC may also
carry them. Rules are Python's urllib.robotparser reading: groups per user agent, the '*' group for agents without
their own, the first matching Allow/Disallow line wins (Google's longest-match rule and path wildcards are not
applied, so a rule written for them may read differently here).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit
from urllib.robotparser import RobotFileParser

from warcio.archiveiterator import ArchiveIterator

from eurocurate.core.remote import open_input

MAX_ROBOTS_BYTES = 512 * 1024


def is_robots_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.path == "/robots.txt" and not parts.query


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


class RobotsRules:
    """One host's robots.txt, with the date it was captured (None when unknown)."""

    def __init__(self, body: bytes, captured_at: str | None = None):
        self._parser = RobotFileParser()
        self._parser.parse(body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace").splitlines())
        self.captured_at = captured_at

    def disallowing_agent(self, url: str, agents: list[str]) -> str | None:
        """The first of `agents` this robots.txt disallows `url` for, or None."""
        for agent in agents:
            if not self._parser.can_fetch(agent, url):
                return agent
        return None

    def disallow_rule(self, url: str, agent: str) -> str | None:
        """The line that disallows `url` for `agent` (as robotparser reads the file: the agent's own group, else
        '*', first matching line wins), e.g. 'Disallow: /private/'; None when it is allowed."""
        if self._parser.can_fetch(agent, url):
            return None
        if self._parser.disallow_all:
            return "Disallow: / (robots.txt answered 401/403)"
        parts = urlsplit(url)
        path = quote(unquote(parts.path or "/")) + (f"?{parts.query}" if parts.query else "")
        groups = [e for e in self._parser.entries if e.applies_to(agent)]
        if self._parser.default_entry is not None:
            groups.append(self._parser.default_entry)
        for group in groups[:1]:
            for line in group.rulelines:
                if line.applies_to(path):
                    return f"{'Allow' if line.allowance else 'Disallow'}: {line.path}"
        return "Disallow"


def captures_from_warc(uri: str, wanted: Callable[[str], bool], limit: int = MAX_ROBOTS_BYTES
                       ) -> dict[str, tuple[bytes, str | None]]:
    """host -> (body, WARC-Date) of the 2xx responses to URLs `wanted` accepts (later captures win)."""
    found: dict[str, tuple[bytes, str | None]] = {}
    with open_input(uri) as stream:
        for record in ArchiveIterator(stream, arc2warc=True, check_digests=False):
            url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ")
            if record.rec_type != "response" or not wanted(url) or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode() or ""
            if status.startswith("2"):
                found[host_of(url)] = (record.content_stream().read(limit), record.rec_headers.get_header("WARC-Date"))
    return found


def robots_from_warc(uri: str) -> dict[str, bytes]:
    """host -> robots.txt body, from the 2xx robots.txt responses of a WARC (later captures win)."""
    return {host: body for host, (body, _) in captures_from_warc(uri, is_robots_url).items()}


def file_date(uri: str) -> str | None:
    """A local file's modification time as an ISO date-time (UTC); None for other URLs."""
    path = Path(uri)
    if not path.is_file():
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(path.stat().st_mtime))


def load_robots_captures(paths: list[str], captured_at: str | None = None) -> dict[str, RobotsRules]:
    """WARCs of robots.txt captures, or plain files named <host>.robots.txt, as rules per host; a plain file's
    capture date is `captured_at` when given, else its modification time."""
    bodies: dict[str, tuple[bytes, str | None]] = {}
    for uri in paths:
        name = Path(urlsplit(uri).path).name
        if name.endswith(".robots.txt"):
            with open_input(uri) as stream:
                bodies[name[: -len(".robots.txt")].lower()] = (stream.read(MAX_ROBOTS_BYTES),
                                                               captured_at or file_date(uri))
        else:
            bodies.update(captures_from_warc(uri, is_robots_url))
    return {host: RobotsRules(body, date) for host, (body, date) in bodies.items()}
