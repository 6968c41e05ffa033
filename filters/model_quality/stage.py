"""Model quality stage: score every document with learned classifiers, store the scores, optionally filter.

Runs between the per-input stages and dedup, over the work/docs files: one Ray actor per GPU (or CPU actors
when there is none) loads the models once and scores whole files. Per file, a prefetch thread reads Parquet
windows and tokenises them into length-sorted batches while the actor's own thread runs the model, so the
device never waits for the tokenizer. Each file gives a scored copy (kept documents), rejects for documents
below a threshold (reason `low_score_<model>`), and a stats file written last (resume marker).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from eurocurate.filters.model_quality.batches import length_sorted_batches, prefetched
from eurocurate.filters.model_quality.config import ModelQualityConfig, ModelQualityModel
from eurocurate.core.parquet_io import AtomicParquetWriter
from eurocurate.core import workspace
from eurocurate.core.phase import WorkPhase
from eurocurate.core.schema import REJECT_SCHEMA, WORK_SCHEMA
from eurocurate.core.stage import StageStats

STAGE = "model_quality"
READ_COLUMNS = ("id", "text", "language")


def model_sha256(path: Path) -> str:
    """sha256 of a model file, or of a folder's files (relative names and contents, in name order)."""
    digest = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        if path.is_dir():
            digest.update(file.relative_to(path).as_posix().encode() + b"\0")
        with open(file, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def resolve_models(cfg: ModelQualityConfig, base_dir: Path) -> ModelQualityConfig:
    """Model paths made absolute (actors may run elsewhere); a missing model is a config error up front."""
    from eurocurate.core.config import ConfigError

    models = []
    for spec in cfg.models:
        path = Path(spec.path)
        path = path if path.is_absolute() else (base_dir / path)
        if not path.exists():
            raise ConfigError(f"model_quality model '{spec.name}': {path} does not exist (models are never "
                              "downloaded)")
        models.append(spec.model_copy(update={"path": str(path.resolve())}))
    return cfg.model_copy(update={"models": models})


def describe_models(cfg: ModelQualityConfig) -> list[dict]:
    """Manifest entries of the (resolved) models: name, backend, file, sha256 and licence."""
    return [{"stage": STAGE, "name": s.name, "backend": s.backend, "file": Path(s.path).name,
             "sha256": model_sha256(Path(s.path)), "license": s.license or "not stated in the config"}
            for s in cfg.models]


def load_scorer(spec: ModelQualityModel, cfg: ModelQualityConfig):
    if spec.backend == "fasttext":
        from eurocurate.filters.model_quality.fasttext_scorer import FastTextScorer

        return FastTextScorer(spec, Path(spec.path))
    from eurocurate.filters.model_quality.torch_scorer import TransformersScorer

    return TransformersScorer(spec, Path(spec.path), cfg.device, cfg.bf16)


def threshold_for(spec: ModelQualityModel, language: str | None) -> float | None:
    return spec.min_score_by_language.get(language or "", spec.min_score)


def _clip(texts: list, chars: int) -> list[str]:
    return [(t or "")[:chars] for t in texts]


class FileScorer:
    """Scores Parquet files with already loaded models; shared by the Ray actor and in-process callers."""

    def __init__(self, cfg: ModelQualityConfig, lineage: list[dict] | None = None):
        self.cfg = cfg
        self.scorers = [load_scorer(spec, cfg) for spec in cfg.models]
        self.lineage = lineage or [{"stage": STAGE, "name": s.name, "sha256": model_sha256(Path(s.path))}
                                   for s in cfg.models]
        self.busy_seconds = 0.0

    def _work_items(self, path: str | Path):
        """Producer (prefetch thread): per window, its table, then per model its length-sorted batches."""
        parquet = workspace.parquet_file(path)
        for window, batch in enumerate(parquet.iter_batches(batch_size=self.cfg.sort_window_docs)):
            table = pa.Table.from_batches([batch])
            yield "window", window, table
            for m, (spec, scorer) in enumerate(zip(self.cfg.models, self.scorers)):
                texts = _clip(table.column("text").to_pylist(), spec.text_chars)
                if spec.backend == "fasttext":
                    yield "texts", window, m, np.arange(len(texts)), texts
                    continue
                ids = scorer.tokenise(texts)
                for rows in length_sorted_batches([len(r) for r in ids], self.cfg.batch_tokens,
                                                  self.cfg.max_batch_docs):
                    yield "tensors", window, m, np.asarray(rows), scorer.collate([ids[i] for i in rows])
            yield "end", window

    def score_file(self, path: str | Path, docs_out: str | Path, rejects_out: str | Path, keep_text: bool) -> dict:
        stats = StageStats()
        kept_writer = AtomicParquetWriter(docs_out, WORK_SCHEMA)
        rejected_writer = AtomicParquetWriter(rejects_out, REJECT_SCHEMA)
        tables: dict[int, pa.Table] = {}
        scores: dict[int, np.ndarray] = {}
        try:
            for item in prefetched(lambda: self._work_items(path), self.cfg.prefetch_batches):
                kind, window = item[0], item[1]
                if kind == "window":
                    tables[window] = item[2]
                    scores[window] = np.full((len(self.scorers), item[2].num_rows), np.nan, dtype=np.float32)
                elif kind == "texts":
                    _, _, m, rows, texts = item
                    scores[window][m, rows] = self.scorers[m].score_texts(texts)
                elif kind == "tensors":
                    _, _, m, rows, (ids, mask) = item
                    scores[window][m, rows] = self.scorers[m].score(ids, mask)
                else:
                    self._write_window(tables.pop(window), scores.pop(window), kept_writer, rejected_writer,
                                       stats, keep_text)
        except BaseException:
            kept_writer.abort()
            rejected_writer.abort()
            raise
        kept_writer.commit()
        rejected_writer.commit()
        return stats.to_dict()

    def _write_window(self, table: pa.Table, scores: np.ndarray, kept_writer, rejected_writer, stats: StageStats,
                      keep_text: bool) -> None:
        kept, rejected = [], []
        for i, row in enumerate(table.to_pylist()):
            row["quality_model_scores"] = [
                {"model": spec.name, "score": float(scores[m, i])} for m, spec in enumerate(self.cfg.models)]
            row["models"] = list(row.get("models") or []) + self.lineage
            failed = next((spec for m, spec in enumerate(self.cfg.models)
                           if (limit := threshold_for(spec, row.get("language"))) is not None
                           and not (math.isfinite(scores[m, i]) and scores[m, i] >= limit)), None)
            if failed is None:
                stats.keep()
                kept.append(row)
                continue
            reason = f"low_score_{failed.name}"
            stats.reject(reason)
            score = scores[self.cfg.models.index(failed), i]
            row.update(stage=STAGE, reason=reason, detail=f"{score:.4f} < {threshold_for(failed, row['language'])}")
            if not keep_text:
                row["text"] = None
            rejected.append(row)
        kept_writer.write_rows(kept)
        rejected_writer.write_rows(rejected)


def stage_phase(work_dir: str | Path) -> WorkPhase:
    return WorkPhase(workspace.join(work_dir, STAGE))


def stage_paths(work_dir: str | Path, docs_file: str) -> dict[str, str]:
    return stage_phase(work_dir).paths(workspace.stem_of(docs_file))


class ModelQualityWorker:
    """The Ray actor: models loaded once, then whole files scored one after another."""

    def __init__(self, cfg_json: str, lineage: list[dict]):
        self.scorer = FileScorer(ModelQualityConfig.model_validate_json(cfg_json), lineage)

    def score(self, docs_file: str, work_dir: str, keep_text: bool) -> dict:
        phase = stage_phase(work_dir)
        key = workspace.stem_of(docs_file)
        paths = phase.paths(key)
        stats = self.scorer.score_file(docs_file, paths["docs"], paths["rejects"], keep_text)
        result = {"docs_file": docs_file, "stats": stats}
        phase.finish(key, result)
        return result


@dataclass
class ModelQualityResult:
    doc_files: list[str]
    reject_files: list[str]
    stats: StageStats
    models: list[dict]  # describe_models' entries, for the manifest


def actor_layout(cfg: ModelQualityConfig, cluster: dict) -> tuple[int, dict]:
    """(number of actors, Ray options of each): one per GPU when the cluster has GPUs, else CPU actors."""
    gpus = float(cluster.get("GPU", 0))
    if gpus and cfg.num_gpus and cfg.device != "cpu":
        count = cfg.actors or max(1, int(gpus // cfg.num_gpus))
        return count, {"num_gpus": cfg.num_gpus, "num_cpus": cfg.num_cpus}
    if cfg.device == "cuda":
        raise RuntimeError("model_quality.device is 'cuda' but the Ray cluster has no GPUs")
    return cfg.actors or 1, {"num_cpus": cfg.num_cpus}


def run_model_quality(doc_files: list[str], work_dir: str | Path, cfg: ModelQualityConfig, base_dir: Path,
                      keep_text: bool) -> ModelQualityResult:
    """Score every docs file on Ray actors (files already scored by an interrupted run are reused)."""
    import ray
    from ray.util import ActorPool

    cfg = resolve_models(cfg, base_dir)
    models = describe_models(cfg)
    lineage = [{key: m[key] for key in ("stage", "name", "sha256")} for m in models]
    finished, todo = stage_phase(work_dir).split(doc_files, workspace.stem_of)
    results: dict[str, dict] = {r["docs_file"]: r for r in finished}
    if todo:
        count, options = actor_layout(cfg, ray.cluster_resources())
        actor_class = ray.remote(ModelQualityWorker).options(**options)
        actors = [actor_class.remote(cfg.model_dump_json(), lineage) for _ in range(min(count, len(todo)))]
        pool = ActorPool(actors)
        for result in pool.map_unordered(lambda a, f: a.score.remote(f, str(work_dir), keep_text), todo):
            results[result["docs_file"]] = result
        for actor in actors:
            ray.kill(actor)
    stats = StageStats()
    for docs_file in doc_files:
        stats.merge(StageStats.from_dict(results[docs_file]["stats"]))
    paths = [stage_paths(work_dir, f) for f in doc_files]
    return ModelQualityResult([str(p["docs"]) for p in paths], [str(p["rejects"]) for p in paths], stats, models)
