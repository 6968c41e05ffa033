"""Read WET files (Common Crawl's extracted plain text: `conversion` records) into text documents."""

from __future__ import annotations

from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator

from eurocurate.pipeline.sources.warc import ReadReport, _base_doc, _read_up_to, _reject, open_or_report


def iter_wet_documents(path: str, source_uri: str, report: ReadReport, max_bytes: int) -> Iterator[dict]:
    stream = open_or_report(path, source_uri, report)
    if stream is None:
        return
    with stream:
        iterator = ArchiveIterator(stream, check_digests=False)
        offset = 0
        try:
            for record in iterator:
                offset = iterator.offset
                if record.rec_type != "conversion":
                    report.ignored_records[record.rec_type or "unknown"] += 1
                    continue
                doc = _base_doc(record, source_uri, offset, source_kind="wet")
                payload = _read_up_to(record.content_stream(), max_bytes + 1)
                if len(payload) > max_bytes:
                    yield _reject(doc, "too_large", f">{max_bytes} bytes")
                    continue
                text = payload.decode("utf-8", errors="replace")
                if text.count("\ufffd") > 0.02 * max(len(text), 1):
                    yield _reject(doc, "invalid_encoding", "utf-8")
                    continue
                doc["text"] = text
                yield doc
        except Exception as exc:  # noqa: BLE001 - as in the WARC reader: the file ends, counted
            report.file_errors.append(
                {"file": source_uri, "error": "unreadable_after_offset", "offset": offset, "detail": type(exc).__name__}
            )
