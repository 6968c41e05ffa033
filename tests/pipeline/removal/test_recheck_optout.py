"""`eurocurate recheck-optout`: reservations captured after the crawl, applied to a finished run."""

from __future__ import annotations

import io
import json
from collections import Counter

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eurocurate.pipeline.removal.history import log_entries
from eurocurate.pipeline.verify import verify_run
from tests.conftest import eurocurate
from tests.pipeline.removal.conftest import copy_run, data_rows


def _robots_capture(path, host: str, body: bytes, date: str) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
        record = writer.create_warc_record(f"https://{host}/robots.txt", "response", payload=io.BytesIO(body),
                                           http_headers=headers, warc_headers_dict={"WARC-Date": date})
        writer.write_record(record)


def test_a_robots_txt_that_now_disallows_a_host_removes_exactly_that_hosts_documents(demo_run, tmp_path):
    run = copy_run(demo_run, tmp_path / "run")
    rows = data_rows(run)
    host, count = Counter(r["host"] for r in rows).most_common(1)[0]
    assert count >= 2
    capture = tmp_path / "robotstxt.warc.gz"
    _robots_capture(capture, host, b"User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n",
                    "2026-11-30T10:00:00Z")
    proc = eurocurate("recheck-optout", str(run), "--robots", str(capture))
    assert proc.returncode == 0, proc.stderr
    left = data_rows(run)
    assert {r["id"] for r in rows} - {r["id"] for r in left} == {r["id"] for r in rows if r["host"] == host}
    (entry,) = log_entries((run / "erasure_log.jsonl").read_bytes())
    assert entry["category"] == "optout" and entry["removed_count"] == count
    assert all(d["evidence"] == f"robots.txt of {host} captured 2026-11-30T10:00:00Z: 'Disallow: /' for user "
               "agent GPTBot" for d in entry["removed"])
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["stages"][-1]["reasons"] == {"optout": count}
    assert verify_run(run) == []


def test_a_tdmrep_rule_reserves_the_paths_it_names_and_no_others(demo_run, tmp_path):
    run = copy_run(demo_run, tmp_path / "run")
    rows = data_rows(run)
    host = next(h for h, n in Counter(r["host"] for r in rows).items() if n >= 2)
    on_host = sorted(r["url"] for r in rows if r["host"] == host)
    reserved_path = on_host[0].split(host, 1)[1]
    rep = tmp_path / f"{host}.tdmrep.json"
    rep.write_text(json.dumps([{"location": f"{reserved_path}$", "tdm-reservation": 1},
                               {"location": "/*", "tdm-reservation": 0}]))
    proc = eurocurate("recheck-optout", str(run), "--tdmrep", str(rep), "--captured-at", "2026-12-01")
    assert proc.returncode == 0, proc.stderr
    assert {r["url"] for r in rows} - {r["url"] for r in data_rows(run)} == {on_host[0]}
    (entry,) = log_entries((run / "erasure_log.jsonl").read_bytes())
    assert entry["removed"][0]["evidence"].startswith(f"tdmrep.json of {host} captured 2026-12-01: location")


def test_captures_that_reserve_nothing_change_nothing(demo_run, tmp_path):
    run = copy_run(demo_run, tmp_path / "run")
    before = (run / "manifest.json").read_bytes()
    capture = tmp_path / "robotstxt.warc.gz"
    _robots_capture(capture, "www.unrelated.example", b"User-agent: *\nDisallow: /\n", "2026-11-30T10:00:00Z")
    proc = eurocurate("recheck-optout", str(run), "--robots", str(capture))
    assert proc.returncode == 0 and "nothing removed" in proc.stdout
    assert (run / "manifest.json").read_bytes() == before
