"""Web input kinds: WET, HTML files and folders, JSONL/Parquet text records, fsspec URLs; planning and lineage."""

from __future__ import annotations

import gzip
import io
import json

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eurocurate.pipeline.config import ConfigError, RunConfig
from eurocurate.pipeline.sources import InputFile, iter_documents, plan_inputs
from eurocurate.core.remote import size_and_sha256
from eurocurate.pipeline.sources.warc import ReadReport

PAGE = b"<html><head><title>T</title></head><body><article><p>Text</p></article></body></html>"


def _config(kind: str, paths: list[str], **options) -> RunConfig:
    return RunConfig(inputs=[{"kind": kind, "paths": paths, **options}])


def _read(cfg: RunConfig, base_dir) -> tuple[list[dict], ReadReport]:
    report, docs = ReadReport(), []
    for item in plan_inputs(cfg, base_dir):
        docs.extend(iter_documents(item, report, cfg))
    return docs, report


def test_wet_conversion_records_become_text_documents(tmp_path):
    path = tmp_path / "crawl.warc.wet.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record("crawl.warc.wet.gz", {"software": "test"}))
        for i in range(2):
            writer.write_record(writer.create_warc_record(
                f"https://a.example/{i}", "conversion", payload=io.BytesIO(f"Seite {i} mit Text".encode()),
                warc_headers_dict={"Content-Type": "text/plain"}))
    docs, report = _read(_config("wet", ["*.wet.gz"]), tmp_path)
    assert [d["text"] for d in docs] == ["Seite 0 mit Text", "Seite 1 mit Text"]
    assert {d["source_kind"] for d in docs} == {"wet"} and all(d["record_id"] and d["fetch_date"] for d in docs)
    assert docs[0]["host"] == "a.example" and report.ignored_records["warcinfo"] == 1


def test_a_folder_of_html_files_plain_and_gzipped(tmp_path):
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "index.html").write_bytes(PAGE)
    (site / "sub" / "page.htm.gz").write_bytes(gzip.compress(PAGE))
    (site / "notes.txt").write_text("not a page")
    (site / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    docs, report = _read(_config("html", ["site"]), tmp_path)
    assert sorted(d["source_uri"].rsplit("/", 1)[-1] for d in docs) == ["index.html", "page.htm.gz"]
    assert all(d["html"] == PAGE and d["source_kind"] == "html" for d in docs)
    assert [e["error"] for e in report.file_errors] == ["unreadable"]


def test_jsonl_records_with_a_text_column_and_bad_lines(tmp_path):
    lines = [json.dumps({"doc": "Erster Text", "uid": 7, "link": "https://b.example/1"}), "{not json",
             json.dumps({"doc": None, "uid": 8}), "", json.dumps({"doc": "Zweiter Text", "uid": 9})]
    (tmp_path / "records.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
    cfg = _config("jsonl", ["records.jsonl.gz"], text_field="doc", id_field="uid", url_field="link")
    docs, _ = _read(cfg, tmp_path)
    assert [d.get("text") for d in docs] == ["Erster Text", None, None, "Zweiter Text"]
    assert [d.get("_reject", (None,))[0] for d in docs] == [None, "malformed_record", "missing_text", None]
    assert docs[0]["record_id"] == "7" and docs[0]["host"] == "b.example" and docs[3]["record_offset"] == 4


def test_parquet_records_and_a_missing_text_column(tmp_path):
    pq.write_table(pa.table({"content": ["Ein Text", "Noch einer"], "url": ["https://c.example/", None]}),
                   tmp_path / "part.parquet")
    docs, report = _read(_config("parquet", ["part.parquet"], text_field="content"), tmp_path)
    assert [d["text"] for d in docs] == ["Ein Text", "Noch einer"] and docs[0]["host"] == "c.example"
    docs, report = _read(_config("parquet", ["part.parquet"]), tmp_path)  # default column "text"
    assert docs == [] and report.file_errors[0]["error"] == "missing_text_column"


def test_fsspec_urls_are_listed_read_and_hashed():
    fs = fsspec.filesystem("memory")
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://d.example/", "response", payload=io.BytesIO(PAGE),
                                                  http_headers=headers))
    fs.pipe("/bucket/crawl/one.warc.gz", buffer.getvalue())
    fs.pipe("/bucket/crawl/skip.txt", b"x")
    cfg = _config("warc", ["memory://bucket/crawl/*.warc.gz"])
    planned = plan_inputs(cfg, base_dir=None)
    assert len(planned) == 1 and planned[0].uri.startswith("memory://")
    assert planned[0].uri.endswith("/bucket/crawl/one.warc.gz")
    docs = list(iter_documents(planned[0], ReadReport(), cfg))
    assert docs[0]["html"] == PAGE and docs[0]["source_uri"] == planned[0].uri
    assert size_and_sha256(planned[0].uri)[0] == len(buffer.getvalue())


def test_unreachable_url_is_a_file_error_and_unmatched_inputs_are_config_errors(tmp_path):
    report = ReadReport()
    cfg = _config("warc", ["memory://nowhere/absent.warc.gz"])
    assert list(iter_documents(InputFile("warc", "memory://nowhere/absent.warc.gz"), report, cfg)) == []
    assert report.file_errors[0]["error"] == "cannot_open"
    with pytest.raises(ConfigError, match="input not found"):
        plan_inputs(_config("html", ["no-such-folder"]), tmp_path)
