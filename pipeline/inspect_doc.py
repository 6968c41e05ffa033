"""`eurocurate inspect RUN_DIR DOC_ID`: one document's whole path through the pipeline, from its annotations."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from eurocurate.pipeline.run_folder import load_manifest, reject_paths, shard_paths

SOURCE_FIELDS = ("source_family", "source_kind", "source_uri", "record_id", "record_offset", "url", "host",
                 "fetch_date", "license", "optout_status")


def _find(paths: list[Path], doc_id: str) -> tuple[Path, int, dict] | None:
    for path in paths:
        ids = pq.read_table(path, columns=["id"])["id"].to_pylist()
        if doc_id in ids:
            row_index = ids.index(doc_id)
            return path, row_index, pq.read_table(path).slice(row_index, 1).to_pylist()[0]
    return None


def _annotations(stage: str, row: dict) -> dict:
    by_stage = {
        "read": {},
        "optout": {"optout_status": row.get("optout_status"), "optout_evidence": row.get("optout_evidence")},
        "extract": {"title": row.get("title"), "page_date": row.get("page_date"),
                    "content_sha256": row.get("content_sha256")},
        "langid": {"language": row.get("language"), "language_score": row.get("language_score"),
                   "language_top": row.get("language_top")},
        "quality": {"word_count": row.get("word_count"), "quality_score": row.get("quality_score")},
        "pii": {"pii_counts": row.get("pii_counts"), "pii_total": row.get("pii_total"),
                "text_sha256": row.get("text_sha256")},
        "model_quality": {"quality_model_scores": row.get("quality_model_scores")},
        "dedup": {"dup_cluster_id": row.get("dup_cluster_id"), "dup_cluster_size": row.get("dup_cluster_size")},
    }
    return {k: v for k, v in by_stage.get(stage, {}).items() if v is not None}


def trace_document(run_dir: Path, doc_id: str) -> dict | None:
    run_dir = Path(run_dir)
    manifest = load_manifest(run_dir)
    stage_names = [s["name"] for s in manifest["stages"]]
    hit = _find(shard_paths(run_dir), doc_id)
    rejected = hit is None
    if rejected:
        hit = _find(reject_paths(run_dir), doc_id)
    if hit is None:
        return None
    path, row_index, row = hit
    stop_at = row["stage"] if rejected else None
    path_taken = []
    for name in stage_names:
        if name == stop_at:
            path_taken.append({"stage": name, "decision": "rejected", "reason": row["reason"],
                               "detail": row.get("detail"), "duplicate_of": row.get("duplicate_of"),
                               **_annotations(name, row)})
            break
        path_taken.append({"stage": name, "decision": "kept", **_annotations(name, row)})
    ended = ({"outcome": "rejected", "stage": row["stage"], "reason": row["reason"]} if rejected
             else {"outcome": "kept", "language": row["language"]})
    ended |= {"file": path.relative_to(run_dir).as_posix(), "row": row_index}
    return {
        "id": doc_id,
        "run_id": row.get("run_id"),
        "source": {k: row.get(k) for k in SOURCE_FIELDS},
        "stages": [{k: v for k, v in step.items() if v is not None} for step in path_taken],
        "ended": ended,
    }


def format_trace(trace: dict) -> str:
    lines = [f"document {trace['id']}  (run {trace['run_id']})", "source:"]
    lines += [f"  {k}: {v}" for k, v in trace["source"].items() if v is not None]
    lines.append("path:")
    for step in trace["stages"]:
        extra = {k: v for k, v in step.items() if k not in ("stage", "decision")}
        shown = ", ".join(f"{k}={v}" for k, v in extra.items())
        lines.append(f"  {step['stage']:<8} {step['decision']:<8} {shown}")
    end = trace["ended"]
    where = f"{end['file']} row {end['row']}"
    lines.append(f"ended: {end['outcome']} in {where}" + (f" ({end['stage']}: {end['reason']})"
                                                          if end["outcome"] == "rejected" else ""))
    return "\n".join(lines)
