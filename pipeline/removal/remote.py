"""Removal from a run published to object storage (s3://, gs://, any fsspec URL).

The removal works on a local copy: the run's own staging folder when it still holds the published version
(it also has the dedup index, for near copies and suppression), else a mirror of the published files. The new
version is then uploaded as publish.py uploads a run: new files first, the manifest last, superseded files
deleted only after it, so a reader that finds a manifest finds every file it lists.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from eurocurate.pipeline.publish import publish, staging_dir_for
from eurocurate.pipeline.removal import history
from eurocurate.pipeline.run_lock import RemoteRunLock
from eurocurate.pipeline.verify import RunLocation


class RemoteRun:
    def __init__(self, url: str):
        self.url = url.rstrip("/")
        self.location = RunLocation(self.url)
        self.manifest_bytes = self.location.manifest_bytes()
        output = json.loads(self.manifest_bytes)["config"]["output"]
        self.storage_options = output.get("storage_options") or {}
        self.staging_dir = output.get("staging_dir")
        self._lock: RemoteRunLock | None = None
        self.local: Path | None = None
        self.mirrored = False  # True: the run's staging folder (and its dedup index) was not available

    def lock(self) -> None:
        self._lock = RemoteRunLock(self.url, self.storage_options).acquire()

    def unlock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def local_copy(self) -> Path:
        """The run's staging folder when it holds exactly the published manifest, else a fresh mirror."""
        staging = staging_dir_for(self.url, self.staging_dir)
        if (staging / "manifest.json").is_file() and (staging / "manifest.json").read_bytes() == self.manifest_bytes:
            self.local = staging
            return staging
        digest = hashlib.sha256(self.url.encode()).hexdigest()[:16]
        mirror = Path.home() / ".cache" / "eurocurate" / "removal-mirror" / digest
        shutil.rmtree(mirror, ignore_errors=True)
        manifest = json.loads(self.manifest_bytes)
        wanted = [e["path"] for e in manifest["shards"] + manifest["rejects"]]
        wanted += ["run.json", "stats.json", history.ERASURE_LOG, "manifest.json.sig"]
        wanted += [p[len(self.location.root) + 1:] for p in
                   self.location.fs.glob(f"{self.location.root}/{history.VERSIONS_DIR}/*")]
        for rel in wanted:
            data = self.location.read_bytes(rel)
            if data is not None:
                (mirror / rel).parent.mkdir(parents=True, exist_ok=True)
                (mirror / rel).write_bytes(data)
        (mirror / "manifest.json").write_bytes(self.manifest_bytes)
        self.local, self.mirrored = mirror, True
        return mirror

    def publish(self) -> int:
        assert self.local is not None
        return publish(self.local, self.url, self.storage_options)
