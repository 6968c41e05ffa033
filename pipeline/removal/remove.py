"""`eurocurate remove RUN ...`: remove documents and the copies of their content from a finished run, as a new
version of it.

Order of work, so that a failure at any point leaves one consistent current version:
1. plan (read only): the rows the request reaches (matching.py);
2. stage: new shards, removal stubs, the erasure log with the new entry, the suppression file and index parts,
   stats and the new manifest (signed when a key is given) under .staging/vN/;
3. note what is about to change in .removal-pending.json, copy the current manifest to versions/;
4. move the new shards in (new names: nothing the current manifest lists is touched), then the erasure log;
5. commit: the new manifest replaces manifest.json;
6. finish: signature, suppression, stats; the superseded shards deleted; report, public summary and Croissant
   regenerated; staging and marker removed.
A run interrupted before 5 is rolled back by the next command that takes the folder (`recover`); after 5 it
is rolled forward.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from eurocurate.core.parquet_io import write_table_atomic, write_text_atomic
from eurocurate.core.stage import StageStats
from eurocurate.dedup.config import DedupConfig
from eurocurate.dedup.index import META, SUPPRESSED_PREFIX, duplicate_parts, index_parts
from eurocurate.dedup.layout import node_schema, signatures_column
from eurocurate.dedup.minhash import Signer
from eurocurate.dedup.signing import describe_signature
from eurocurate.pipeline.inspect_doc import normalise_url
from eurocurate.pipeline.manifest import MANIFEST_JSON_OPTIONS, SIGNATURE_FILE, sign_bytes, signing_block
from eurocurate.pipeline.removal import history
from eurocurate.pipeline.removal.matching import REMOVAL_STAGE, Plan, RunRows, plan_removal
from eurocurate.pipeline.removal.rewrite import FileChanges, file_entry, rewrite_shards
from eurocurate.pipeline.removal.selectors import CATEGORIES, Selector
from eurocurate.pipeline.run_folder import NotARunFolder, load_manifest
from eurocurate.pipeline.run_lock import RunLock

INDEX_DIR = "work/dedup/index"


class RemovalRefused(ValueError):
    """The request cannot be applied as given (nothing was changed)."""


@dataclass
class RemovalOutcome:
    version: int | None  # the new version; None when nothing changed
    entry: str | None
    removed: int = 0
    removed_by_why: dict[str, int] = field(default_factory=dict)
    redacted: int = 0
    matched_per_selector: list[int] = field(default_factory=list)
    unmatched: list[Selector] = field(default_factory=list)
    already_removed: int = 0
    shards_rewritten: int = 0
    shards_total: int = 0
    suppressed: int = 0
    near_search: str = ""
    seconds: float = 0.0
    recovered: str | None = None
    selectors: list[Selector] = field(default_factory=list)


def _checkpoint(step: str) -> None:
    """Between the steps of a removal; tests make it raise to show where a crash leaves the folder."""


def remove_documents(run_dir: Path, selectors: list[Selector], category: str, reason: str = "",
                     requester: str | None = None, strict: bool = False, copies: bool = True,
                     suppress: bool = True, signing_key: Path | None = None,
                     evidence: dict[str, str] | None = None) -> RemovalOutcome:
    """Remove what `selectors` name (and, with `copies`, the copies of that content) as a new version of the run.

    `evidence` (document id -> text, e.g. the robots.txt rule that reserves it) is written to the erasure log
    entry beside each named document."""
    if category not in CATEGORIES:
        raise RemovalRefused(f"unknown reason category {category!r} (one of {', '.join(CATEGORIES)})")
    if not selectors:
        raise RemovalRefused("nothing to remove: give --url, --domain, --id, --sha256 or --from-file")
    run_dir = Path(run_dir)
    started = time.perf_counter()
    with RunLock(run_dir):
        recovered = recover(run_dir)
        manifest = load_manifest(run_dir)
        outcome = _remove_locked(run_dir, manifest, selectors, category, reason, requester, strict, copies,
                                 suppress, signing_key, evidence or {})
    outcome.recovered = recovered
    outcome.seconds = round(time.perf_counter() - started, 3)
    return outcome


def _remove_locked(run_dir: Path, manifest: dict, selectors: list[Selector], category: str, reason: str,
                   requester: str | None, strict: bool, copies: bool, suppress: bool, signing_key: Path | None,
                   evidence: dict[str, str]) -> RemovalOutcome:
    if not manifest.get("complete"):
        raise NotARunFolder(f"{run_dir} holds an unfinished run: finish it before removing documents")
    signed = (manifest.get("signing") or {}).get("signed")
    if signed and signing_key is None:
        raise RemovalRefused("this run's manifest is signed: give --signing-key (or $EUROCURATE_SIGNING_KEY) so the "
                             "new version is signed too")
    data_files = [s["path"] for s in manifest["shards"]]
    reject_files = [r["path"] for r in manifest["rejects"]]
    missing = [p for p in data_files + reject_files if not (run_dir / p).is_file()]
    if missing:
        raise NotARunFolder(f"{run_dir} lacks {len(missing)} file(s) its manifest lists (e.g. {missing[0]}): "
                            "run `eurocurate verify` on it")
    dedup = DedupConfig.model_validate(manifest["config"].get("dedup", {}))
    rows = RunRows.scan(run_dir, data_files, reject_files)
    plan = plan_removal(run_dir, rows, selectors, dedup, copies)
    unmatched = [s for s, n in zip(selectors, plan.matched_per_selector, strict=True) if n == 0]
    if strict and unmatched:
        raise RemovalRefused(f"{len(unmatched)} of {len(selectors)} selector(s) match no document of this run "
                             "(--strict: nothing was removed)")
    version = history.manifest_version(manifest) + 1
    outcome = RemovalOutcome(None, None, matched_per_selector=plan.matched_per_selector, unmatched=unmatched,
                             selectors=selectors,
                             already_removed=plan.already_removed, near_search=plan.near_search,
                             shards_total=len(data_files) + len(reject_files))
    if not plan.removed and not plan.redacted:
        return outcome
    entry = history.entry_id(version)
    staging = run_dir / history.STAGING / f"v{version}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    output = manifest["config"]["output"]
    changes = rewrite_shards(run_dir, staging, rows, plan, version, entry, category, output["compression"],
                             output["shard_max_rows"], output["shard_max_bytes"])
    _checkpoint("shards staged")
    index_staged, suppressed = _stage_suppression(run_dir, staging, rows, plan, dedup, entry) if suppress else ([], 0)
    old_manifest_bytes = (run_dir / "manifest.json").read_bytes()
    old_log = history.read_log_bytes(run_dir)
    log_entry = _log_entry(rows, plan, selectors, changes, version, entry, category, reason, requester,
                           history.sha256_bytes(old_manifest_bytes), evidence, suppressed)
    new_log = old_log + history.log_line(log_entry)
    (staging / history.ERASURE_LOG).write_bytes(new_log)
    new_manifest = _new_manifest(manifest, staging, changes, plan, category, version, old_manifest_bytes, new_log)
    _stage_manifest(staging, new_manifest, signing_key)
    marker = {"version": version, "moved": changes.staged, "log_bytes_before": len(old_log),
              "superseded": [r["old"] for r in changes.replaced], "index": index_staged,
              "versions_copy": not (run_dir / history.version_manifest_path(version - 1)).exists()}
    write_text_atomic(json.dumps(marker, indent=2), run_dir / history.PENDING)
    _checkpoint("marker written")
    _keep_previous_version(run_dir, version - 1)
    for rel in changes.staged:
        (run_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / rel, run_dir / rel)
        _checkpoint("shard moved in")
    os.replace(staging / history.ERASURE_LOG, run_dir / history.ERASURE_LOG)
    _checkpoint("log moved in")
    os.replace(staging / "manifest.json", run_dir / "manifest.json")  # the commit
    _checkpoint("committed")
    _finish(run_dir, marker)
    outcome.version, outcome.entry = version, entry
    outcome.removed = len(plan.removed)
    outcome.redacted = len(plan.redacted)
    for removal in plan.removed.values():
        outcome.removed_by_why[removal.why] = outcome.removed_by_why.get(removal.why, 0) + 1
    outcome.shards_rewritten = len(changes.replaced)
    outcome.suppressed = suppressed
    return outcome


def _stage_suppression(run_dir: Path, staging: Path, rows: RunRows, plan: Plan, dedup: DedupConfig,
                       entry: str) -> tuple[list[str], int]:
    """suppressed-vN.parquet (signatures of the removed content) and the index parts without the removed
    documents, staged under work/dedup/index/; returns the staged paths and the number of signatures."""
    if not plan.removed:
        return [], 0
    index_dir = run_dir / INDEX_DIR
    target = staging / INDEX_DIR
    target.mkdir(parents=True, exist_ok=True)
    staged: list[str] = []
    removed_ids = {r.id for r in plan.removed.values()}
    parts = index_parts(index_dir, dedup)
    if parts is None:  # a run without dedup (or without its work folder): the suppression list starts an index
        meta = {"signature": describe_signature(dedup), "scope": dedup.scope, "docs": 0}
        (target / META).write_text(json.dumps(meta, indent=2))
        staged.append(f"{INDEX_DIR}/{META}")
    for path in parts or []:
        table = pq.read_table(path)
        keep = ~np.isin(np.array(table.column("id").to_pylist(), dtype=object), list(removed_ids))
        if not keep.all():
            write_table_atomic(table.filter(pa.array(keep)), target / Path(path).name)
            staged.append(f"{INDEX_DIR}/{Path(path).name}")
    files, positions, languages = rows.column("file"), rows.column("row"), rows.column("language")
    order = sorted(plan.removed)
    by_file: dict[str, list[int]] = {}
    for i in order:
        by_file.setdefault(files[i], []).append(i)
    text_of: dict[int, str] = {}
    for rel, members in by_file.items():  # each file read once
        column = pq.read_table(run_dir / rel, columns=["text"]).column("text")
        text_of.update({i: column[positions[i]].as_py() or "" for i in members})
    exact, signatures = Signer(dedup).sign([text_of[i] for i in order], [languages[i] for i in order])
    schema = node_schema(dedup.bands * dedup.rows).remove(0)
    table = pa.Table.from_arrays(
        [pa.array([f"{SUPPRESSED_PREFIX}{entry}:{plan.removed[i].id}" for i in order], pa.string()),
         pa.array([languages[i] for i in order], pa.string()), pa.array(np.zeros(len(order)), pa.float32()),
         pa.array(exact[:, 0]), pa.array(exact[:, 1]), signatures_column(signatures)], schema=schema)
    members = {rows.column("id")[i] for i, _ in plan.redacted.items() if rows.column("stage")[i] == "dedup"}
    if members:  # members of removed clusters that dedup rejected: their (near) copies are suppressed too
        value_set = pa.array(sorted(members), pa.string())
        for path in duplicate_parts(index_dir):
            found = pq.read_table(path).filter(pc.is_in(pq.read_table(path, columns=["id"]).column("id"),
                                                        value_set=value_set))
            if found.num_rows:
                renamed = pa.array([f"{SUPPRESSED_PREFIX}{entry}:{x}" for x in found.column("id").to_pylist()],
                                   pa.string())
                found = found.set_column(0, "id", renamed)
                table = pa.concat_tables([table, found.set_column(
                    found.schema.get_field_index("quality"), "quality", pa.array(np.zeros(found.num_rows), pa.float32()))])
    name = f"suppressed-{entry}.parquet"
    write_table_atomic(table, target / name)
    staged.append(f"{INDEX_DIR}/{name}")
    return staged, table.num_rows


def _hashed_selector(selector: Selector, matched: int) -> dict:
    if selector.kind in ("url", "domain"):  # a URL or a domain can name a person: the log keeps its hash
        value = normalise_url(selector.value) or selector.value if selector.kind == "url" else selector.value
        return {"kind": selector.kind, "value_sha256": history.sha256_bytes(value.encode("utf-8")), "matched": matched}
    return {"kind": selector.kind, "value": selector.value, "matched": matched}


def _log_entry(rows: RunRows, plan: Plan, selectors: list[Selector], changes: FileChanges, version: int, entry: str,
               category: str, reason: str, requester: str | None, previous_sha256: str,
               evidence: dict[str, str], suppressed: int) -> dict:
    urls, texts, contents, languages = (rows.column(c) for c in ("url", "text_sha256", "content_sha256", "language"))
    removed = []
    for i in sorted(plan.removed, key=lambda i: plan.removed[i].id):
        r = plan.removed[i]
        url = normalise_url(urls[i]) if urls[i] else None
        doc = {"id": r.id, "why": r.why, "url_sha256": history.url_sha256(url) if url else None,
               "text_sha256": texts[i], "content_sha256": contents[i], "language": languages[i]}
        if r.copy_of:
            doc["copy_of"] = r.copy_of
        if r.similarity is not None:
            doc["similarity"] = r.similarity
        if r.id in evidence:
            doc["evidence"] = evidence[r.id]
        removed.append(doc)
    ids, stages = rows.column("id"), rows.column("stage")
    redacted = []
    for i in sorted(plan.redacted, key=lambda i: ids[i]):
        url = normalise_url(urls[i]) if urls[i] else None
        row = {"id": ids[i], "stage": stages[i], "url_sha256": history.url_sha256(url) if url else None}
        if plan.redacted[i] != ids[i]:
            row["copy_of"] = plan.redacted[i]
        if ids[i] in evidence:
            row["evidence"] = evidence[ids[i]]
        redacted.append(row)
    return {
        "entry": entry, "version": version, "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "category": category, "reason": reason, "requester": requester,
        "previous_manifest_sha256": previous_sha256,
        "selectors": [_hashed_selector(s, n) for s, n in zip(selectors, plan.matched_per_selector, strict=True)],
        "removed_count": len(removed), "removed": removed, "redacted_count": len(redacted), "redacted": redacted,
        "near_copies": plan.near_search, "suppressed_signatures": suppressed,
        "files": {"replaced": changes.replaced, "added": changes.added},
    }


def _new_manifest(manifest: dict, staging: Path, changes: FileChanges, plan: Plan, category: str, version: int,
                  old_bytes: bytes, new_log: bytes) -> dict:
    new = copy.deepcopy(manifest)
    new.pop("signing", None)
    replaced = {r["old"]: r for r in changes.replaced}

    def rewritten(entries: list[dict]) -> list[dict]:
        out = []
        for entry in entries:
            change = replaced.get(entry["path"])
            if change is None:
                out.append(entry)
            elif change["new"] is not None:
                extra = {k: v for k, v in entry.items() if k not in ("path", "rows", "bytes", "sha256")}
                out.append(file_entry(staging / change["new"], change["new"], change["rows"]) | extra)
        return out

    new["shards"] = rewritten(manifest["shards"])
    new["rejects"] = rewritten(manifest["rejects"]) + [file_entry(staging / a["path"], a["path"], a["rows"])
                                                       for a in changes.added]
    stages = [s for s in new["stages"] if s["name"] != REMOVAL_STAGE]
    previous = next((s for s in manifest["stages"] if s["name"] == REMOVAL_STAGE), None)
    stats = StageStats.from_dict(previous) if previous else StageStats(stages[-1]["kept"], stages[-1]["kept"], 0)
    stats.kept -= len(plan.removed)
    stats.rejected += len(plan.removed)
    if plan.removed:
        stats.reasons[category] += len(plan.removed)
    new["stages"] = [*stages, {"name": REMOVAL_STAGE, **stats.to_dict()}]
    new["totals"] = {"documents": sum(s["rows"] for s in new["shards"]),
                     "rejected": sum(r["rows"] for r in new["rejects"])}
    new["version"] = version
    new["previous_manifest"] = history.version_manifest_path(version - 1)
    new["previous_manifest_sha256"] = history.sha256_bytes(old_bytes)
    new["erasure_log"] = {"path": history.ERASURE_LOG, "entries": len(history.log_entries(new_log)),
                          "sha256": history.sha256_bytes(new_log)}
    new["updated_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    return new


def _stage_manifest(staging: Path, manifest: dict, signing_key: Path | None) -> None:
    if signing_key is None:
        from eurocurate.pipeline.manifest import UNSIGNED_NOTE

        manifest["signing"] = {"signed": False, "note": UNSIGNED_NOTE}
    else:
        manifest["signing"] = signing_block(signing_key)
    text = json.dumps(manifest, **MANIFEST_JSON_OPTIONS)
    if signing_key is not None:
        (staging / SIGNATURE_FILE).write_text(sign_bytes(text.encode("utf-8"), signing_key))
    (staging / "manifest.json").write_text(text, encoding="utf-8")
    stats = {s["name"]: {k: v for k, v in s.items() if k != "name"} for s in manifest["stages"]}
    (staging / "stats.json").write_text(json.dumps(stats, indent=2))


def _keep_previous_version(run_dir: Path, version: int) -> None:
    """The current manifest (and its signature) as versions/manifest-v<version>.json, before anything changes."""
    target = run_dir / history.version_manifest_path(version)
    target.parent.mkdir(exist_ok=True)
    if not target.exists():
        shutil.copyfile(run_dir / "manifest.json", target.with_suffix(".json.tmp"))
        os.replace(target.with_suffix(".json.tmp"), target)
    signature = run_dir / SIGNATURE_FILE
    if signature.exists():
        shutil.copyfile(signature, target.parent / f"{target.name}.sig")


def _finish(run_dir: Path, marker: dict) -> None:
    """Everything after the commit; safe to run again after a crash."""
    staging = run_dir / history.STAGING / f"v{marker['version']}"
    if (staging / SIGNATURE_FILE).exists():
        os.replace(staging / SIGNATURE_FILE, run_dir / SIGNATURE_FILE)
    elif not (load_manifest(run_dir).get("signing") or {}).get("signed"):
        (run_dir / SIGNATURE_FILE).unlink(missing_ok=True)
    for rel in marker["index"]:
        if (staging / rel).exists():
            (run_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / rel, run_dir / rel)
    if (staging / "stats.json").exists():
        os.replace(staging / "stats.json", run_dir / "stats.json")
    for rel in marker["superseded"]:
        (run_dir / rel).unlink(missing_ok=True)
    _checkpoint("superseded deleted")
    regenerate_derived(run_dir)
    shutil.rmtree(run_dir / history.STAGING, ignore_errors=True)  # one removal at a time: the lock holder's
    (run_dir / history.PENDING).unlink(missing_ok=True)


def regenerate_derived(run_dir: Path) -> list[str]:
    """report.html/json, public-summary.json/md and croissant.json written again from the new version, where the
    run folder has them (one never made is not made now: nothing stale is left either way)."""
    from eurocurate.pipeline.public_summary import write_summary
    from eurocurate.pipeline.report import write_report

    written = []
    if any((run_dir / name).exists() for name in ("report.html", "report.json")):
        written += [p.name for p in write_report(run_dir)]
    if any((run_dir / name).exists() for name in ("public-summary.json", "public-summary.md", "croissant.json")):
        written += [p.name for p in write_summary(run_dir)]
    return written


def recover(run_dir: Path) -> str | None:
    """Complete or undo a removal that stopped part way (the caller holds the run lock)."""
    run_dir = Path(run_dir)
    marker_path = run_dir / history.PENDING
    if not marker_path.exists():
        shutil.rmtree(run_dir / history.STAGING, ignore_errors=True)
        return None
    marker = json.loads(marker_path.read_text())
    if history.manifest_version(load_manifest(run_dir)) == marker["version"]:
        _finish(run_dir, marker)
        return f"finished the interrupted removal that made version {marker['version']}"
    for rel in marker["moved"]:
        (run_dir / rel).unlink(missing_ok=True)
    log = run_dir / history.ERASURE_LOG
    if log.exists() and log.stat().st_size > marker["log_bytes_before"]:
        if marker["log_bytes_before"] == 0:
            log.unlink()
        else:
            with open(log, "r+b") as handle:
                handle.truncate(marker["log_bytes_before"])
    if marker.get("versions_copy"):
        copy_path = run_dir / history.version_manifest_path(marker["version"] - 1)
        copy_path.unlink(missing_ok=True)
        Path(f"{copy_path}.sig").unlink(missing_ok=True)
    shutil.rmtree(run_dir / history.STAGING, ignore_errors=True)
    marker_path.unlink()
    return f"undid the interrupted removal that was making version {marker['version']}"
