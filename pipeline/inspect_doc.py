"""`eurocurate inspect RUN_DIR QUERY`: one document's whole path through the pipeline, from its annotations.

QUERY is a document id or a prefix of one, a URL (matched after normalisation: scheme and host case, default
port, trailing slash, fragment), or a sha256 of a text (`text_sha256` as published or `content_sha256` before
scrubbing). Every read that matches is listed: a URL the crawl fetched twice gives two documents.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pyarrow.parquet as pq

from eurocurate.pipeline.registry import stage_columns
from eurocurate.pipeline.run_folder import load_manifest, reject_paths, shard_paths

SOURCE_FIELDS = ("source_family", "source_kind", "source_uri", "record_id", "record_offset", "url", "host",
                 "fetch_date", "license", "optout_status")


def normalise_url(url: str) -> str | None:
    """The form URLs are compared in: lower-case scheme and host, no default port, no fragment, no trailing
    slash on the path (an empty path is '/'); None for something that is not an absolute http(s)/ftp URL."""
    try:
        split = urlsplit(url.strip())
        port = split.port
    except ValueError:
        return None
    if not split.scheme or not split.hostname:
        return None
    scheme = split.scheme.lower()
    host = split.hostname.lower().rstrip(".")
    if port is not None and port != {"http": 80, "https": 443, "ftp": 21}.get(scheme):
        host = f"{host}:{port}"
    path = split.path.rstrip("/") or "/"
    return urlunsplit((scheme, host, path, split.query, ""))


def _query_kind(query: str) -> str:
    if "://" in query:
        return "url"
    if re.fullmatch(r"[0-9a-fA-F]{64}", query):
        return "sha256"
    return "id"


def find_rows(run_dir: Path, query: str) -> tuple[str, list[tuple[Path, int, dict, bool]]]:
    """How the query was read ('id', 'url' or 'sha256') and every (file, row, row dict, rejected) it matches,
    kept documents first."""
    kind = _query_kind(query)
    wanted = normalise_url(query) if kind == "url" else query.lower() if kind == "sha256" else query
    hits = []
    for rejected, paths in ((False, shard_paths(run_dir)), (True, reject_paths(run_dir))):
        for path in paths:
            names = set(pq.read_schema(path).names)
            columns = {"id": ["id"], "url": ["url"], "sha256": [c for c in ("text_sha256", "content_sha256")
                                                                 if c in names]}[kind]
            table = pq.read_table(path, columns=columns)
            if kind == "id":
                rows = [i for i, v in enumerate(table["id"].to_pylist()) if v is not None and v.startswith(wanted)]
            elif kind == "url":
                rows = [i for i, v in enumerate(table["url"].to_pylist()) if v and normalise_url(v) == wanted]
            else:
                rows = sorted({i for c in columns for i, v in enumerate(table[c].to_pylist()) if v == wanted})
            if rows:
                full = pq.read_table(path)
                hits += [(path, i, full.slice(i, 1).to_pylist()[0], rejected) for i in rows]
    return kind, hits


def _find(paths: list[Path], doc_id: str) -> tuple[Path, int, dict] | None:
    for path in paths:
        ids = pq.read_table(path, columns=["id"])["id"].to_pylist()
        if doc_id in ids:
            row_index = ids.index(doc_id)
            return path, row_index, pq.read_table(path).slice(row_index, 1).to_pylist()[0]
    return None


def _annotations(stage: str, row: dict) -> dict:
    """What `stage` recorded on the document: the columns it declares it fills (the registry's StageInfo; the read
    stage's lineage is the trace's `source`), and what a stage of your own recorded in `annotations`."""
    if stage == "read":
        return {}
    values = {column: row.get(column) for column in stage_columns(stage) if column != "text"}
    if stage == "pii":
        values["text_sha256"] = row.get("text_sha256")  # the published text's hash, fixed once pii is done
    for note in row.get("annotations") or []:
        if note["stage"] == stage:
            values[note["key"]] = note["value"]
    return {k: v for k, v in values.items() if v is not None}


def trace_document(run_dir: Path, doc_id: str) -> dict | None:
    """The trace of the document with exactly this id, or None."""
    run_dir = Path(run_dir)
    manifest = load_manifest(run_dir)
    for rejected, paths in ((False, shard_paths(run_dir)), (True, reject_paths(run_dir))):
        hit = _find(paths, doc_id)
        if hit is not None:
            return _trace(run_dir, manifest, *hit, rejected)
    return None


def inspect_query(run_dir: Path, query: str) -> dict:
    """{'query', 'matched_by', 'normalised_url' (URLs), 'matches': [trace, ...]}; no match gives an empty list
    and a 'not_found' sentence saying what was looked for."""
    run_dir = Path(run_dir)
    manifest = load_manifest(run_dir)
    kind, hits = find_rows(run_dir, query)
    result = {"query": query, "matched_by": {"id": "document id (or its prefix)", "url": "normalised URL",
                                             "sha256": "text_sha256 or content_sha256"}[kind]}
    if kind == "url":
        result["normalised_url"] = normalise_url(query)
    result["matches"] = [_trace(run_dir, manifest, path, row_index, row, rejected)
                         for path, row_index, row, rejected in hits]
    result["removals"] = _removals(run_dir, kind, query, hits)
    if not hits and result["removals"]:
        result["not_found"] = (f"no row of run {manifest['run_id']} carries this {kind} any more: removed content "
                               "keeps only ids and hashes (the erasure log's record is above)")
    elif not hits:
        result["not_found"] = _not_found(run_dir, kind, query, manifest)
    return result


def _removals(run_dir: Path, kind: str, query: str, hits: list) -> list[dict]:
    """What the erasure log says about the query: when, why and in which version it was removed."""
    from eurocurate.pipeline.removal.history import removals_of, url_sha256

    if kind == "url":
        wanted = normalise_url(query)
        return removals_of(run_dir, url_hash=url_sha256(wanted)) if wanted else []
    if kind == "sha256":
        return removals_of(run_dir, content_hash=query.lower())
    found = removals_of(run_dir, doc_id=query)
    return found or [r for row_id in {row["id"] for _, _, row, _ in hits} for r in removals_of(run_dir, doc_id=row_id)]


def _not_found(run_dir: Path, kind: str, query: str, manifest: dict) -> str:
    if kind == "url":
        wanted = normalise_url(query)
        if wanted is None:
            return f"{query[:200]} is not an absolute URL"
        ignored = manifest.get("input_problems", {}).get("ignored_records_by_type", {})
        skipped = sum(ignored.values())
        other = wanted.replace("https://", "http://", 1) if wanted.startswith("https://") else \
            wanted.replace("http://", "https://", 1)
        _, other_hits = find_rows(run_dir, other) if other != wanted else ("url", [])
        line = (f"never read in run {manifest['run_id']}: no kept or rejected document has the URL {wanted} "
                f"(each document the run read is one or the other)")
        if other_hits:
            line += f"; {len(other_hits)} document(s) have {other} (the other scheme): ask for that URL"
        if skipped:
            line += (f"; the readers skipped {skipped} input record(s) that are not documents (by type: "
                     + ", ".join(f"{k} {v}" for k, v in sorted(ignored.items())) + "), which carry no URL here")
        return line
    what = "document id starting with" if kind == "id" else "text or content sha256"
    return f"no kept or rejected document in run {manifest['run_id']} with {what} {query[:200]}"


def _trace(run_dir: Path, manifest: dict, path: Path, row_index: int, row: dict, rejected: bool) -> dict:
    stage_names = [s["name"] for s in manifest["stages"]]
    doc_id = row["id"]
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



def format_removal(removal: dict) -> str:
    why = {"matched": "named by the request", "same_cluster": f"in the dedup cluster of {removal.get('copy_of')}",
           "same_text": f"same text as {removal.get('copy_of')}",
           "near_copy": f"near copy of {removal.get('copy_of')}"}.get(removal["why"], removal["why"])
    line = (f"removed: document {removal['id']} in version {removal['version']} at {removal['time']} "
            f"(erasure log entry {removal['entry']}, category {removal['category']}; {why})")
    return line + (f"; evidence: {removal['evidence']}" if removal.get("evidence") else "")


def format_result(result: dict) -> str:
    matches = result["matches"]
    removals = [format_removal(r) for r in result.get("removals", [])]
    if not matches:
        return "\n".join([*removals, result["not_found"]]) if removals else result["not_found"]
    if removals:
        return "\n\n".join([format_result({**result, "removals": []}), "\n".join(removals)])
    head = f"{len(matches)} document(s) match {result['matched_by']} {result.get('normalised_url') or result['query']}"
    return "\n\n".join([head, *(format_trace(t) for t in matches)]) if len(matches) > 1 else format_trace(matches[0])
