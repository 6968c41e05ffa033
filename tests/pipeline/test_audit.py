"""Auditor commands on the demo run: report (in real headless Chromium), inspect, summary, verify."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from tests.conftest import eurocurate

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def report_dir(demo_run, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    proc = eurocurate("report", str(demo_run), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


def test_report_numbers_equal_counts_queried_from_the_parquet_output(demo_run, report_dir):
    data = json.loads((report_dir / "report.json").read_text())
    kept = f"read_parquet('{demo_run}/data/*/*.parquet')"
    rejects = f"read_parquet('{demo_run}/rejects/*/*.parquet')"
    per_language = dict(duckdb.sql(f"select language, count(*) from {kept} group by 1").fetchall())
    assert {lang: v["documents"] for lang, v in data["languages"].items()} == per_language
    words = dict(duckdb.sql(f"select language, sum(word_count)::bigint from {kept} group by 1").fetchall())
    assert {lang: v["words"] for lang, v in data["languages"].items()} == words
    reasons = duckdb.sql(f"select stage, reason, count(*) from {rejects} group by all").fetchall()
    assert {(s, r): n for s, rs in data["removals"].items() for r, n in rs.items()} == {(s, r): n for s, r, n in reasons}
    pii = dict(duckdb.sql(
        f"select p.type, sum(p.count)::bigint from (select unnest(pii_counts) as p from {kept} "
        f"union all select unnest(pii_counts) as p from {rejects}) group by 1").fetchall())
    assert data["pii_by_type"] == pii and pii["EMAIL_ADDRESS"] == 10
    published = duckdb.sql(f"select coalesce(sum(p.count), 0)::bigint from "
                           f"(select unnest(pii_counts) as p from {kept})").fetchall()[0][0]
    assert data["pii_in_published_documents"] == published
    hosts = Counter(h for (h,) in duckdb.sql(f"select host from {kept}").fetchall())
    assert data["top_domains"] == dict(sorted(hosts.items(), key=lambda kv: (-kv[1], kv[0]))[:20])
    assert data["totals"]["documents"] == sum(per_language.values())


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_html_report_renders_every_chart_in_headless_chromium_without_console_errors(report_dir, tmp_path):
    from playwright.sync_api import sync_playwright

    html = (report_dir / "report.html").read_text()
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html
    assert "CC-BY-SA-3.0" in html and "CC-BY-SA-4.0" in html  # lid.176 and the wordfreq tables it weighs with
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("request", lambda req: errors.append(f"request {req.url}") if not req.url.startswith("file:") else None)
        page.goto((report_dir / "report.html").as_uri())
        charts = page.eval_on_selector_all(
            ".chart", "els => els.map(e => [e.id, e.dataset.drawn, e.querySelectorAll('svg rect').length])")
        screenshot = tmp_path / "report.png"
        page.screenshot(path=str(screenshot), full_page=True)
        browser.close()
    assert errors == []
    assert len(charts) == 10
    for chart_id, drawn, bars in charts:
        assert drawn == "true" and bars >= 1, chart_id
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 20_000


def test_inspect_follows_a_kept_and_a_rejected_document(demo_run):
    kept_id, lang = duckdb.sql(
        f"select id, language from read_parquet('{demo_run}/data/*/*.parquet') where pii_total > 0 limit 1").fetchall()[0]
    trace = json.loads(eurocurate("inspect", str(demo_run), kept_id, "--json").stdout)
    assert [s["stage"] for s in trace["stages"]] == ["read", "optout", "extract", "langid", "quality", "pii", "dedup"]
    assert all(s["decision"] == "kept" for s in trace["stages"])
    assert trace["ended"]["outcome"] == "kept" and trace["ended"]["file"].startswith(f"data/{lang}/")
    assert trace["stages"][5]["pii_total"] >= 3 and trace["source"]["record_id"].startswith("<urn:uuid:")

    dup_id, dup_of = duckdb.sql(
        f"select id, duplicate_of from read_parquet('{demo_run}/rejects/*/*.parquet') where stage = 'dedup' limit 1"
    ).fetchall()[0]
    trace = json.loads(eurocurate("inspect", str(demo_run), dup_id, "--json").stdout)
    assert trace["stages"][-1]["decision"] == "rejected" and trace["stages"][-1]["duplicate_of"] == dup_of
    assert trace["ended"]["outcome"] == "rejected" and trace["ended"]["file"].startswith("rejects/dedup/")

    early_id = duckdb.sql(
        f"select id from read_parquet('{demo_run}/rejects/*/*.parquet') where stage = 'extract' limit 1").fetchall()[0][0]
    trace = json.loads(eurocurate("inspect", str(demo_run), early_id, "--json").stdout)
    assert [s["decision"] for s in trace["stages"]] == ["kept", "kept", "rejected"]
    text = eurocurate("inspect", str(demo_run), early_id).stdout
    assert "ended: rejected" in text and "extract" in text

    missing = eurocurate("inspect", str(demo_run), "no-such-id")
    assert missing.returncode == 1 and "no kept or rejected document" in missing.stderr


def test_inspect_by_url_id_prefix_and_text_hash(demo_run):
    kept_id, url, digest = duckdb.sql(
        f"select id, url, text_sha256 from read_parquet('{demo_run}/data/*/*.parquet') order by id limit 1").fetchall()[0]
    scheme, rest = url.split("://", 1)
    host, path = rest.split("/", 1)
    shouted = f"{scheme.upper()}://{host.upper()}:443/{path}/"  # scheme and host case, default port, trailing slash
    trace = json.loads(eurocurate("inspect", str(demo_run), shouted, "--json").stdout)
    assert trace["id"] == kept_id and trace["ended"]["outcome"] == "kept" and trace["matched_by"] == "normalised URL"
    rejected_id, rejected_url, reason = duckdb.sql(
        f"select id, url, reason from read_parquet('{demo_run}/rejects/*/*.parquet') where stage = 'quality'"
    ).fetchall()[0]
    trace = json.loads(eurocurate("inspect", str(demo_run), rejected_url, "--json").stdout)
    assert trace["id"] == rejected_id and trace["ended"] == {**trace["ended"], "outcome": "rejected", "reason": reason}
    unseen = eurocurate("inspect", str(demo_run), "https://never-crawled.example/page")
    assert unseen.returncode == 1 and "never read in run" in unseen.stderr
    assert "https://never-crawled.example/page" in unseen.stderr
    other_scheme = eurocurate("inspect", str(demo_run), url.replace("https://", "http://", 1))
    assert other_scheme.returncode == 1 and "the other scheme" in other_scheme.stderr
    assert json.loads(eurocurate("inspect", str(demo_run), kept_id[:10], "--json").stdout)["id"] == kept_id
    assert json.loads(eurocurate("inspect", str(demo_run), digest, "--json").stdout)["id"] == kept_id
    several = json.loads(eurocurate("inspect", str(demo_run), kept_id[:1], "--json").stdout)
    expected = duckdb.sql(f"select count(*) from (select id from read_parquet('{demo_run}/data/*/*.parquet') union all "
                          f"select id from read_parquet('{demo_run}/rejects/*/*.parquet')) where id like "
                          f"'{kept_id[0]}%'").fetchall()[0][0]
    assert len(several["matches"]) == expected > 1


def test_a_url_read_twice_lists_each_read(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from eurocurate.core.schema import DOCUMENT_SCHEMA
    from eurocurate.pipeline.inspect_doc import inspect_query, normalise_url

    assert normalise_url("HTTP://Example.ORG:80") == normalise_url("http://example.org/") == "http://example.org/"
    assert normalise_url("https://example.org:8443/a/?q=1#top") == "https://example.org:8443/a?q=1"
    rows = [{"id": f"{i:024x}", "url": url, "language": "de", "text": "t", "run_id": "r"}
            for i, url in enumerate(["https://Example.org/a/", "https://example.org/a", "https://example.org/b"])]
    (tmp_path / "data" / "de").mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=DOCUMENT_SCHEMA), tmp_path / "data" / "de" / "part-00000.parquet")
    (tmp_path / "manifest.json").write_text(json.dumps({"run_id": "r", "stages": [{"name": "read"}],
                                                        "input_problems": {"ignored_records_by_type": {}}}))
    result = inspect_query(tmp_path, "https://example.org:443/a")
    assert [m["id"] for m in result["matches"]] == [rows[0]["id"], rows[1]["id"]]
    assert inspect_query(tmp_path, "https://example.org/c")["matches"] == []


def test_verify_passes_then_fails_after_one_byte_changes(demo_run, tmp_path):
    copy = tmp_path / "run"
    shutil.copytree(demo_run, copy, ignore=shutil.ignore_patterns("work"))
    ok = eurocurate("verify", str(copy))
    assert ok.returncode == 0 and ok.stdout.startswith("OK"), ok.stdout
    shard = sorted((copy / "data").glob("*/*.parquet"))[0]
    data = bytearray(shard.read_bytes())
    data[len(data) // 2] ^= 0x01
    shard.write_bytes(bytes(data))
    bad = eurocurate("verify", str(copy))
    assert bad.returncode == 1 and f"sha256 mismatch: {shard.relative_to(copy).as_posix()}" in bad.stdout


def test_verify_catches_a_tampered_accounting(demo_run, tmp_path):
    copy = tmp_path / "run"
    shutil.copytree(demo_run, copy, ignore=shutil.ignore_patterns("work"))
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["stages"][2]["kept"] += 1  # extract
    (copy / "manifest.json").write_text(json.dumps(manifest))
    bad = eurocurate("verify", str(copy))
    assert bad.returncode == 1 and "stage extract: in" in bad.stdout


def test_audit_commands_on_a_folder_that_is_not_a_run(tmp_path):
    proc = eurocurate("verify", str(tmp_path))
    assert proc.returncode == 2 and "no manifest.json" in proc.stderr


def test_the_report_keeps_lid176_labels_and_does_not_predict_a_text_twice(demo_run, tmp_path, monkeypatch):
    from eurocurate.filters.langid import stage as langid_stage
    from eurocurate.pipeline.report_langid import langid_section

    run = tmp_path / "run"
    shutil.copytree(demo_run, run)
    first = langid_section(run)
    assert first["documents_checked"] > 0 and list((run / "work" / "report").glob("lid176-*.parquet"))

    class NoPredictions:
        class f:  # noqa: N801 - the attribute fastText's wrapper has
            @staticmethod
            def predict(*args):
                raise AssertionError("a cached text was predicted again")

    monkeypatch.setattr(langid_stage, "load_fasttext_model", lambda path: NoPredictions)
    assert langid_section(run) == first
