"""One run of the pipeline: plan inputs, per-file stages on Ray, dedup on Ray, output shards, manifest.

Resuming: the run folder remembers its config hash; per-file results found in work/done/ are reused, and
a run whose manifest says it is complete is not redone. Dedup and output are deterministic, so a resumed
run produces the same shards as an uninterrupted one.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path


from eurocurate.dedup.stage import run_dedup
from eurocurate.filters.model_quality.stage import run_model_quality
from eurocurate.pipeline.config import RunConfig
from eurocurate.pipeline.file_task import documents_phase, file_key, process_input_file, work_paths
from eurocurate.pipeline.registry import chain_names, documents_task_resources, resolve_references
from eurocurate.pipeline.registry import resolve_references as resolve_referenced_files  # noqa: F401 - its old name
from eurocurate.pipeline.run_lock import LOCK_NAME, RunLock
from eurocurate.pipeline.manifest import build_manifest
from eurocurate.pipeline.output_phase import collate_rejects, language_groups, language_rows, write_languages
from eurocurate.core import workspace
from eurocurate.core.parquet_io import write_text_atomic
from eurocurate.core.phase import reset_tasks_by_node, run_tasks, set_scheduling
from eurocurate.core.ray_tasks import check_stop
from eurocurate.pipeline.ray_runtime import start_ray
from eurocurate.pipeline.sources import plan_inputs
from eurocurate.core.stage import StageStats

log = logging.getLogger("eurocurate")


class RunFolderError(RuntimeError):
    """The output folder holds something this run must not overwrite."""


@dataclass
class RunResult:
    out_dir: Path
    manifest: dict
    resumed_files: int = 0
    processed_files: int = 0
    failed_files: list[dict] = field(default_factory=list)
    skipped: bool = False


def _prepare_run_folder(out_dir: Path, cfg: RunConfig, config_hash: str, inputs: list[list[str]],
                        overwrite: bool) -> dict:
    state_path = out_dir / "run.json"
    if state_path.exists() and not overwrite:
        state = json.loads(state_path.read_text())
        if state.get("config_hash") != config_hash:
            raise RunFolderError(
                f"{out_dir} holds a run with a different config (hash {state.get('config_hash', '?')[:12]}); "
                "use another --output or --overwrite"
            )
        if state.get("inputs") != inputs:
            raise RunFolderError(
                f"{out_dir} holds a run over other input files ({len(state.get('inputs', []))} before, "
                f"{len(inputs)} now); use another --output or --overwrite"
            )
        return state
    elif out_dir.exists() and any(p.name != LOCK_NAME for p in out_dir.iterdir()) and not overwrite:
        raise RunFolderError(f"{out_dir} is not empty and is not a eurocurate run folder; use another --output")
    if out_dir.exists():
        for name in ("data", "rejects", "work", "manifest.json", "stats.json", "run.json"):
            target = out_dir / name
            shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    state = {
        "run_id": f"{cfg.name}-{stamp}-{uuid.uuid4().hex[:8]}",
        "config_hash": config_hash,
        "inputs": inputs,
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    write_text_atomic(json.dumps(state, indent=2), state_path)
    return state


def remove_stale_temp_files(out_dir: Path) -> None:
    """Half-written files of an interrupted run (a run folder serves one run at a time)."""
    for path in out_dir.rglob(".tmp-*"):
        path.unlink(missing_ok=True)


def work_space_of(cfg: RunConfig, out_dir: Path) -> str:
    """The run's work space: output.work_dir (a folder, or an object-store URL for nodes that share no folder),
    else <run folder>/work."""
    configured = cfg.output.work_dir
    if not configured:
        return str(out_dir / "work")
    return configured.rstrip("/") if workspace.is_remote(configured) else str(Path(configured).resolve())


WORK_OWNER = "run.json"


def _claim_work_space(work_dir: str, run_id: str, overwrite: bool) -> None:
    """A work space of its own (output.work_dir) serves one run: a resumed run finds its own marker there; the work
    of another run is never taken over (its done markers would pass for this run's)."""
    marker = workspace.join(work_dir, WORK_OWNER)
    try:
        owner = json.loads(workspace.read_text(marker)).get("run_id")
    except FileNotFoundError:
        owner = None
    if owner == run_id:
        return
    if owner is not None and not overwrite:
        raise RunFolderError(f"the work space {work_dir} holds the work of run {owner}; use another "
                             "output.work_dir, or --overwrite to discard it")
    workspace.remove_tree(work_dir)
    workspace.write_text(json.dumps({"run_id": run_id}), marker)


def _collect_output(out_root: str, out_dir: Path, written: list[dict], reject_groups: list[list[dict]]) -> None:
    """Shards that write tasks put into an object-store work space, fetched whole into the run folder (where the
    manifest hashes them and publishing finds them); each shard's path becomes the local one."""
    shards = [s for part in written for s in (*part["shards"], *part["reject_shards"])]
    shards += [s for group in reject_groups for s in group]
    prefix = out_root.rstrip("/") + "/"
    for shard in shards:
        local = out_dir / shard["path"][len(prefix):]
        workspace.download_file(shard["path"], local)
        shard["path"] = str(local)


def _merge_stats(file_results: list[dict], stage_order: tuple[str, ...]) -> dict[str, StageStats]:
    totals = {name: StageStats() for name in stage_order}
    for result in file_results:
        for name, data in result["stages"].items():
            totals[name].merge(StageStats.from_dict(data))
    return totals


def run_pipeline(
    cfg: RunConfig, base_dir: Path, out_dir: Path, address: str | None = None, workers: int | None = None,
    overwrite: bool = False, show_progress: bool = True, stage_objects: dict | None = None,
) -> RunResult:
    """Run `cfg` into `out_dir`. `stage_objects`: stages of your own given as Python objects (by stage name),
    for `cfg.stages` entries of the same name (the Pipeline API passes them)."""
    planned = plan_inputs(cfg, base_dir)
    inputs = [[item.kind, item.uri] for item in planned]
    resolved, referenced = resolve_references(cfg, base_dir)
    config_hash = cfg.config_hash(referenced)
    cfg = resolved
    out_dir = prepare_output_folder(out_dir)
    with RunLock(out_dir):  # one run per folder, held to the end (released by the OS if this process dies)
        return _run_locked(cfg, base_dir, out_dir, planned, inputs, config_hash, address, workers, overwrite,
                           show_progress, stage_objects)


def prepare_output_folder(out_dir: Path) -> Path:
    """The run folder, created; a path that cannot be one is a RunFolderError in one sentence."""
    out_dir = out_dir.resolve()  # Ray workers may not share the driver's working directory
    for parent in (out_dir, *out_dir.parents):
        if parent.exists() and not parent.is_dir():
            raise RunFolderError(f"the output {out_dir} cannot be a folder: {parent} is a file")
        if parent.exists():
            break
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RunFolderError(f"the output folder {out_dir} cannot be created: {exc.strerror}") from None
    if not os.access(out_dir, os.W_OK):
        raise RunFolderError(f"the output folder {out_dir} is not writable")
    return out_dir


def _run_locked(cfg: RunConfig, base_dir: Path, out_dir: Path, planned: list, inputs: list[list[str]],
                config_hash: str, address: str | None, workers: int | None, overwrite: bool, show_progress: bool,
                stage_objects: dict | None) -> RunResult:
    state = _prepare_run_folder(out_dir, cfg, config_hash, inputs, overwrite)
    manifest_path = out_dir / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("complete") and manifest.get("config_hash") == state["config_hash"]:
            return RunResult(out_dir, manifest, resumed_files=len(inputs), skipped=True)

    started = time.time()
    remove_stale_temp_files(out_dir)
    work_dir = work_space_of(cfg, out_dir)
    if cfg.output.work_storage_options:  # read by every worker's work-space calls (Ray hands it to a cluster)
        os.environ[workspace.OPTIONS_ENV] = json.dumps(cfg.output.work_storage_options)
    if cfg.output.work_dir:
        _claim_work_space(work_dir, state["run_id"], overwrite)
        if not workspace.is_remote(work_dir):  # a folder of its own, outside the run folder
            remove_stale_temp_files(Path(work_dir))
    resources = start_ray(address, workers)
    reset_tasks_by_node()
    set_scheduling(cfg.ray.scheduling)
    parallel = max(1, workers or int(resources.get("CPU", 1)))
    config_json = cfg.model_dump_json()

    # Phase 1: per input file, everything up to dedup signatures. Finished files are not redone.
    file_results, todo = documents_phase(work_dir).split(planned, lambda item: file_key(item.uri))
    resumed = len(file_results)
    failed: list[dict] = []

    def file_failed(args: tuple, exc: BaseException) -> None:
        failed.append({"file": args[0].uri, "error": "task_failed", "detail": type(exc).__name__})

    fresh = run_tasks("documents", process_input_file,
                      [(item, config_json, str(work_dir), state["run_id"], stage_objects) for item in todo],
                      documents_task_resources(cfg, stage_objects), cfg.resources.max_task_retries, parallel * 2,
                      show_progress, on_error=file_failed)
    file_results.extend(r for r in fresh if r is not None)
    file_results.sort(key=lambda r: r["source_uri"])
    if failed:
        raise RuntimeError(
            f"{len(failed)} input file(s) failed: "
            + ", ".join(f"{Path(f['file']).name} ({f['detail']})" for f in failed)
            + "; re-run the same command to retry them"
        )

    doc_files = [str(work_paths(work_dir, file_key(r["source_uri"]))["docs"]) for r in file_results]
    reject_files = [str(work_paths(work_dir, file_key(r["source_uri"]))["rejects"]) for r in file_results]
    pre_dedup = chain_names(cfg)
    stats = _merge_stats(file_results, (*pre_dedup, "dedup"))

    # ---- Phase 1b: model quality (filters/model_quality.py) --------------------------------------------------
    # Learned classifiers score every kept document on Ray actors (one per GPU, CPU actors without GPUs); the
    # scored copies replace the docs files for dedup and output, below-threshold documents become rejects.
    stage_order, reject_stages = (*pre_dedup, "dedup"), pre_dedup
    quality_models: list[dict] = []
    if cfg.model_quality.enabled:
        scoring = cfg.model_quality
        if "model_quality" in cfg.resources.stages:  # what each scoring actor asks for
            override = cfg.resources.stages["model_quality"]
            scoring = scoring.model_copy(update={"num_cpus": override.num_cpus, "num_gpus": override.num_gpus})
        scored = run_model_quality(doc_files, work_dir, scoring, base_dir, cfg.output.rejects_keep_text)
        doc_files, reject_files = scored.doc_files, reject_files + scored.reject_files
        quality_models = scored.models
        # the model quality stage sits between the per-document chain and dedup
        stage_order, reject_stages = (*pre_dedup, "model_quality", "dedup"), (*pre_dedup, "model_quality")
        stats = {name: scored.stats if name == "model_quality" else stats[name] for name in stage_order}
    # ---- end of Phase 1b -------------------------------------------------------------------------------------

    check_stop()
    # Phase 2: duplicate clusters, distributed on Ray end to end (dedup/stage.py); the driver sees only counts
    # and the paths of the decision files (one row per document in a cluster of two or more).
    decisions: list[str] = []
    if cfg.dedup.enabled:
        decisions = run_dedup(doc_files, workspace.join(work_dir, "dedup"), cfg.dedup, parallel, show_progress, base_dir,
                              resources=cfg.resources.stages.get("dedup", cfg.resources.dedup),
                              retries=cfg.resources.max_task_retries).decision_files

    check_stop()
    # Phase 3: output shards per language and rejects per stage, replacing any earlier partial output.
    for name in ("data", "rejects"):
        shutil.rmtree(out_dir / name, ignore_errors=True)
    # With an object-store work space the write tasks write there (no node shares the run folder) and the
    # driver fetches the shards.
    remote_work = workspace.is_remote(work_dir)
    out_root = workspace.join(work_dir, "output") if remote_work else str(out_dir)
    if remote_work:
        workspace.remove_tree(out_root)
    # One write task per group of languages, each reading every docs file once. Twice as many groups as workers:
    # a node that finishes early takes another, and on a cluster every node gets some (Ray's SPREAD is best
    # effort); each extra group is one more read of the docs files.
    groups = language_groups(language_rows(doc_files), 2 * parallel)
    write, retries = cfg.resources.write, cfg.resources.max_task_retries
    written = sorted((part for group in run_tasks("write", write_languages,
                                                  [(languages, doc_files, decisions, out_root, cfg.output,
                                                    cfg.output.rejects_keep_text) for languages in groups],
                                                  write, retries, parallel, show_progress)
                      for part in group), key=lambda part: part["language"])
    reject_shards = run_tasks("rejects", collate_rejects,
                              [(reject_files, stage, out_root, cfg.output) for stage in reject_stages],
                              write, retries, parallel, show_progress)
    if remote_work:
        _collect_output(out_root, out_dir, written, reject_shards)

    dedup_stats = stats["dedup"]
    for part in written:
        dedup_stats.docs_in += part["kept"] + part["rejected"]
        dedup_stats.kept += part["kept"]
        dedup_stats.rejected += part["rejected"]
        dedup_stats.reasons.update(part["reasons"])

    check_stop()  # the manifest is written only for a run that was not asked to stop
    manifest = build_manifest(
        cfg=cfg, state=state, out_dir=out_dir, stats=stats, stage_order=stage_order, file_results=file_results,
        written=written, reject_shards=[s for group in reject_shards for s in group], resources=resources,
        started=started, address=address, quality_models=quality_models,
        work_space="object storage" if remote_work else "folder",
    )
    write_text_atomic(json.dumps({k: v.to_dict() for k, v in stats.items()}, indent=2), out_dir / "stats.json")
    write_text_atomic(json.dumps(manifest, indent=2, sort_keys=False), manifest_path)
    return RunResult(out_dir, manifest, resumed_files=resumed, processed_files=len(todo))
