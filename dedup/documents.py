"""The documents the dedup stage reads: batches of id, text and, when the input has them, language and quality
score, from Parquet or JSONL files, streamed so that a file is never held whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from eurocurate.core import workspace

_DOC_COLUMNS = ("id", "text", "language", "quality_score")


@dataclass
class DocumentBatch:
    """Plain Python lists, because signing walks the texts one by one anyway: converting a batch to Arrow and
    back would hold every text twice."""

    ids: list
    texts: list[str | None]
    languages: list[str | None]
    quality: np.ndarray  # float32, 0 where the input has none
    columns: tuple[str, ...]  # the input's columns among id, text, language, quality_score

    def __len__(self) -> int:
        return len(self.texts)

    def to_table(self) -> pa.Table:
        values = {"id": self.ids, "text": self.texts, "language": self.languages,
                  "quality_score": self.quality.astype(np.float64)}
        return pa.table({name: values[name] for name in self.columns})


def read_document_batches(path: str, batch_rows: int) -> Iterator[DocumentBatch]:
    if path.endswith(".parquet"):
        yield from _parquet_batches(path, batch_rows)
    else:
        yield from _jsonl_batches(path, batch_rows)


def _parquet_batches(path: str, batch_rows: int) -> Iterator[DocumentBatch]:
    handle = workspace.parquet_file(path, list(_DOC_COLUMNS))
    columns = tuple(c for c in _DOC_COLUMNS if c in handle.schema_arrow.names)
    for batch in handle.iter_batches(batch_size=batch_rows, columns=list(columns)):
        rows = batch.num_rows
        quality = (batch.column("quality_score").to_numpy(zero_copy_only=False) if "quality_score" in columns
                   else np.zeros(rows))
        yield DocumentBatch(
            ids=batch.column("id").to_pylist(),
            texts=batch.column("text").to_pylist(),
            languages=batch.column("language").to_pylist() if "language" in columns else [None] * rows,
            quality=np.nan_to_num(quality.astype(np.float32)),
            columns=columns,
        )


def _jsonl_batches(path: str, batch_rows: int) -> Iterator[DocumentBatch]:
    """One JSON object per line; other fields are ignored. Ids are all strings or all integers in a file (they
    stay as they are), so the batches of one file share a schema."""
    id_type: type | None = None
    ids, texts, languages, quality = [], [], [], []
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except ValueError:
                raise ValueError(f"{path}:{number}: not valid JSON") from None
            doc_id = doc.get("id") if isinstance(doc, dict) else None
            id_type = id_type or type(doc_id)
            text = doc.get("text")
            if type(doc_id) is not id_type or id_type not in (str, int) or not isinstance(text, (str, type(None))):
                raise ValueError(f"{path}:{number}: each line needs an 'id' that is a string or an integer (the same "
                                 "type on every line) and a string 'text'")
            ids.append(doc_id)
            texts.append(text)
            language = doc.get("language")
            languages.append(language if isinstance(language, str) else None)
            score = doc.get("quality_score")
            quality.append(score if isinstance(score, (int, float)) and not isinstance(score, bool) else 0.0)
            if len(texts) == batch_rows:
                yield _jsonl_batch(ids, texts, languages, quality)
                ids, texts, languages, quality = [], [], [], []
    if texts:
        yield _jsonl_batch(ids, texts, languages, quality)


def _jsonl_batch(ids: list, texts: list, languages: list, quality: list) -> DocumentBatch:
    return DocumentBatch(ids, texts, languages, np.nan_to_num(np.array(quality, dtype=np.float32)), _DOC_COLUMNS)


def count_rows(path: str) -> int:
    if path.endswith(".parquet"):
        return workspace.num_rows(path)
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())
