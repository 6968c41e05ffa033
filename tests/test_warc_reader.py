"""The WARC/ARC reader: every malformed file gives a counted outcome, never a crash or a hang."""

from __future__ import annotations

import gzip
import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.sources.warc import ReadReport, iter_warc_documents


def _read(path):
    report = ReadReport()
    docs = list(iter_warc_documents(str(path), str(path), report, 5_000_000))
    return docs, report


def _warc(tmp_path, records: list[tuple[str, str, bytes]], name="t.warc.gz") -> object:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, status, body in records:
        headers = StatusAndHeaders(status, [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


def test_every_edge_case_file_gives_a_counted_outcome(shared_eval):
    files = sorted((shared_eval / "warc" / "edge-cases").iterdir())
    assert files
    for path in files:
        docs, report = _read(path)
        outcomes = len(docs) + sum(report.ignored_records.values()) + len(report.file_errors)
        assert outcomes > 0, path.name
        for doc in docs:
            assert "_reject" in doc or isinstance(doc["html"], bytes)


def test_real_crawl_excerpts_yield_html_documents_with_lineage(shared_eval):
    docs, report = _read(shared_eval / "warc" / "cc-2020-34-excerpt.warc.gz")
    good = [d for d in docs if "_reject" not in d]
    assert len(good) == 16 and not report.file_errors
    assert report.ignored_records["request"] == 17
    assert all(d["url"].startswith("http") and d["record_id"] and d["fetch_date"] for d in good)
    assert len({d["id"] for d in good}) == 16
    offsets = [d["record_offset"] for d in good]
    assert offsets == sorted(offsets) and len(set(offsets)) == 16


def test_status_and_content_type_decide_what_is_used(tmp_path):
    path = _warc(tmp_path, [("http://a.example/", "200 OK", b"<p>hi</p>"),
                            ("http://a.example/gone", "404 Not Found", b"<p>no</p>")])
    docs, _ = _read(path)
    assert "_reject" not in docs[0] and docs[0]["html"] == b"<p>hi</p>"
    assert docs[1]["_reject"] == ("http_status", "404")


def test_corrupt_gzip_tail_is_a_counted_file_error_after_the_good_records(tmp_path):
    path = _warc(tmp_path, [("http://a.example/", "200 OK", b"<p>hi</p>")])
    path.write_bytes(path.read_bytes() + gzip.compress(b"WARC/1.0\r\n")[:12] + b"\x00garbage")
    docs, report = _read(path)
    assert len(docs) == 1 and "_reject" not in docs[0]
    assert report.file_errors and report.file_errors[0]["error"] == "unreadable_after_offset"


def test_truncated_record_is_rejected(tmp_path):
    path = _warc(tmp_path, [("http://a.example/", "200 OK", b"<p>" + b"x" * 5000 + b"</p>")])
    raw = gzip.decompress(path.read_bytes())
    path.write_bytes(gzip.compress(raw[: len(raw) // 2]))
    docs, _ = _read(path)
    assert docs[0]["_reject"][0] == "truncated_record"


def test_oversized_payload_is_rejected_not_loaded(tmp_path):
    path = _warc(tmp_path, [("http://a.example/", "200 OK", b"a" * 10_000)])
    report = ReadReport()
    (doc,) = list(iter_warc_documents(str(path), str(path), report, max_bytes=1000))
    assert doc["_reject"][0] == "too_large" and "html" not in doc


def test_missing_file_is_a_file_error(tmp_path):
    docs, report = _read(tmp_path / "absent.warc.gz")
    assert docs == [] and report.file_errors[0]["error"] == "cannot_open"


@pytest.mark.parametrize("name", ["example.arc", "example.arc.gz"])
def test_arc_files_are_read(shared_eval, name):
    docs, _ = _read(shared_eval / "warc" / "edge-cases" / name)
    assert [d for d in docs if "_reject" not in d]
