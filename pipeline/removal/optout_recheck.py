"""`eurocurate recheck-optout RUN --robots PATH --tdmrep PATH`: reservations made after the crawl, applied to a
finished run.

robots.txt captures are read as the optout stage reads them (filters/optout/robots.py); TDMRep captures are
the hosts' /.well-known/tdmrep.json files (W3C TDMRep: a list of rules with a `location` path pattern, `*`
matching any run of characters and a final `$` anchoring the end, the first matching rule deciding, and
`tdm-reservation: 1` reserving). Every published document that a capture now reserves is removed through
`remove_documents` with category `optout`; its evidence (the rule, the user agent, the capture's date) goes to
the erasure log. Only the reserved documents are removed, not copies of their text on other hosts (the
reservation is the host's), and nothing is added to the suppression list: a later crawl applies the same
captures through `optout.robots_txt`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from eurocurate.core.remote import open_input
from eurocurate.filters.optout.robots import captures_from_warc, file_date, load_robots_captures
from eurocurate.pipeline.removal.matching import RunRows
from eurocurate.pipeline.removal.remove import RemovalOutcome, remove_documents
from eurocurate.pipeline.removal.selectors import Selector
from eurocurate.pipeline.run_folder import load_manifest

TDMREP_PATH = "/.well-known/tdmrep.json"
MAX_TDMREP_BYTES = 1024 * 1024


@dataclass
class TdmRepRule:
    location: str
    reserved: bool
    policy: str | None

    def matches(self, path: str) -> bool:
        anchored = self.location.endswith("$")
        body = self.location[:-1] if anchored else self.location
        pattern = ".*".join(re.escape(part) for part in body.split("*"))
        return re.match(pattern + ("$" if anchored else ""), path) is not None


@dataclass
class TdmRep:
    rules: list[TdmRepRule]
    captured_at: str | None

    @classmethod
    def parse(cls, body: bytes, captured_at: str | None) -> TdmRep:
        try:
            items = json.loads(body.decode("utf-8", errors="replace"))
        except ValueError:
            items = []
        rules = [TdmRepRule(str(item.get("location", "")), str(item.get("tdm-reservation", "0")).strip() == "1",
                            item.get("tdm-policy"))
                 for item in items if isinstance(item, dict) and item.get("location")] if isinstance(items, list) else []
        return cls(rules, captured_at)

    def rule_for(self, url: str) -> TdmRepRule | None:
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return next((rule for rule in self.rules if rule.matches(path)), None)


def _is_tdmrep_url(url: str) -> bool:
    try:
        return urlsplit(url).path == TDMREP_PATH
    except ValueError:
        return False


def load_tdmrep_captures(paths: list[str], captured_at: str | None = None) -> dict[str, TdmRep]:
    """WARCs of /.well-known/tdmrep.json responses, or plain files named <host>.tdmrep.json."""
    found: dict[str, TdmRep] = {}
    for uri in paths:
        name = Path(urlsplit(uri).path).name
        if name.endswith(".tdmrep.json"):
            with open_input(uri) as stream:
                found[name[: -len(".tdmrep.json")].lower()] = TdmRep.parse(stream.read(MAX_TDMREP_BYTES),
                                                                           captured_at or file_date(uri))
        else:
            for host, (body, date) in captures_from_warc(uri, _is_tdmrep_url, MAX_TDMREP_BYTES).items():
                found[host] = TdmRep.parse(body, date)
    return found


def reserved_documents(rows: RunRows, robots: dict, tdmrep: dict, agents: list[str]) -> dict[str, str]:
    """Published document id -> the evidence that reserves it now."""
    reserved: dict[str, str] = {}
    for doc_id, url, host, kept in zip(rows.column("id"), rows.column("url"), rows.column("host"),
                                       rows.column("kept"), strict=True):
        if not kept or not url:
            continue
        host = (host or "").lower()
        rules = robots.get(host)
        if rules is not None:
            for agent in agents:
                line = rules.disallow_rule(url, agent)
                if line and line.startswith("Disallow"):
                    reserved[doc_id] = (f"robots.txt of {host} captured {rules.captured_at or 'at an unknown date'}: "
                                        f"'{line}' for user agent {agent}")
                    break
        if doc_id in reserved:
            continue
        rep = tdmrep.get(host)
        rule = rep.rule_for(url) if rep is not None else None
        if rule is not None and rule.reserved:
            reserved[doc_id] = (f"tdmrep.json of {host} captured {rep.captured_at or 'at an unknown date'}: location "
                                f"'{rule.location}' tdm-reservation=1" + (f" tdm-policy={rule.policy}" if rule.policy else ""))
    return reserved


def recheck_optout(run_dir: Path, robots_paths: list[str], tdmrep_paths: list[str], captured_at: str | None = None,
                   agents: list[str] | None = None, requester: str | None = None,
                   signing_key: Path | None = None) -> RemovalOutcome:
    run_dir = Path(run_dir)
    manifest = load_manifest(run_dir)
    agents = agents or manifest["config"].get("optout", {}).get("robots_agents") or ["*"]
    robots = load_robots_captures(robots_paths, captured_at) if robots_paths else {}
    tdmrep = load_tdmrep_captures(tdmrep_paths, captured_at) if tdmrep_paths else {}
    rows = RunRows.scan(run_dir, [s["path"] for s in manifest["shards"]], [])
    reserved = reserved_documents(rows, robots, tdmrep, agents)
    if not reserved:
        return RemovalOutcome(None, None, near_search="not searched: a reservation covers its host's pages only")
    hosts = len({*robots, *tdmrep})
    reason = (f"recheck-optout: reserved now by {len(robots)} robots.txt and {len(tdmrep)} tdmrep.json capture(s) "
              f"({hosts} host(s)); agents {', '.join(agents)}")
    return remove_documents(run_dir, [Selector("id", doc_id) for doc_id in sorted(reserved)], "optout", reason,
                            requester=requester, copies=False, suppress=False, signing_key=signing_key,
                            evidence=reserved)
