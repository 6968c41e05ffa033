"""Read HTML files (.html, .htm, .xhtml; gzipped or not) as one web document each."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator

from eurocurate.pipeline.sources.warc import ReadReport, _read_up_to, make_doc_id, open_or_report

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz")


def _read_maybe_gzipped(stream, limit: int) -> bytes:
    head = stream.read(2)
    if head != b"\x1f\x8b":
        return head + _read_up_to(stream, limit - len(head))
    stream.seek(0)
    with gzip.GzipFile(fileobj=stream) as unzipped:
        return _read_up_to(unzipped, limit)


def iter_html_file(path: str, source_uri: str, report: ReadReport, max_bytes: int) -> Iterator[dict]:
    stream = open_or_report(path, source_uri, report)
    if stream is None:
        return
    doc = {"id": make_doc_id(source_uri, None, 0), "url": "", "host": "", "fetch_date": None,
           "source_family": "web", "source_kind": "html", "source_uri": source_uri, "record_id": None,
           "record_offset": 0, "optout_status": "not_checked", "content_type": "text/html"}
    try:
        with stream:
            body = _read_maybe_gzipped(stream, max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        report.file_errors.append({"file": source_uri, "error": "unreadable", "detail": type(exc).__name__})
        return
    if len(body) > max_bytes:
        doc["_reject"] = ("too_large", f">{max_bytes} bytes")
    else:
        doc["html"] = body
    yield doc
