"""Everything that happens to one input file before deduplication: read, then the per-document chain.

Runs inside a Ray task. It writes its kept documents (with dedup signatures) and its rejects to the run's
work folder, and its stats last: the stats file is the marker that lets a resumed run skip this file.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
from pathlib import Path

from eurocurate.core.phase import WorkPhase
from eurocurate.core.schema import REJECT_SCHEMA, WORK_SCHEMA
from eurocurate.core.stage import StageStats, run_stages
from eurocurate.core.parquet_io import AtomicParquetWriter
from eurocurate.pipeline.config import RunConfig
from eurocurate.pipeline.manifest import model_entries
from eurocurate.pipeline.registry import build_chain, chain_names
from eurocurate.pipeline.sources import InputFile, iter_documents
from eurocurate.pipeline.sources.warc import ReadReport


def file_key(source_uri: str) -> str:
    stem = Path(source_uri).name.split(".")[0][:40] or "input"
    return f"{stem}-{hashlib.sha256(source_uri.encode()).hexdigest()[:12]}"


def documents_phase(work_dir: str | Path) -> WorkPhase:
    return WorkPhase(work_dir)


def work_paths(work_dir: str | Path, key: str) -> dict[str, str]:
    return documents_phase(work_dir).paths(key)


_CHAINS: dict[str, list] = {}


def _chain(config_json: str, objects: dict | None) -> list:
    """Built once per worker process and config (models and Presidio engines are slow to load)."""
    if config_json not in _CHAINS:
        _CHAINS.clear()
        _CHAINS[config_json] = build_chain(RunConfig.model_validate_json(config_json), objects)
    return _CHAINS[config_json]


@functools.lru_cache(maxsize=2)
def _models_by_stage(config_json: str) -> dict[str, list[dict]]:
    """For each stage: the models that have touched a document once it has reached that stage."""
    cfg = RunConfig.model_validate_json(config_json)
    names = chain_names(cfg)
    entries = model_entries(cfg)
    return {
        stage: [{"stage": m["stage"], "name": m["name"], "sha256": m["sha256"]} for m in entries
                if m["stage"] in names and names.index(m["stage"]) <= i]
        for i, stage in enumerate(names)
    }


def _finish_kept(docs: list[dict], run_id: str, models: list[dict]) -> list[dict]:
    for doc in docs:
        doc["run_id"] = run_id
        doc["text_sha256"] = hashlib.sha256(doc["text"].encode("utf-8")).hexdigest()
        doc["models"] = models
    return docs


def _finish_rejected(docs: list[dict], run_id: str, models: dict[str, list[dict]], keep_text: bool) -> list[dict]:
    for doc in docs:
        doc["run_id"] = run_id
        doc["models"] = models[doc["stage"]]
        doc.pop("html", None)
        if not keep_text:
            doc["text"] = None
    return docs


def process_input_file(item: InputFile, config_json: str, work_dir: str, run_id: str,
                       objects: dict | None = None) -> dict:
    """Stream one input through the per-document stages, `batch_docs` documents in memory at a time.

    `objects`: stages of your own given as Python objects (Pipeline API), by stage name."""
    cfg = RunConfig.model_validate_json(config_json)
    stages = _chain(config_json, objects)
    names = [stage.name for stage in stages]
    models = _models_by_stage(config_json)
    stats = {name: StageStats() for name in names}
    report = ReadReport()
    phase = documents_phase(work_dir)
    key = file_key(item.uri)
    paths = phase.paths(key)
    kept_out = AtomicParquetWriter(paths["docs"], WORK_SCHEMA)
    rejected_out = AtomicParquetWriter(paths["rejects"], REJECT_SCHEMA)
    try:
        docs = iter_documents(item, report, cfg)
        while batch := list(itertools.islice(docs, cfg.resources.batch_docs)):
            kept, rejected = run_stages(batch, stages, stats)
            kept_out.write_rows(_finish_kept(kept, run_id, models[names[-1]]))
            rejected_out.write_rows(_finish_rejected(rejected, run_id, models, cfg.output.rejects_keep_text))
    except BaseException:
        kept_out.abort()
        rejected_out.abort()
        raise
    kept_out.commit()
    rejected_out.commit()
    result = {
        "source_uri": item.uri,
        "kind": item.kind,
        "stages": {name: s.to_dict() for name, s in stats.items()},
        "ignored_records": dict(report.ignored_records),
        "file_errors": report.file_errors,
    }
    phase.finish(key, result)  # last: its presence tells a resumed run that this input is done
    return result
