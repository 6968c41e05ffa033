"""The WARC/ARC reader: every malformed file gives a counted outcome, never a crash or a hang."""

from __future__ import annotations

import gzip
import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eurocurate.pipeline.sources.warc import ReadReport, iter_warc_documents


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


# Each edge-case file of ../shared/eval/warc/edge-cases: (documents read, rejected records by reason, file errors).
EDGE_CASE_OUTCOMES = {
    "bad.arc": (0, {"not_html": 3}, []),
    "example-bad-non-chunked.warc.gz": (0, {}, ["unreadable_after_offset"]),
    "example-bad.warc.gz.bad": (0, {}, ["unreadable_after_offset"]),
    "example-digest.warc": (0, {}, []),
    "example-iana.org-chunked.warc": (1, {}, []),
    "example-resource.warc.gz": (1, {}, []),
    "example-space-in-target-uri.warc.gz": (0, {"not_html": 1}, []),
    "example-space-in-url.arc": (0, {"truncated_record": 1}, ["truncated_file"]),
    "example-trunc.warc": (1, {}, []),
    "example-wget-bad-target-uri.warc.gz": (3, {}, []),
    "example-wrong-chunks.warc.gz": (0, {"truncated_record": 1}, ["unreadable_after_offset"]),
    "example.arc": (1, {}, []),
    "example.arc.gz": (1, {}, []),
    "example.warc": (1, {}, []),
    "example.warc.gz": (1, {}, []),
    "post-test.warc.gz": (0, {"not_html": 3}, []),
}


@pytest.mark.parametrize("name", sorted(EDGE_CASE_OUTCOMES))
def test_each_edge_case_file_has_its_expected_outcome(shared_eval, name):
    path = shared_eval / "warc" / "edge-cases" / name
    if not path.exists():
        pytest.skip(f"{name} is not in this copy of the evaluation data")
    docs, report = _read(path)
    read = [d for d in docs if "_reject" not in d]
    rejected: dict[str, int] = {}
    for doc in docs:
        if "_reject" in doc:
            rejected[doc["_reject"][0]] = rejected.get(doc["_reject"][0], 0) + 1
    assert (len(read), rejected, [e["error"] for e in report.file_errors]) == EDGE_CASE_OUTCOMES[name]
    assert all(d["id"] and d["source_uri"] == str(path) and d["record_offset"] >= 0 for d in docs)


def test_repeated_http_headers_are_all_kept_and_robots_txt_is_not_a_document(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    robots = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("http://a.example/robots.txt", "response",
                                                  payload=io.BytesIO(b"User-agent: *\nDisallow: /x\n"),
                                                  http_headers=robots))
    page = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("X-Robots-Tag", "noarchive"),
                                       ("X-Robots-Tag", "noai")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("http://a.example/x/1", "response",
                                                  payload=io.BytesIO(b"<p>hi</p>"), http_headers=page))
    path = tmp_path / "r.warc.gz"
    path.write_bytes(buffer.getvalue())
    (doc,), report = _read(path)
    assert [v for k, v in doc["http_headers"] if k == "X-Robots-Tag"] == ["noarchive", "noai"]
    assert doc["_robots_txt"] == b"User-agent: *\nDisallow: /x\n" and report.ignored_records["robots_txt"] == 1


def _three_pages(uri_prefix: str = "http://a.example/") -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n in range(3):
        page = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"{uri_prefix}{n}", "response",
                                                      payload=io.BytesIO(b"<p>page</p>" * 400), http_headers=page))
    return buffer.getvalue()


def test_a_zero_byte_or_non_warc_file_is_an_input_problem_not_silence(tmp_path):
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    docs, report = _read(empty)
    assert docs == [] and report.file_errors == [{"file": str(empty), "error": "empty_file", "offset": 0,
                                                  "detail": "no WARC or ARC record in the file"}]
    text = tmp_path / "notes.warc"
    text.write_text("these are my notes, not a web archive\n" * 20)
    docs, report = _read(text)
    assert docs == [] and [(e["error"], e["offset"]) for e in report.file_errors] == [("not_a_warc", 0)]


def test_a_gzip_cut_half_way_says_where_the_file_stops(tmp_path):
    whole = _three_pages()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) * 3 // 5])
    docs, report = _read(cut)
    assert len([d for d in docs if "_reject" not in d]) >= 1
    (problem,) = report.file_errors
    assert problem["error"] in ("truncated_file", "unreadable_after_offset")
    assert 0 < problem["offset"] < len(whole) * 3 // 5  # the offset reached, inside what the file holds


def test_records_are_classified_by_their_type_and_content_not_by_the_uri_spelling(tmp_path):
    path = tmp_path / "odd.warc.gz"
    path.write_bytes(_three_pages("xhttps://a.example/"))
    docs, report = _read(path)
    assert [d.get("_reject") for d in docs] == [None, None, None]
    assert all(d["html"].startswith(b"<p>page</p>") and d["content_type"] == "text/html" for d in docs)
    assert report.file_errors == []
