"""`eurocurate verify RUN_DIR`: re-hash every output file against the manifest and re-check the accounting.

RUN_DIR may be a local folder or an fsspec URL (s3://..., gs://...) of a published run.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

import fsspec
import pyarrow.parquet as pq

from eurocurate.pipeline.run_folder import NotARunFolder


class RunLocation:
    """A run folder on any fsspec file system, addressed by paths relative to its root."""

    def __init__(self, location: str, storage_options: dict | None = None):
        self.fs, root = fsspec.core.url_to_fs(str(location), **(storage_options or {}))
        self.root = root.rstrip("/")

    def manifest(self) -> dict:
        path = f"{self.root}/manifest.json"
        if not self.fs.exists(path):
            raise NotARunFolder(f"{self.root} has no manifest.json (not a finished eurocurate run)")
        with self.fs.open(path, "rb") as handle:
            return json.loads(handle.read())

    def parquet_files(self, folder: str) -> list[str]:
        found = self.fs.glob(f"{self.root}/{folder}/*/*.parquet")
        return sorted(p[len(self.root) + 1:] for p in found if p.startswith(self.root + "/"))

    def size(self, rel: str) -> int:
        return int(self.fs.size(f"{self.root}/{rel}"))

    def sha256(self, rel: str) -> str:
        digest = hashlib.sha256()
        with self.fs.open(f"{self.root}/{rel}", "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()

    def parquet(self, rel: str) -> pq.ParquetFile:
        return pq.ParquetFile(self.fs.open(f"{self.root}/{rel}", "rb"))


def verify_run(run_dir, storage_options: dict | None = None) -> list[str]:
    """Every problem found, one line each; an empty list means the run folder is intact and consistent."""
    run = RunLocation(str(run_dir), storage_options)
    manifest = run.manifest()
    problems: list[str] = []
    listed = {entry["path"]: entry for entry in manifest["shards"] + manifest["rejects"]}
    on_disk = set(run.parquet_files("data") + run.parquet_files("rejects"))
    problems += [f"missing file listed in the manifest: {p}" for p in sorted(set(listed) - on_disk)]
    problems += [f"file not in the manifest: {p}" for p in sorted(on_disk - set(listed))]

    for rel in sorted(set(listed) & on_disk):
        entry = listed[rel]
        size = run.size(rel)
        if size != entry["bytes"]:
            problems.append(f"size mismatch: {rel} ({size} bytes, manifest says {entry['bytes']})")
        if run.sha256(rel) != entry["sha256"]:
            problems.append(f"sha256 mismatch: {rel}")
            continue
        rows = run.parquet(rel).metadata.num_rows
        if rows != entry["rows"]:
            problems.append(f"row count mismatch: {rel} ({rows} rows, manifest says {entry['rows']})")

    stages = manifest["stages"]
    for stage in stages:
        if stage["in"] != stage["kept"] + stage["rejected"]:
            problems.append(f"stage {stage['name']}: in {stage['in']} != kept {stage['kept']} + rejected "
                            f"{stage['rejected']}")
        if sum(stage["reasons"].values()) != stage["rejected"]:
            problems.append(f"stage {stage['name']}: reasons do not add up to {stage['rejected']} rejected")
        if sum(stage.get("flagged", {}).values()) > stage["kept"]:
            problems.append(f"stage {stage['name']}: more documents flagged than the {stage['kept']} it kept")
    for before, after in zip(stages, stages[1:]):
        if after["in"] != before["kept"]:
            problems.append(f"stage {after['name']} received {after['in']} but {before['name']} kept {before['kept']}")

    if not any(p.startswith(("sha256", "missing", "row count")) for p in problems):
        problems += _check_rows_against_stages(run, manifest)
    return problems


def _check_rows_against_stages(run: RunLocation, manifest: dict) -> list[str]:
    problems: list[str] = []
    kept_rows = sum(run.parquet(p).metadata.num_rows for p in run.parquet_files("data"))
    if manifest["stages"] and kept_rows != manifest["stages"][-1]["kept"]:
        problems.append(f"output shards hold {kept_rows} documents, last stage kept {manifest['stages'][-1]['kept']}")
    found: Counter = Counter()
    for rel in run.parquet_files("rejects"):
        table = run.parquet(rel).read(columns=["stage", "reason"])
        found.update(zip(table["stage"].to_pylist(), table["reason"].to_pylist()))
    for stage in manifest["stages"]:
        for reason, n in stage["reasons"].items():
            if found.get((stage["name"], reason), 0) != n:
                problems.append(f"rejects hold {found.get((stage['name'], reason), 0)} rows for {stage['name']}/"
                                f"{reason}, the stage counted {n}")
    known = {(s["name"], r) for s in manifest["stages"] for r in s["reasons"]}
    problems += [f"rejects hold {n} rows for {s}/{r}, which no stage counted" for (s, r), n in found.items()
                 if (s, r) not in known]
    return problems
