"""`verify` of a run with removals: the version chain back to the run's first manifest.

Earlier versions' superseded shards are deleted (that is the point of an erasure), so an earlier version is
checked through what is kept of it: its manifest (and signature) under versions/, named by sha256 in the next
version's manifest; the erasure log's entry for each step, whose file changes and counts must be exactly the
difference between the two manifests; and the current data, which must hold none of the removed documents.
"""

from __future__ import annotations

import json

from eurocurate.pipeline.removal import history
from eurocurate.pipeline.removal.matching import REMOVAL_STAGE


def history_note(run, manifest: dict) -> str | None:
    """One line for verify's OK message on a run with removals (or one stopped part way); None otherwise."""
    notes = []
    version = history.manifest_version(manifest)
    if version > 1:
        notes.append(f"version {version}: the chain back to version 1 and the erasure log's {version - 1} "
                     "entr(y/ies) check out, and no removed content is published")
    if run.read_bytes(history.PENDING) is not None:
        notes.append(f"a removal stopped part way ({history.PENDING}); its files are set aside and the next "
                     "`eurocurate remove` or `recheck-optout` on this folder finishes or undoes it")
    return "; ".join(notes) or None


def _paths(manifest: dict) -> set[str]:
    return {e["path"] for e in manifest["shards"] + manifest["rejects"]}


def _data_rows(manifest: dict) -> int:
    return sum(e["rows"] for e in manifest["shards"])


def verify_history(run, manifest: dict, public_key: str | None = None) -> list[str]:
    """Problems with the version chain of the run at `run` (a verify.RunLocation), one line each."""
    problems: list[str] = []
    current = history.manifest_version(manifest)
    log_bytes = run.read_bytes(history.ERASURE_LOG) or b""
    pending = run.read_bytes(history.PENDING)
    if pending is not None:  # a removal stopped before its commit: its log entry is not this version's
        try:
            marker = json.loads(pending)
            if marker["version"] > current:
                log_bytes = log_bytes[: marker["log_bytes_before"]]
        except (ValueError, KeyError, TypeError):
            return [f"{history.PENDING} is damaged: it cannot say which files an interrupted removal left"]
    try:
        entries = history.log_entries(log_bytes)
    except ValueError:
        return problems + [f"{history.ERASURE_LOG} is not valid JSON lines"]
    if len(entries) != current - 1:
        return problems + [f"the erasure log holds {len(entries)} entr(y/ies) but the manifest is version {current}, "
                           f"which needs {current - 1}: a removal was undone, or the log or manifest replaced"]
    if current == 1:
        return problems
    raw = {current: run.manifest_bytes()}
    for k in range(1, current):
        data = run.read_bytes(history.version_manifest_path(k))
        if data is None:
            return problems + [f"version {k}'s manifest is missing ({history.version_manifest_path(k)})"]
        raw[k] = data
    versions = {k: json.loads(v) for k, v in raw.items()}
    for k in range(2, current + 1):
        problems += _check_step(k, versions[k - 1], versions[k], raw[k - 1], entries[k - 2], log_bytes, entries)
    if public_key is not None:
        problems += _check_old_signatures(run, versions, raw, public_key, current)
    problems += _check_nothing_erased_is_back(run, manifest, entries)
    return problems


def _check_step(k: int, before: dict, after: dict, before_bytes: bytes, entry: dict, log_bytes: bytes,
                entries: list[dict]) -> list[str]:
    problems = []
    where = f"version {k}"
    if after.get("version", 1) != k:
        problems.append(f"{where}: its manifest says version {after.get('version', 1)}")
    digest = history.sha256_bytes(before_bytes)
    if after.get("previous_manifest_sha256") != digest:
        problems.append(f"{where}: names a previous manifest with sha256 {after.get('previous_manifest_sha256')}, "
                        f"but version {k - 1}'s manifest hashes to {digest} (an earlier version was altered)")
    if entry.get("version") != k or entry.get("previous_manifest_sha256") != digest:
        problems.append(f"{where}: erasure log entry {k - 1} does not describe the step from version {k - 1}")
    expected_log = history.log_prefix_sha256(log_bytes, k - 1)
    if (after.get("erasure_log") or {}).get("sha256") != expected_log:
        problems.append(f"{where}: the erasure log's first {k - 1} entr(y/ies) do not hash to what the manifest "
                        "names (the log was altered)")
    replaced = entry.get("files", {}).get("replaced", [])
    gone = {r["old"] for r in replaced}
    came = {r["new"] for r in replaced if r.get("new")} | {a["path"] for a in entry.get("files", {}).get("added", [])}
    if _paths(before) - _paths(after) != gone or _paths(after) - _paths(before) != came:
        problems.append(f"{where}: the files that changed since version {k - 1} are not the ones its erasure log "
                        "entry names")
    removed = entry.get("removed_count", 0)
    if _data_rows(before) - _data_rows(after) != removed:
        problems.append(f"{where}: published documents went from {_data_rows(before)} to {_data_rows(after)}, "
                        f"the erasure log entry removes {removed}")
    stage = next((s for s in after["stages"] if s["name"] == REMOVAL_STAGE), None)
    cumulative = sum(e.get("removed_count", 0) for e in entries[: k - 1])
    if stage is None or stage["rejected"] != cumulative:
        problems.append(f"{where}: the removal stage counts {stage['rejected'] if stage else 'nothing'}, the erasure "
                        f"log {cumulative} removed up to this version")
    return problems


def _check_old_signatures(run, versions: dict, raw: dict, public_key: str, current: int) -> list[str]:
    from eurocurate.pipeline.manifest import verify_signature

    problems = []
    for k in range(1, current):
        signature = run.read_bytes(history.version_manifest_path(k) + ".sig")
        if signature is None:
            problems.append(f"version {k} has no signature (versions/manifest-v{k}.json.sig): it cannot be tied to "
                            "the given key")
            continue
        why = verify_signature(raw[k], signature, public_key)
        if why:
            problems.append(f"version {k}: signature: {why}")
    return problems


def _check_nothing_erased_is_back(run, manifest: dict, entries: list[dict]) -> list[str]:
    erased_ids: dict[str, str] = {}
    erased_hashes: dict[str, str] = {}
    for entry in entries:
        for doc in entry.get("removed", []):
            erased_ids[doc["id"]] = entry["entry"]
            for key in ("text_sha256", "content_sha256"):
                if doc.get(key):
                    erased_hashes[doc[key]] = entry["entry"]
    if not erased_ids:
        return []
    found = []
    for shard in manifest["shards"]:
        table = run.parquet(shard["path"]).read(columns=["id", "text_sha256", "content_sha256"])
        for doc_id, text, content in zip(*(table[c].to_pylist() for c in ("id", "text_sha256", "content_sha256")),
                                         strict=True):
            entry = erased_ids.get(doc_id) or erased_hashes.get(text) or erased_hashes.get(content)
            if entry:
                found.append(f"{shard['path']}: document {doc_id} holds content removed by {entry}")
    if len(found) > 5:
        found = found[:5] + [f"and {len(found) - 5} more published documents with removed content"]
    return [f"removed content is back: {line}" for line in found]
