"""`eurocurate verify RUN_DIR`: re-hash every output file against the manifest and re-check the accounting."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.parquet_io import sha256_file
from pipeline.run_folder import load_manifest, reject_paths, shard_paths


def verify_run(run_dir: Path) -> list[str]:
    """Every problem found, one line each; an empty list means the run folder is intact and consistent."""
    run_dir = Path(run_dir)
    manifest = load_manifest(run_dir)
    problems: list[str] = []
    listed = {entry["path"]: entry for entry in manifest["shards"] + manifest["rejects"]}
    on_disk = {p.relative_to(run_dir).as_posix() for p in shard_paths(run_dir) + reject_paths(run_dir)}
    problems += [f"missing file listed in the manifest: {p}" for p in sorted(set(listed) - on_disk)]
    problems += [f"file not in the manifest: {p}" for p in sorted(on_disk - set(listed))]

    for rel in sorted(set(listed) & on_disk):
        entry, path = listed[rel], run_dir / rel
        if path.stat().st_size != entry["bytes"]:
            problems.append(f"size mismatch: {rel} ({path.stat().st_size} bytes, manifest says {entry['bytes']})")
        if sha256_file(path) != entry["sha256"]:
            problems.append(f"sha256 mismatch: {rel}")
            continue
        rows = pq.ParquetFile(path).metadata.num_rows
        if rows != entry["rows"]:
            problems.append(f"row count mismatch: {rel} ({rows} rows, manifest says {entry['rows']})")

    stages = manifest["stages"]
    for stage in stages:
        if stage["in"] != stage["kept"] + stage["rejected"]:
            problems.append(f"stage {stage['name']}: in {stage['in']} != kept {stage['kept']} + rejected "
                            f"{stage['rejected']}")
        if sum(stage["reasons"].values()) != stage["rejected"]:
            problems.append(f"stage {stage['name']}: reasons do not add up to {stage['rejected']} rejected")
    for before, after in zip(stages, stages[1:]):
        if after["in"] != before["kept"]:
            problems.append(f"stage {after['name']} received {after['in']} but {before['name']} kept {before['kept']}")

    if not any(p.startswith(("sha256", "missing", "row count")) for p in problems):
        problems += _check_rows_against_stages(run_dir, manifest)
    return problems


def _check_rows_against_stages(run_dir: Path, manifest: dict) -> list[str]:
    problems: list[str] = []
    kept_rows = sum(pq.ParquetFile(p).metadata.num_rows for p in shard_paths(run_dir))
    if manifest["stages"] and kept_rows != manifest["stages"][-1]["kept"]:
        problems.append(f"output shards hold {kept_rows} documents, last stage kept {manifest['stages'][-1]['kept']}")
    found: Counter = Counter()
    for path in reject_paths(run_dir):
        table = pq.read_table(path, columns=["stage", "reason"])
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
