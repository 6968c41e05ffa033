"""Which rows of a run a removal request reaches: the documents it names, and the copies of their content.

Copies, for a kept document that is removed: the members of its dedup cluster (exact and near duplicates that
dedup already rejected: their reject rows are redacted), kept documents with the same text or content sha256,
and kept documents of other clusters whose estimated Jaccard similarity to removed content (a removed kept
document, or a member of its cluster that dedup rejected: the index keeps their signatures too) is at least
the run's `dedup.min_similarity` (syndicated copies under other URLs). Near copies are looked up with the run's dedup
index (its MinHash signatures, cut into more and shorter LSH bands than dedup uses); without one, the kept
documents are signed again. They are
searched across languages: an erasure covers every copy, whatever language bucket it landed in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from eurocurate.dedup.config import DedupConfig
from eurocurate.dedup.index import duplicate_parts, index_parts
from eurocurate.dedup.layout import signatures_of
from eurocurate.dedup.minhash import Signer, band_hashes, estimated_jaccard
from eurocurate.pipeline.inspect_doc import normalise_url
from eurocurate.pipeline.removal.selectors import Selector

SCAN_COLUMNS = ("id", "url", "host", "language", "text_sha256", "content_sha256", "dup_cluster_id")
REJECT_COLUMNS = ("stage", "reason", "duplicate_of")
REMOVAL_STAGE = "removal"
_SIGN_BATCH = 2_000
INDEX_DIR = "work/dedup/index"


@dataclass
class RunRows:
    """The identifying columns of every row of a run, data and rejects, with where each row lives."""

    table: pa.Table  # SCAN_COLUMNS + stage, reason, duplicate_of (null for kept) + file, row, kept

    @classmethod
    def scan(cls, run_dir: Path, data_files: list[str], reject_files: list[str]) -> RunRows:
        parts = []
        for kept, files in ((True, data_files), (False, reject_files)):
            for rel in files:
                columns = list(SCAN_COLUMNS) + ([] if kept else list(REJECT_COLUMNS))
                table = pq.read_table(run_dir / rel, columns=columns)
                n = table.num_rows
                if kept:
                    for name in REJECT_COLUMNS:
                        table = table.append_column(name, pa.nulls(n, pa.string()))
                table = table.append_column("file", pa.array([rel] * n, pa.string()))
                table = table.append_column("row", pa.array(np.arange(n, dtype=np.int64)))
                table = table.append_column("kept", pa.array(np.full(n, kept)))
                parts.append(table)
        if not parts:
            schema = pa.schema([(c, pa.string()) for c in (*SCAN_COLUMNS, *REJECT_COLUMNS, "file")]
                               + [("row", pa.int64()), ("kept", pa.bool_())])
            return cls(schema.empty_table())
        return cls(pa.concat_tables(parts, promote_options="permissive"))

    def column(self, name: str) -> list:
        return self.table.column(name).to_pylist()


@dataclass
class Removal:
    """Why one kept document goes: matched by a selector, or a copy of one that did."""

    id: str
    why: str  # matched | same_cluster | same_text | near_copy
    copy_of: str | None = None
    similarity: float | None = None
    selectors: list[int] = field(default_factory=list)


@dataclass
class Plan:
    removed: dict[int, Removal]  # RunRows index of a kept row -> why it goes
    redacted: dict[int, str]  # RunRows index of a reject row -> id of the removed content it holds
    matched_per_selector: list[int]
    already_removed: int  # selector hits on rows an earlier removal left as stubs
    near_search: str  # how near copies were looked for (or why not)


def _host(url: str) -> str:
    try:
        return (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def _positions(values: list) -> dict:
    found: dict = defaultdict(list)
    for i, value in enumerate(values):
        if value:
            found[value].append(i)
    return found


def match_selectors(rows: RunRows, selectors: list[Selector]) -> tuple[dict[int, list[int]], list[int], int]:
    """RunRows index -> the selectors that name it; per selector its number of rows; hits on removal stubs."""
    hits: dict[int, list[int]] = defaultdict(list)
    counts = [0] * len(selectors)
    stages = rows.column("stage")
    maps: dict[str, dict] = {}

    def lookup(kind: str) -> dict:  # value -> row positions, built once per kind the request uses
        if kind not in maps:
            if kind == "url":  # only rows on a host some URL selector names are normalised
                wanted_hosts = {_host(s.value) for s in selectors if s.kind == "url"}
                maps[kind] = _positions([normalise_url(u) if u and (h or "").lower().rstrip(".") in wanted_hosts
                                         else None for u, h in zip(rows.column("url"), rows.column("host"),
                                                                   strict=True)])
            elif kind == "sha256":
                both = _positions(rows.column("text_sha256"))
                for value, found in _positions(rows.column("content_sha256")).items():
                    both[value] = sorted({*both.get(value, []), *found})
                maps[kind] = both
            else:
                maps[kind] = _positions(rows.column(kind))
        return maps[kind]

    stubs = 0
    for number, selector in enumerate(selectors):
        if selector.kind == "domain":
            found = [i for host, at in lookup("host").items() if selector.matches_host(host) for i in at]
        elif selector.kind == "url":
            found = lookup("url").get(normalise_url(selector.value), [])
        else:
            found = lookup(selector.kind).get(selector.value, [])
        live = [i for i in found if stages[i] != REMOVAL_STAGE]
        stubs += len(found) - len(live)
        counts[number] = len(live)
        for i in live:
            hits[i].append(number)
    return hits, counts, stubs


def plan_removal(run_dir: Path, rows: RunRows, selectors: list[Selector], dedup: DedupConfig,
                 copies: bool = True) -> Plan:
    hits, counts, stubs = match_selectors(rows, selectors)
    kept = rows.column("kept")
    ids = rows.column("id")
    removed = {i: Removal(ids[i], "matched", selectors=s) for i, s in hits.items() if kept[i]}
    redacted = {i: ids[i] for i in hits if not kept[i]}
    near_search = "not searched: copies were not asked for"
    if copies:
        _add_copies(rows, hits, removed, redacted)
        _add_cluster_rejects(rows, removed, redacted)
        near_search = _add_near_copies(run_dir, rows, removed, redacted, dedup)
        _add_cluster_rejects(rows, removed, redacted)
    return Plan(removed, redacted, counts, stubs, near_search)


def _add_copies(rows: RunRows, hits: dict[int, list[int]], removed: dict[int, Removal],
                redacted: dict[int, str]) -> None:
    """Kept documents of a matched row's dedup cluster and kept documents with a matched row's text or content."""
    ids, kept, clusters = rows.column("id"), rows.column("kept"), rows.column("dup_cluster_id")
    duplicate_of, texts, contents = rows.column("duplicate_of"), rows.column("text_sha256"), rows.column("content_sha256")
    cluster_of_hit: dict[str, str] = {}
    hash_of_hit: dict[str, str] = {}
    for i in hits:
        for cluster in (clusters[i], duplicate_of[i]):
            if cluster:
                cluster_of_hit.setdefault(cluster, ids[i])
        for digest in (texts[i], contents[i]):
            if digest:
                hash_of_hit.setdefault(digest, ids[i])
    for i in range(len(ids)):
        if not kept[i] or i in removed:
            continue
        if clusters[i] in cluster_of_hit:
            removed[i] = Removal(ids[i], "same_cluster", copy_of=cluster_of_hit[clusters[i]])
        elif texts[i] in hash_of_hit or contents[i] in hash_of_hit:
            source = hash_of_hit.get(texts[i]) or hash_of_hit.get(contents[i])
            removed[i] = Removal(ids[i], "same_text", copy_of=source)


def _add_cluster_rejects(rows: RunRows, removed: dict[int, Removal], redacted: dict[int, str]) -> None:
    """Dedup reject rows of a removed document's cluster hold the same content: they are redacted."""
    clusters, stages = rows.column("dup_cluster_id"), rows.column("stage")
    gone = {clusters[i]: r.id for i, r in removed.items() if clusters[i]}
    for i, stage in enumerate(stages):
        if stage == "dedup" and clusters[i] in gone and i not in redacted:
            redacted[i] = gone[clusters[i]]


