"""Runs whose output goes to object storage (s3://, gs://, any fsspec URL).

The run itself works in a staging folder on a POSIX file system (shared between nodes on a cluster): resume
markers and intermediate files need rename and append, which object stores do not have. When the run is
complete its output is published to the URL: shards, rejects and stats first, the manifest last, so a reader
that finds the manifest finds everything it lists; files of an earlier version are deleted after the manifest.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import fsspec

PUBLISHED_FILES = ("stats.json", "run.json")
HISTORY_FILES = ("erasure_log.jsonl",)  # with versions/*: what removals add (pipeline/removal/)


def is_remote(location: str) -> bool:
    protocol = location.split("://", 1)[0] if "://" in location else "file"
    return protocol not in ("file", "local")


def staging_dir_for(url: str, configured: str | None) -> Path:
    if configured:
        return Path(configured)
    digest = hashlib.sha256(url.encode()).hexdigest()[:16]
    return Path.home() / ".cache" / "eurocurate" / "staging" / digest


def _remote(url: str, storage_options: dict | None):
    return fsspec.core.url_to_fs(url, **(storage_options or {}))


def remote_manifest(url: str, storage_options: dict | None = None) -> dict | None:
    fs, root = _remote(url, storage_options)
    path = f"{root.rstrip('/')}/manifest.json"
    if not fs.exists(path):
        return None
    with fs.open(path, "rb") as handle:
        return json.loads(handle.read())


def publish(run_dir: Path, url: str, storage_options: dict | None = None) -> int:
    """Upload a complete run folder's output to `url`; returns the number of files written.

    Files the remote's current manifest already lists with the same sha256 are not sent again; the manifest
    goes last, and files of the remote's earlier version that the new manifest no longer lists are deleted
    only after it, so a reader that finds a manifest finds every file it lists."""
    fs, root = _remote(url, storage_options)
    root = root.rstrip("/")
    manifest = json.loads((run_dir / "manifest.json").read_text())
    previous = remote_manifest(url, storage_options) or {"shards": [], "rejects": []}
    already = {(e["path"], e["sha256"]) for e in previous["shards"] + previous["rejects"]}
    listed = [entry for entry in manifest["shards"] + manifest["rejects"]]
    to_send = [e["path"] for e in listed if (e["path"], e["sha256"]) not in already
               or not fs.exists(f"{root}/{e['path']}")]
    history = [p.relative_to(run_dir).as_posix() for p in sorted((run_dir / "versions").glob("*"))]
    history += [name for name in HISTORY_FILES if (run_dir / name).exists()]
    for rel in [*to_send, *PUBLISHED_FILES, *history]:
        fs.put_file(str(run_dir / rel), f"{root}/{rel}")
    signature = run_dir / "manifest.json.sig"
    if signature.exists():  # before the manifest, which lands last
        fs.put_file(str(signature), f"{root}/manifest.json.sig")
    elif fs.exists(f"{root}/manifest.json.sig"):  # an older, signed version's: it does not sign this manifest
        fs.rm_file(f"{root}/manifest.json.sig")
    fs.put_file(str(run_dir / "manifest.json"), f"{root}/manifest.json")
    keep = {e["path"] for e in listed}
    for folder in ("data", "rejects"):
        for path in fs.glob(f"{root}/{folder}/*/*.parquet"):
            if path[len(root) + 1:] not in keep:
                fs.rm_file(path)
    return len(to_send) + len(PUBLISHED_FILES) + len(history) + 1 + signature.exists()
