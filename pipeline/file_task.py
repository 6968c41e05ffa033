"""Everything that happens to one input file before deduplication: read, extract, langid, quality, PII.

Runs inside a Ray task. It writes its kept documents (with dedup signatures) and its rejects to the run's
work folder, and its stats last: the stats file is the marker that lets a resumed run skip this file.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
from pathlib import Path

from eurocurate.filters.langid.stage import LanguageIdStage
from eurocurate.filters.optout.stage import OptOutStage
from eurocurate.filters.pii.stage import PiiScrubStage
from eurocurate.filters.quality.stage import HeuristicQualityStage
from eurocurate.pipeline.config import RunConfig
from eurocurate.filters.extract.stage import ExtractStage
from eurocurate.pipeline.manifest import model_entries
from eurocurate.core.parquet_io import AtomicParquetWriter, write_text_atomic
from eurocurate.core.schema import REJECT_SCHEMA, WORK_SCHEMA
from eurocurate.pipeline.sources import InputFile, iter_documents
from eurocurate.pipeline.sources.warc import ReadReport
from eurocurate.core.stage import Keep, Reject, StageStats, run_stages

PRE_DEDUP_STAGES = ("read", "optout", "extract", "langid", "quality", "pii")


class ReadStage:
    """Accounts for what the reader yielded: documents pass, records it could not use are rejected here."""

    name = "read"

    def process(self, doc: dict) -> Keep | Reject:
        if "_reject" in doc:
            reason, detail = doc.pop("_reject")
            return Reject(reason, detail)
        return Keep()


def file_key(source_uri: str) -> str:
    stem = Path(source_uri).name.split(".")[0][:40] or "input"
    return f"{stem}-{hashlib.sha256(source_uri.encode()).hexdigest()[:12]}"


def work_paths(work_dir: Path, key: str) -> dict[str, Path]:
    return {
        "docs": work_dir / "docs" / f"{key}.parquet",
        "rejects": work_dir / "rejects" / f"{key}.parquet",
        "done": work_dir / "done" / f"{key}.json",
    }


@functools.lru_cache(maxsize=2)
def _stages(config_json: str) -> list:
    """Built once per worker process (models and Presidio engines are slow to load)."""
    cfg = RunConfig.model_validate_json(config_json)
    return [
        ReadStage(),
        OptOutStage(cfg.optout),
        ExtractStage(cfg.extract),
        LanguageIdStage(cfg.langid),
        HeuristicQualityStage(cfg.quality),
        PiiScrubStage(cfg.pii),
    ]


@functools.lru_cache(maxsize=2)
def _models_by_stage(config_json: str) -> dict[str, list[dict]]:
    """For each stage: the models that have touched a document once it has reached that stage."""
    cfg = RunConfig.model_validate_json(config_json)
    entries = model_entries(cfg)
    return {
        stage: [{"stage": m["stage"], "name": m["name"], "sha256": m["sha256"]} for m in entries
                if PRE_DEDUP_STAGES.index(m["stage"]) <= i]
        for i, stage in enumerate(PRE_DEDUP_STAGES)
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


def process_input_file(item: InputFile, config_json: str, work_dir: str, run_id: str) -> dict:
    """Stream one input through the per-document stages, `batch_docs` documents in memory at a time."""
    cfg = RunConfig.model_validate_json(config_json)
    stages = _stages(config_json)
    models = _models_by_stage(config_json)
    stats = {name: StageStats() for name in PRE_DEDUP_STAGES}
    report = ReadReport()
    paths = work_paths(Path(work_dir), file_key(item.uri))
    kept_out = AtomicParquetWriter(paths["docs"], WORK_SCHEMA)
    rejected_out = AtomicParquetWriter(paths["rejects"], REJECT_SCHEMA)
    try:
        docs = iter_documents(item, report, cfg)
        while batch := list(itertools.islice(docs, cfg.resources.batch_docs)):
            kept, rejected = run_stages(batch, stages, stats)
            kept_out.write_rows(_finish_kept(kept, run_id, models[PRE_DEDUP_STAGES[-1]]))
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
    # Written last: its presence is what tells a resumed run that this input is done.
    write_text_atomic(json.dumps(result, sort_keys=True), paths["done"])
    return result
