"""robots.txt captures: parsed per host, asked whether a URL is disallowed for AI crawlers.

Common Crawl ships its robots.txt fetches as separate WARC files (the `robotstxt` segment); a crawl WARC may also
carry them. Rules are Python's urllib.robotparser reading: groups per user agent, the '*' group for agents without
their own, the first matching Allow/Disallow line wins (Google's longest-match rule and path wildcards are not
applied, so a rule written for them may read differently here).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
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
    """One host's robots.txt."""

    def __init__(self, body: bytes):
        self._parser = RobotFileParser()
        self._parser.parse(body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace").splitlines())

    def disallowing_agent(self, url: str, agents: list[str]) -> str | None:
        """The first of `agents` this robots.txt disallows `url` for, or None."""
        for agent in agents:
            if not self._parser.can_fetch(agent, url):
                return agent
        return None


def robots_from_warc(uri: str) -> dict[str, bytes]:
    """host -> robots.txt body, from the 2xx robots.txt responses of a WARC (later captures win)."""
    found: dict[str, bytes] = {}
    with open_input(uri) as stream:
        for record in ArchiveIterator(stream, arc2warc=True, check_digests=False):
            url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ")
            if record.rec_type != "response" or not is_robots_url(url) or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode() or ""
            if status.startswith("2"):
                found[host_of(url)] = record.content_stream().read(MAX_ROBOTS_BYTES)
    return found


def load_robots_captures(paths: list[str]) -> dict[str, RobotsRules]:
    """WARCs of robots.txt captures, or plain files named <host>.robots.txt, as rules per host."""
    bodies: dict[str, bytes] = {}
    for uri in paths:
        name = Path(urlsplit(uri).path).name
        if name.endswith(".robots.txt"):
            with open_input(uri) as stream:
                bodies[name[: -len(".robots.txt")].lower()] = stream.read(MAX_ROBOTS_BYTES)
        else:
            bodies.update(robots_from_warc(uri))
    return {host: RobotsRules(body) for host, body in bodies.items()}
