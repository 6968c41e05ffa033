"""A run's version history: earlier manifests under versions/, the erasure log, and the marker of a removal in
progress.

Version 1 is what `eurocurate run` wrote. Each removal makes version N+1: its manifest names the sha256 of
version N's manifest (kept, with its signature, as versions/manifest-vN.json) and the sha256 of the erasure log
as it stands with that version's entry appended (one JSON line per version; ids and hashes, never text).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

VERSIONS_DIR = "versions"
ERASURE_LOG = "erasure_log.jsonl"
PENDING = ".removal-pending.json"
STAGING = ".staging"


def manifest_version(manifest: dict) -> int:
    return int(manifest.get("version", 1))


def entry_id(version: int) -> str:
    return f"removal-v{version}"


def version_manifest_path(version: int) -> str:
    return f"{VERSIONS_DIR}/manifest-v{version}.json"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def url_sha256(normalised_url: str) -> str:
    return sha256_bytes(normalised_url.encode("utf-8"))


def read_log_bytes(run_dir: Path) -> bytes:
    path = Path(run_dir) / ERASURE_LOG
    return path.read_bytes() if path.is_file() else b""


def log_entries(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]


def log_prefix_sha256(data: bytes, entries: int) -> str:
    """sha256 of the log's first `entries` lines (what the manifest of the version adding entry `entries` names)."""
    lines = data.decode("utf-8").splitlines(keepends=True)
    return sha256_bytes("".join(lines[:entries]).encode("utf-8"))


def log_line(entry: dict) -> bytes:
    return (json.dumps(entry, sort_keys=True, ensure_ascii=True) + "\n").encode("utf-8")


def removals_of(run_dir: Path, doc_id: str | None = None, url_hash: str | None = None,
                content_hash: str | None = None) -> list[dict]:
    """What the erasure log says about one document id, one normalised URL's sha256 or one text/content sha256:
    one item per removed document."""
    found = []
    for entry in log_entries(read_log_bytes(run_dir)):
        for doc in entry.get("removed", []):
            if ((doc_id is not None and doc["id"] == doc_id) or (url_hash is not None and doc.get("url_sha256") == url_hash)
                    or (content_hash is not None and content_hash in (doc.get("text_sha256"), doc.get("content_sha256")))):
                found.append({"id": doc["id"], "entry": entry["entry"], "version": entry["version"],
                              "time": entry["time"], "category": entry["category"], "why": doc["why"],
                              "copy_of": doc.get("copy_of"), "evidence": doc.get("evidence"),
                              "requester": entry.get("requester")})
    return found
