"""The report's language-ID section: what can be measured without gold labels.

A run has no gold labels, but it can say how far its labels stray from the model's own: for each kept document
lid.176's top label is computed again (the same model file the run used, on the text the stage saw: the first
10,000 characters, whitespace flattened) and set beside the label the stage published. The section counts

- per published label: its documents, how many of them lid.176 itself put under another label (moved in), and
  from which labels;
- per lid.176 label: how many of its documents the re-weighing moved away, and to which labels;
- the share of documents with a non-EU lid.176 label that were published under an EU official language: the
  run's own measure of the false-EU direction (no gold labels: a move may be a correction as well).

lid.176's `sh` (Serbo-Croatian) stands for hr, bs and sr: a document it calls `sh` and the stage calls hr, bs or sr
counts as not moved. The stage's answer is its top label (`language_top`), also for documents routed to `und`.
Kept documents only (rejected ones keep no text by default), at most MAX_DOCUMENTS of them, in shard order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pyarrow.parquet as pq

from eurocurate.pipeline.run_folder import load_manifest, shard_paths

MAX_DOCUMENTS = 50_000  # lid.176 runs again on each: about 10 s per 50k web documents on one core
TOP_MOVES = 12

EU_OFFICIAL = frozenset("bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv".split())

WHAT_IT_COUNTS = (
    "Kept documents whose published label differs from lid.176's own top label on the same text (lid.176 run again "
    "on up to {limit:,} kept documents; no gold labels, so a move may be a correction or an error). 'non-EU to EU' "
    "is the share of documents lid.176 labels with a language that is not an EU official language that were "
    "published under one."
)


class LabelCache:
    """lid.176's label per text_sha256, kept in the run's work folder (work/report/lid176-<model hash>.parquet) so
    that a report made again (after `eurocurate remove`, or asked for twice) predicts only texts it has not seen.
    A run folder that cannot be written to is simply not cached."""

    def __init__(self, run_dir: Path, model_sha256: str):
        self.path = Path(run_dir) / "work" / "report" / f"lid176-{model_sha256[:16]}.parquet"
        self.labels: dict[str, str] = {}
        self.new = 0
        if self.path.is_file():
            table = pq.read_table(self.path)
            self.labels = dict(zip(table["text_sha256"].to_pylist(), table["label"].to_pylist(), strict=True))

    def get(self, digest: str | None) -> str | None:
        return self.labels.get(digest) if digest else None

    def put(self, digest: str | None, label: str) -> str:
        if digest:
            self.labels[digest] = label
            self.new += 1
        return label

    def save(self) -> None:
        if not self.new:
            return
        import pyarrow as pa

        from eurocurate.core.parquet_io import write_table_atomic

        try:
            write_table_atomic(pa.table({"text_sha256": list(self.labels), "label": list(self.labels.values())}),
                               self.path)
        except OSError:
            pass


def _model_file(manifest: dict) -> dict | None:
    return next((m for m in manifest.get("models", []) if m.get("stage") == "langid"), None)


def langid_section(run_dir: Path, manifest: dict | None = None, limit: int = MAX_DOCUMENTS) -> dict:
    """The section's numbers (see the module's doc); {"available": False, "why": ...} where they cannot be had."""
    from eurocurate.filters.langid.identifier import flatten, members_of, undo_mojibake
    from eurocurate.filters.langid.stage import file_sha256, lid176_path, load_fasttext_model

    manifest = manifest if manifest is not None else load_manifest(run_dir)
    used = _model_file(manifest)
    if used is None:
        return {"available": False, "why": "the run did not use the language-ID stage"}
    path = lid176_path()
    if used.get("sha256") != file_sha256(str(path)):
        return {"available": False, "why": "the run used another language-ID model than the lid.176 installed here"}
    predict = load_fasttext_model(str(path)).f.predict
    cache = LabelCache(run_dir, used["sha256"])

    by_label: dict[str, dict] = defaultdict(lambda: {"documents": 0, "moved_in": 0, "from": Counter()})
    by_model: dict[str, dict] = defaultdict(lambda: {"documents": 0, "moved_away": 0, "to": Counter()})
    moves: Counter = Counter()
    checked = kept = non_eu = non_eu_to_eu = 0
    for shard in shard_paths(run_dir):
        if checked >= limit:  # past the limit only the rows are counted, from the file's footer
            kept += pq.ParquetFile(shard).metadata.num_rows
            continue
        hashed = "text_sha256" in pq.read_schema(shard).names  # shards written outside a run may lack it
        table = pq.read_table(shard, columns=["language", "language_top", *(["text_sha256"] if hashed else [])])
        digests = table["text_sha256"].to_pylist() if hashed else [None] * table.num_rows
        # the texts are read only when some are not in the cache (a report made again reads none)
        texts = (pq.read_table(shard, columns=["text"])["text"].to_pylist()
                 if any(cache.get(d) is None for d in digests) else [None] * len(digests))
        kept += table.num_rows
        for language, top, text, digest in zip(table["language"].to_pylist(), table["language_top"].to_pylist(),
                                               texts, digests):
            if checked >= limit:
                break
            model_label = cache.get(digest)
            if model_label is None:
                flat = undo_mojibake(flatten(text or ""))
                if not flat:
                    continue
                model_label = cache.put(digest, predict(flat + "\n", 1, 0.0, "strict")[0][1])
            checked += 1
            label = top[0]["lang"] if top else language
            members = members_of(model_label)
            model_code = members[0] if len(members) == 1 else model_label.removeprefix("__label__")
            by_label[label]["documents"] += 1
            by_model[model_code]["documents"] += 1
            if not any(code in EU_OFFICIAL for code in members):
                non_eu += 1
                non_eu_to_eu += label in EU_OFFICIAL
            if label in members:
                continue
            by_label[label]["moved_in"] += 1
            by_label[label]["from"][model_code] += 1
            by_model[model_code]["moved_away"] += 1
            by_model[model_code]["to"][label] += 1
            moves[(model_code, label)] += 1

    cache.save()

    def ordered(entries: dict) -> dict:
        return {key: {k: dict(v.most_common()) if isinstance(v, Counter) else v for k, v in entry.items()}
                for key, entry in sorted(entries.items(), key=lambda kv: (-kv[1]["documents"], kv[0]))}

    moved = sum(moves.values())
    return {
        "available": True,
        "what_it_counts": WHAT_IT_COUNTS.format(limit=limit),
        "model": used.get("name", "lid.176"),
        "documents_kept": kept,
        "documents_checked": checked,
        "moved": moved,
        "moved_share": round(moved / checked, 4) if checked else 0.0,
        "non_eu_model_label": non_eu,
        "non_eu_to_eu": non_eu_to_eu,
        "non_eu_to_eu_share": round(non_eu_to_eu / non_eu, 4) if non_eu else 0.0,
        "by_label": ordered(by_label),
        "by_model_label": ordered(by_model),
        "top_moves": [[source, target, n] for (source, target), n in moves.most_common(TOP_MOVES)],
    }
