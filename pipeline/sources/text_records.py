"""Read JSONL (optionally gzipped) and Parquet files whose records carry text already (one document per record).

A record without usable text is a rejected document (`missing_text`), a line that is not JSON one rejected as
`malformed_record`; neither stops the file.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import pyarrow.parquet as pq

from eurocurate.pipeline.sources.warc import ReadReport, make_doc_id, open_or_report

PARQUET_BATCH_ROWS = 1000


def _doc(source_uri: str, kind: str, index: int, record: dict, text_field: str, id_field: str | None,
         url_field: str | None) -> dict:
    record_id = record.get(id_field) if id_field else None
    url = record.get(url_field) if url_field else None
    url = url if isinstance(url, str) else ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    doc = {"id": make_doc_id(source_uri, None if record_id is None else str(record_id), index), "url": url,
           "host": host, "fetch_date": None, "source_family": "web", "source_kind": kind, "source_uri": source_uri,
           "record_id": None if record_id is None else str(record_id), "record_offset": index,
           "optout_status": "not_checked"}
    text = record.get(text_field)
    if not isinstance(text, str):
        doc["_reject"] = ("missing_text", text_field)
    else:
        doc["text"] = text
    return doc


def iter_jsonl_records(path: str, source_uri: str, report: ReadReport, text_field: str,
                       id_field: str | None = None, url_field: str | None = None) -> Iterator[dict]:
    stream = open_or_report(path, source_uri, report)
    if stream is None:
        return
    with stream:
        if stream.read(2) == b"\x1f\x8b":
            stream.seek(0)
            stream = gzip.GzipFile(fileobj=stream)
        else:
            stream.seek(0)
        index = -1
        try:
            for index, line in enumerate(stream):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError:
                    record = None
                if not isinstance(record, dict):
                    yield {"id": make_doc_id(source_uri, None, index), "source_family": "web", "source_kind": "jsonl",
                           "source_uri": source_uri, "record_offset": index, "optout_status": "not_checked",
                           "_reject": ("malformed_record", f"line {index + 1}")}
                    continue
                yield _doc(source_uri, "jsonl", index, record, text_field, id_field, url_field)
        except Exception as exc:  # noqa: BLE001 - e.g. a truncated gzip stream: the file ends, counted
            report.file_errors.append({"file": source_uri, "error": "unreadable_after_offset", "offset": index + 1,
                                       "detail": type(exc).__name__})


def iter_parquet_records(path: str, source_uri: str, report: ReadReport, text_field: str,
                         id_field: str | None = None, url_field: str | None = None) -> Iterator[dict]:
    stream = open_or_report(path, source_uri, report)
    if stream is None:
        return
    index = 0
    with stream:
        try:
            parquet = pq.ParquetFile(stream)
            names = set(parquet.schema_arrow.names)
            if text_field not in names:
                report.file_errors.append({"file": source_uri, "error": "missing_text_column", "detail": text_field})
                return
            columns = [c for c in (text_field, id_field, url_field) if c and c in names]
            for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
                for record in batch.to_pylist():
                    yield _doc(source_uri, "parquet", index, record, text_field, id_field, url_field)
                    index += 1
        except Exception as exc:  # noqa: BLE001 - not Parquet, or a damaged row group: the file ends, counted
            report.file_errors.append({"file": source_uri, "error": "unreadable_after_offset", "offset": index,
                                       "detail": type(exc).__name__})