def _seed_signatures(run_dir: Path, rows: RunRows, seeds: list[int], signer: Signer) -> np.ndarray:
    files, positions = rows.column("file"), rows.column("row")
    by_file: dict[str, list[int]] = defaultdict(list)
    for i in seeds:
        by_file[files[i]].append(i)
    texts: dict[int, tuple[str, str | None]] = {}
    for rel, members in by_file.items():
        table = pq.read_table(run_dir / rel, columns=["text", "language"])
        take = table.take(pa.array([positions[i] for i in members]))
        for i, text, language in zip(members, take["text"].to_pylist(), take["language"].to_pylist(), strict=True):
            texts[i] = (text or "", language)
    return signer.sign([texts[i][0] for i in seeds], [texts[i][1] for i in seeds])[1]


def _candidate_signatures(run_dir: Path, rows: RunRows, dedup: DedupConfig, signer: Signer):
    """(ids, signatures) of every kept document: from the run's dedup index when it has one, else signed anew."""
    permutations = dedup.bands * dedup.rows
    parts = index_parts(run_dir / INDEX_DIR, dedup) if dedup.enabled else None
    if parts is not None:
        for path in parts:
            for batch in pq.ParquetFile(path).iter_batches(columns=["id", "minhash"], batch_size=50_000):
                yield batch.column("id").to_pylist(), signatures_of(batch.column("minhash"), permutations)
        return
    kept_files = sorted({f for f, k in zip(rows.column("file"), rows.column("kept"), strict=True) if k})
    for rel in kept_files:
        for batch in pq.ParquetFile(run_dir / rel).iter_batches(columns=["id", "text", "language"],
                                                                 batch_size=_SIGN_BATCH):
            texts = [t or "" for t in batch.column("text").to_pylist()]
            yield batch.column("id").to_pylist(), signer.sign(texts, batch.column("language").to_pylist())[1]


