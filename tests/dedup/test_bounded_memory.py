"""Bounded memory: a 50 MB document, and (slow) a 2 GB input file, do not take the worker down."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT

HUGE_RECORD_SCRIPT = textwrap.dedent("""
    import io, json, resource, sys
    from pathlib import Path
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    from eurocurate.pipeline.config import RunConfig
    from eurocurate.pipeline.file_task import process_input_file
    from eurocurate.pipeline.sources import InputFile

    folder, huge_mb, gzip = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "gz"
    path = folder / ("in.warc.gz" if gzip else "in.warc")
    page = ("<html><body><article>" + "<p>" + "Die Stadt am Fluss lebte von der Fähre und vom Markt. " * 40
            + "</p>" * 1 + "</article></body></html>").encode()
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        def add(url, body):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=body, http_headers=headers,
                                                          length=None))
        add("http://a.example/small", io.BytesIO(page))
        chunk = b"<p>" + b"x" * 1020 + b"</p>"
        class Repeated(io.RawIOBase):
            def __init__(self, size): self.left = size
            def readable(self): return True
            def readinto(self, buffer):
                n = min(len(buffer), self.left)
                buffer[:n] = (chunk * (n // len(chunk) + 1))[:n]
                self.left -= n
                return n
        add("http://a.example/huge", io.BufferedReader(Repeated(huge_mb * 1024 * 1024), 1 << 20))
        add("http://a.example/after", io.BytesIO(page))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cfg = RunConfig.model_validate({"inputs": [{"paths": [str(path)]}], "pii": {"enabled": False}})
    result = process_input_file(InputFile("warc", str(path)), cfg.model_dump_json(), str(folder / "work"), "r")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(json.dumps({"stages": result["stages"], "grown_mb": grown_mb, "file_mb": path.stat().st_size / 2**20}))
""")


def _run(tmp_path, huge_mb: int, gzip: bool) -> dict:
    import json

    proc = subprocess.run([sys.executable, "-c", HUGE_RECORD_SCRIPT, str(tmp_path), str(huge_mb), "gz" if gzip else "raw"],
                          cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_50_mb_document_is_rejected_without_being_loaded(tmp_path):
    result = _run(tmp_path, 50, gzip=False)
    read = result["stages"]["read"]
    assert read == {"in": 3, "kept": 2, "rejected": 1, "reasons": {"too_large": 1}, "flagged": {}}
    assert result["stages"]["extract"]["kept"] == 2
    assert result["grown_mb"] < 150, result


@pytest.mark.slow
def test_a_2_gb_input_file_streams_through_in_bounded_memory(tmp_path):
    result = _run(tmp_path, 2048, gzip=False)
    assert result["file_mb"] > 2048
    assert result["stages"]["read"]["reasons"] == {"too_large": 1} and result["stages"]["extract"]["kept"] == 2
    assert result["grown_mb"] < 150, result
