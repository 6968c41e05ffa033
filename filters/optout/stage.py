"""AI / text-and-data-mining opt-outs (EU DSM directive art. 4(3): a reservation must be machine-readable).

Signals read, before extraction (they live in HTTP headers, the HTML <head> and robots.txt):
- `X-Robots-Tag` header: `noai`, `none` (all agents or one of the configured AI agents), `noimageai` (images only)
- TDMRep (W3C community group): `tdm-reservation` / `tdm-policy` headers, and the same names as <meta>
- `<meta name="robots" content="noai">` (or `none`, `noimageai`), also with an AI agent's name instead of robots
- robots.txt of the page's host: disallowed for one of the configured AI user agents

`optout_status` vocabulary (docs/schema.md):
- `reserved`: a signal reserves the text for AI training / TDM; dropped or kept per `optout.policy`
- `images_reserved`: only images are reserved (`noimageai`); the text is not
- `none`: checked, no reservation (an explicit `tdm-reservation: 0` is recorded as evidence)
- `not_checked`: nothing to check (a source without HTTP headers, HTML or robots.txt, e.g. a text dataset)

`optout_evidence` lists the signals that spoke, `;`-separated `where:name=value` items, e.g.
`header:x-robots-tag=noai;robots.txt:GPTBot=disallow`. Never page content.
"""

from __future__ import annotations

import re

from eurocurate.filters.optout.config import OptOutConfig
from eurocurate.filters.optout.robots import RobotsRules, host_of, load_robots_captures
from eurocurate.core.stage import Keep, Reject

HEAD_SCAN_BYTES = 64 * 1024
MAX_EVIDENCE_CHARS = 300
_META_TAG = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(rb"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_BODY_START = re.compile(rb"<body\b", re.IGNORECASE)
_RESERVING = {"noai": "reserved", "none": "reserved", "noimageai": "images_reserved"}
_REASONS = {"tdm-reservation": "tdm_reservation"}


def _robots_directives(value: str, agents: set[str]) -> list[str]:
    """X-Robots-Tag / robots meta directives that apply to all agents or to one of `agents`."""
    found = []
    for part in value.split(","):
        part = part.strip().lower()
        agent, sep, directive = part.rpartition(":")
        if sep and agent.strip() not in agents:
            continue
        if (directive := directive.strip()) in _RESERVING:
            found.append(directive)
    return found


def meta_tags(html: bytes) -> list[tuple[str, str]]:
    """(name, content) of the <meta name=...> tags before <body> (or in the first 64 KiB), names lowercased."""
    head = html[:HEAD_SCAN_BYTES]
    if match := _BODY_START.search(head):
        head = head[: match.start()]
    tags = []
    for tag in _META_TAG.findall(head):
        attributes = {m.group(1).lower(): (m.group(2) or m.group(3) or m.group(4) or b"")
                      for m in _ATTRIBUTE.finditer(tag)}
        name = attributes.get(b"name") or attributes.get(b"property")
        if name is not None and b"content" in attributes:
            tags.append((name.decode("ascii", "replace").strip().lower(),
                         attributes[b"content"].decode("utf-8", "replace").strip()))
    return tags


def _header_values(headers: dict | list, name: str) -> list[str]:
    items = headers.items() if isinstance(headers, dict) else headers
    return [str(v) for k, v in items if str(k).lower() == name]


class OptOutSignals:
    """Collects (status, evidence) pairs from every signal of one document."""

    def __init__(self) -> None:
        self.statuses: list[str] = []
        self.evidence: list[str] = []
        self.reason: str | None = None  # the reject reason code of the first signal that reserved the text

    def add(self, status: str | None, where: str, name: str, value: str, captured_at: str | None = None) -> None:
        """`captured_at`: when the signal was captured (the page's fetch date, the robots.txt capture's date)."""
        if status:
            self.statuses.append(status)
        if status == "reserved" and self.reason is None:
            self.reason = _REASONS.get(name, "noai_directive") if where != "robots.txt" else "robots_txt_disallow"
        when = f"@{captured_at.replace(';', ',')[:32]}" if captured_at else ""
        self.evidence.append(f"{where}:{name}={value.replace(';', ',')[:80]}{when}")

    def status(self) -> str:
        for status in ("reserved", "images_reserved"):
            if status in self.statuses:
                return status
        return "none"

    def evidence_text(self) -> str | None:
        return ";".join(self.evidence)[:MAX_EVIDENCE_CHARS] or None


def _tdm_reservation(value: str) -> str | None:
    return "reserved" if value.strip() == "1" else None


class OptOutStage:
    name = "optout"

    def __init__(self, cfg: OptOutConfig):
        self.cfg = cfg
        self.agents = {a.lower() for a in cfg.robots_agents}
        self.robots: dict[str, RobotsRules] = load_robots_captures(cfg.robots_txt) if cfg.robots_txt else {}
        self._inline_robots: dict[tuple[bytes, str | None], RobotsRules] = {}

    def check(self, doc: dict) -> OptOutSignals | None:
        headers = doc.get("http_headers")
        html = doc.get("html")
        url = doc.get("url") or ""
        robots = self._robots_for(doc, url)
        if headers is None and html is None and robots is None:
            return None
        signals = OptOutSignals()
        fetched = doc.get("fetch_date")
        for value in _header_values(headers or {}, "x-robots-tag"):
            for directive in _robots_directives(value, self.agents):
                signals.add(_RESERVING[directive], "header", "x-robots-tag", directive, fetched)
        for value in _header_values(headers or {}, "tdm-reservation"):
            signals.add(_tdm_reservation(value), "header", "tdm-reservation", value.strip(), fetched)
        for value in _header_values(headers or {}, "tdm-policy"):
            signals.add(None, "header", "tdm-policy", value.strip(), fetched)
        for name, content in meta_tags(html) if html else []:
            if name == "tdm-reservation":
                signals.add(_tdm_reservation(content), "meta", name, content, fetched)
            elif name == "tdm-policy":
                signals.add(None, "meta", name, content, fetched)
            elif name == "robots" or name in self.agents:
                for directive in _robots_directives(content, self.agents):
                    signals.add(_RESERVING[directive], "meta", name, directive, fetched)
        if robots is not None and (agent := robots.disallowing_agent(url, self.cfg.robots_agents)):
            signals.add("reserved", "robots.txt", agent, "disallow", robots.captured_at)
        return signals

    def _robots_for(self, doc: dict, url: str) -> RobotsRules | None:
        inline = doc.pop("_robots_txt", None)
        captured_at = doc.pop("_robots_txt_date", None)
        if inline is not None and self.cfg.robots_in_inputs:
            if (inline, captured_at) not in self._inline_robots:
                if len(self._inline_robots) > 256:
                    self._inline_robots.clear()
                self._inline_robots[(inline, captured_at)] = RobotsRules(inline, captured_at)
            return self._inline_robots[(inline, captured_at)]
        return self.robots.get(host_of(url))

    def process(self, doc: dict) -> Keep | Reject:
        if not self.cfg.enabled:
            return Keep()
        signals = self.check(doc)
        if signals is None:
            doc["optout_status"] = "not_checked"
            return Keep()
        doc["optout_status"] = signals.status()
        doc["optout_evidence"] = signals.evidence_text()
        if doc["optout_status"] != "reserved":
            return Keep()
        # Under both policies the document is counted by the reason code of its first reserving signal: as a
        # rejection (drop) or as a flagged keep (flag) in the stage's stats.
        reason = signals.reason or "ai_optout"
        if self.cfg.policy == "drop":
            return Reject(reason, doc["optout_evidence"])
        return Keep(flag=reason)