def search_banding(dedup: DedupConfig) -> DedupConfig:
    """The same signatures cut into more, shorter bands than dedup's: with few removed documents to compare
    against, candidates stay cheap to check, and a copy dedup's bands could miss is still found (a pair at
    Jaccard 0.7 shares none of 28 bands of 4 rows with probability 0.0005, none of 14 bands of 8 rows with
    probability 0.44; at 0.8: 4e-7 against 0.08). The estimated Jaccard over all values decides either way."""
    permutations = dedup.bands * dedup.rows
    rows = next((r for r in (4, 3, 2) if r <= dedup.rows and permutations % r == 0), dedup.rows)
    return dedup.model_copy(update={"bands": permutations // rows, "rows": rows})


def _duplicate_signatures(run_dir: Path, wanted: set[str], dedup: DedupConfig) -> tuple[list[str], np.ndarray]:
    """Signatures of documents dedup rejected, from the index's duplicates parts."""
    ids: list[str] = []
    found: list[np.ndarray] = []
    permutations = dedup.bands * dedup.rows
    if not wanted or index_parts(run_dir / INDEX_DIR, dedup) is None:
        return ids, np.empty((0, permutations), dtype=np.uint64)
    for path in duplicate_parts(run_dir / INDEX_DIR):
        table = pq.read_table(path, columns=["id", "minhash"])
        keep = pc.is_in(table.column("id"), value_set=pa.array(sorted(wanted), pa.string()))
        table = table.filter(keep)
        if table.num_rows:
            ids += table.column("id").to_pylist()
            found.append(signatures_of(table.column("minhash"), permutations).copy())
    return ids, (np.concatenate(found) if found else np.empty((0, permutations), dtype=np.uint64))


def _add_near_copies(run_dir: Path, rows: RunRows, removed: dict[int, Removal], redacted: dict[int, str],
                     dedup: DedupConfig) -> str:
    """Kept documents sharing a search band with removed content (a removed kept document, or a member of a
    removed cluster that dedup rejected) and estimated Jaccard >= dedup.min_similarity."""
    if not removed and not redacted:
        return "nothing removed: nothing to compare"
    signer = Signer(dedup)
    banding = search_banding(dedup)
    ids_all, stages = rows.column("id"), rows.column("stage")
    kept_seeds = sorted(removed)
    seed_ids = [removed[i].id for i in kept_seeds]
    seed_signatures = _seed_signatures(run_dir, rows, kept_seeds, signer) if kept_seeds else \
        np.empty((0, dedup.bands * dedup.rows), dtype=np.uint64)
    rejected_ids, rejected_signatures = _duplicate_signatures(
        run_dir, {ids_all[i] for i in redacted if stages[i] == "dedup"}, dedup)
    seed_ids += rejected_ids
    seed_signatures = np.concatenate([seed_signatures, rejected_signatures])
    seed_bands = band_hashes(seed_signatures, banding)
    by_band = [defaultdict(list) for _ in range(banding.bands)]
    for s, bands in enumerate(seed_bands):
        for b, value in enumerate(bands):
            by_band[b][int(value)].append(s)
    band_sets = [np.fromiter(d.keys(), dtype=np.uint64, count=len(d)) for d in by_band]
    row_of_id = {doc_id: i for i, (doc_id, kept) in enumerate(zip(rows.column("id"), rows.column("kept"), strict=True))
                 if kept}
    removed_ids = {r.id for r in removed.values()}
    found: dict[int, Removal] = {}
    searched = 0
    for ids, signatures in _candidate_signatures(run_dir, rows, dedup, signer):
        searched += len(ids)
        bands = band_hashes(signatures, banding)
        hit = np.zeros(len(ids), dtype=bool)
        for b in range(banding.bands):
            hit |= np.isin(bands[:, b], band_sets[b])
        for j in np.flatnonzero(hit):
            doc_id = ids[j]
            if doc_id in removed_ids or doc_id not in row_of_id:
                continue
            sharing = {s for b in range(banding.bands) for s in by_band[b].get(int(bands[j, b]), ())}
            best_seed, best = max(((s, float(estimated_jaccard(signatures[j], seed_signatures[s]))) for s in sharing),
                                  key=lambda pair: pair[1])
            if best >= dedup.min_similarity:
                found[row_of_id[doc_id]] = Removal(doc_id, "near_copy", copy_of=seed_ids[best_seed],
                                                   similarity=round(best, 3))
    removed.update({i: r for i, r in found.items() if i not in removed})
    source = "the run's dedup index" if (dedup.enabled and index_parts(run_dir / INDEX_DIR, dedup) is not None) \
        else "signatures computed from the kept text"
    return (f"{searched} kept documents compared through {source} (LSH bands {banding.bands}x{banding.rows}, estimated "
            f"Jaccard >= {dedup.min_similarity}, across languages): {len(found)} near copies")
