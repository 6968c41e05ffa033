"""Runs whose output goes to object storage (s3://, gs://, any fsspec URL).

The run itself works in a staging folder on a POSIX file system (shared between nodes on a cluster): resume
markers and intermediate files need rename and append, which object stores do not have. When the run is
complete its output is published to the URL: shards, rejects and stats first, the manifest last, so a reader
that finds the manifest finds everything it lists.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import fsspec

PUBLISHED_FILES = ("stats.json", "run.json")


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
    """Upload a complete run folder's output to `url`; returns the number of files written."""
    fs, root = _remote(url, storage_options)
    root = root.rstrip("/")
    manifest = json.loads((run_dir / "manifest.json").read_text())
    for stale in ("data", "rejects"):
        if fs.exists(f"{root}/{stale}"):
            fs.rm(f"{root}/{stale}", recursive=True)
    listed = [entry["path"] for entry in manifest["shards"] + manifest["rejects"]]
    for rel in [*listed, *PUBLISHED_FILES]:
        fs.put_file(str(run_dir / rel), f"{root}/{rel}")
    signature = run_dir / "manifest.json.sig"
    if signature.exists():  # before the manifest, which lands last
        fs.put_file(str(signature), f"{root}/manifest.json.sig")
    elif fs.exists(f"{root}/manifest.json.sig"):  # an older, signed version's: it does not sign this manifest
        fs.rm_file(f"{root}/manifest.json.sig")
    fs.put_file(str(run_dir / "manifest.json"), f"{root}/manifest.json")
    return len(listed) + len(PUBLISHED_FILES) + 1 + signature.exists()
