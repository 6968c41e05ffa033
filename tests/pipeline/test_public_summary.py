"""The public summary (EU AI Office template) and Croissant: every number equals a DuckDB query on the shards,
no field is None or empty, the opt-out section states robots.txt coverage, no local path leaks; a data-space-only
run is described as such."""

from __future__ import annotations

import json
import math
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT, eurocurate


def _walk(value, path="$"):
    if isinstance(value, dict):
        assert value, f"empty object at {path}"
        for k, v in value.items():
            yield from _walk(v, f"{path}.{k}")
    elif isinstance(value, list):
        assert value, f"empty list at {path}"
        for i, v in enumerate(value):
            yield from _walk(v, f"{path}[{i}]")
    else:
        yield path, value


def _assert_complete(folder: Path, run: Path) -> tuple[dict, str, dict]:
    summary = json.loads((folder / "public-summary.json").read_text())
    for path, value in _walk(summary):
        assert value is not None and value != "" and value != "None", path
    markdown = (folder / "public-summary.md").read_text()
    assert "None" not in markdown and not [line for line in markdown.splitlines() if line.rstrip().endswith(":")
                                           and not line.lstrip().startswith("- ")]
    croissant = json.loads((folder / "croissant.json").read_text())
    for text in (json.dumps(summary), markdown, json.dumps(croissant)):
        assert str(run) not in text and str(ROOT) not in text and "/tmp/" not in text  # no paths of this machine
    return summary, markdown, croissant


@pytest.fixture(scope="module")
def demo_summary(demo_run, tmp_path_factory):
    out = tmp_path_factory.mktemp("summary")
    proc = eurocurate("summary", str(demo_run), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    return _assert_complete(out, demo_run)


def test_summary_numbers_equal_duckdb_queries_on_the_shards(demo_run, demo_summary):
    summary, markdown, _ = demo_summary
    kept = f"read_parquet('{demo_run}/data/*/*.parquet')"
    rejects = f"read_parquet('{demo_run}/rejects/*/*.parquet')"
    q = lambda sql: duckdb.sql(sql).fetchall()
    general = summary["1_general_information"]["1_3_modality_size_and_characteristics"]
    size = general["training_data_size"]
    (docs, words, nbytes), = q(f"select count(*), sum(word_count)::bigint, sum(strlen(text))::bigint from {kept}")
    assert (size["published_documents"], size["published_words"], size["published_text_bytes"]) == (docs, words, nbytes)
    assert general["languages"] == dict(q(f"select language, count(*) from {kept} group by 1 order by 2 desc, 1"))
    (latest,), = q(f"select max(fetch_date) from (select fetch_date from {kept} union all select fetch_date from {rejects})")
    assert latest in general["latest_data_collection_date"]

    crawl = summary["2_list_of_data_sources"]["2_3_data_crawled_and_scraped_from_online_sources"]
    (first, last), = q(f"select min(fetch_date), max(fetch_date) from (select fetch_date from {kept} union all "
                       f"select fetch_date from {rejects}) where fetch_date is not null")
    assert (crawl["collection_period"]["from"], crawl["collection_period"]["to"]) == (first, last)
    domains = crawl["most_relevant_domains"]
    (n_domains,), = q(f"select count(distinct host) from {kept}")
    expected = q(f"select host, sum(strlen(text))::bigint, count(*) from {kept} group by 1 order by 2 desc, 1 "
                 f"limit {math.ceil(n_domains * 0.10)}")
    assert [(d["domain"], d["published_text_bytes"], d["published_documents"]) for d in domains["listed"]] == expected
    assert domains["domains_in_published_data"] == n_domains and "top 10% of all domain names" in domains["rule"]
    assert "bytes of published text" in domains["rule"]
    assert crawl["crawlers"][0]["software"] == "eurocurate demo generator"  # from the WARCs' warcinfo records
    assert [f["name"] for f in crawl["input_files"]] == sorted(p.name for p in (ROOT / "samples/demo").glob("*.warc.gz"))

    tdm = summary["3_data_processing_aspects"]["3_1_respect_of_reservation_of_rights_tdm"]
    statuses = dict(q(f"select optout_status, count(*) from (select optout_status from {kept} union all "
                      f"select optout_status from {rejects}) group by 1"))
    assert tdm["documents_by_optout_status"]["all_documents_read"] == statuses
    assert tdm["documents_by_optout_status"]["published_documents"] == dict(
        q(f"select optout_status, count(*) from {kept} group by 1"))
    robots = tdm["robots_txt"]
    (hosts,), = q(f"select count(distinct host) from (select host, source_family from {kept} union all select host, "
                  f"source_family from {rejects}) where source_family <> 'dataspace' and host <> ''")
    assert robots["web_hosts_seen"] == hosts and robots["hosts_with_a_robots_txt_capture"] == 0  # none in the demo
    assert robots["share_of_hosts_with_a_capture"] == "0.0%" and "GPTBot" in robots["agents_checked"]
    assert "no robots.txt capture" in robots["capture_dates"]
    assert tdm["documents_by_optout_status"]["status_none_by_robots_txt_coverage"] == {
        "host had no robots.txt capture: per-page signals only": statuses["none"]}

    cleaning = summary["3_data_processing_aspects"]["3_2_removal_of_undesirable_content"]
    pii = "select p.type, sum(p.count)::bigint from (select unnest(pii_counts) as p from {}) group by 1"
    published = dict(q(pii.format(kept)))
    scrubbed = dict(q(pii.format(f"(select pii_counts from {kept} union all select pii_counts from {rejects} "
                                 "where stage in ('dedup', 'model_quality'))")))
    assert cleaning["personal_data_items_in_published_data"] == published
    assert cleaning["personal_data_items_scrubbed"] == scrubbed
    removed = dict(q(f"select stage, count(*) from {rejects} group by 1"))
    assert {k: v for k, v in cleaning["documents_removed_by_stage"].items() if v} == removed
    (read,), = q(f"select (select count(*) from {kept}) + (select count(*) from {rejects})")
    assert summary["3_data_processing_aspects"]["3_3_other_information"]["documents_read"] == read
    for title in ("## 1. General information", "### 1.3 Modality, overall training data size",
                  "### 2.3 Data crawled and scraped from online sources", "## 3. Data processing aspects",
                  "### 3.1 Respect of reservation of rights", "Hosts with a robots.txt capture: 0",
                  "Personal data items scrubbed", "Personal data items in published data"):
        assert title in markdown, title


def test_croissant_licences_come_from_the_documents_and_files_are_relative(demo_run, demo_summary, manifest):
    _, _, croissant = demo_summary
    files = {d["contentUrl"]: d["sha256"] for d in croissant["distribution"] if d["@type"] == "cr:FileObject"}
    assert files == {s["path"]: s["sha256"] for s in manifest["shards"]}
    assert all(not url.startswith("/") for url in files)
    assert isinstance(croissant["license"], str) and "No licence declared" in croissant["license"]  # web pages only
    assert croissant["rai:dataCollectionType"] == ["Web Scraping"]
    assert all(raw.startswith("demo-000") for raw in croissant["rai:dataCollectionRawData"])


def test_sme_rule_and_published_url(demo_run, tmp_path):
    proc = eurocurate("summary", str(demo_run), "--out", str(tmp_path), "--sme", "--base-url", "https://data.example.eu/r/")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads((tmp_path / "public-summary.json").read_text())
    domains = summary["2_list_of_data_sources"]["2_3_data_crawled_and_scraped_from_online_sources"][
        "most_relevant_domains"]
    assert domains["rule"].startswith("SME rule") and len(domains["listed"]) == min(
        math.ceil(domains["domains_in_published_data"] * 0.05), 1000)
    croissant = json.loads((tmp_path / "croissant.json").read_text())
    assert all(d["contentUrl"].startswith("https://data.example.eu/r/data/")
               for d in croissant["distribution"] if d["@type"] == "cr:FileObject")


@pytest.fixture(scope="module")
def dataspace_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("ds") / "run"
    proc = eurocurate("run", str(ROOT / "configs" / "dataspace.yaml"), "--output", str(out), "--no-progress")
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


def test_a_data_space_only_run_is_described_as_one(dataspace_run, tmp_path):
    proc = eurocurate("summary", str(dataspace_run), "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    summary, markdown, croissant = _assert_complete(tmp_path, dataspace_run)
    sources = summary["2_list_of_data_sources"]
    assert sources["2_3_data_crawled_and_scraped_from_online_sources"]["used"].startswith("no")
    public = sources["2_1_publicly_available_datasets"]
    kept = f"read_parquet('{dataspace_run}/data/*/*.parquet')"
    expected = dict(duckdb.sql(f"select dataset_iri, count(*) from {kept} group by 1").fetchall())
    assert {d["dataset"]: d["published_documents"] for d in public["datasets"]} == expected
    assert all(d["publisher"] and d["licences"] and d["access_rights"] == {"PUBLIC": d["published_documents"]}
               for d in public["datasets"])
    refused = {d["dataset"].rsplit("/", 1)[1]: d["documents_refused_or_removed"]
               for d in public["datasets_read_but_not_published"]}
    assert refused["beekeeping-pl-internal"] == {"access_not_public": 1}
    general = summary["1_general_information"]["1_3_modality_size_and_characteristics"]
    assert general["types_of_content"] == "data-space dataset files" and general["languages"]
    assert "web pages" not in markdown.split("### 2.3")[0]
    licences = dict(duckdb.sql(f"select license, count(*) from {kept} group by 1").fetchall())
    assert croissant["license"] == [lic if lic.startswith("LicenseRef-") else f"https://spdx.org/licenses/{lic}.html"
                                    for lic in sorted(licences)]


def test_robots_captures_are_read_from_the_inputs_and_configured_files(tmp_path):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from eurocurate.pipeline.public_summary import robots_captures

    crawl = tmp_path / "crawl.warc.gz"
    with crawl.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for host, status, date in (("news.example", "200 OK", "2026-03-01T10:00:00Z"),
                                   ("gone.example", "404 Not Found", "2026-03-02T10:00:00Z")):
            writer.write_record(writer.create_warc_record(
                f"https://{host}/robots.txt", "response", payload=io.BytesIO(b"User-agent: *\nAllow: /\n"),
                http_headers=StatusAndHeaders(status, [("Content-Type", "text/plain")], protocol="HTTP/1.1"),
                warc_headers_dict={"WARC-Date": date}))
    plain = tmp_path / "blog.example.robots.txt"
    plain.write_text("User-agent: CCBot\nDisallow: /\n")
    manifest = {"inputs": [{"uri": str(crawl)}, {"uri": str(tmp_path / "moved.warc.gz")}],
                "config": {"optout": {"robots_in_inputs": True, "robots_txt": [str(plain)]}},
                "input_problems": {"ignored_records_by_type": {"robots_txt": 2}}}
    found = robots_captures(manifest)
    assert found["hosts"] == {"blog.example": ["date not recorded (plain file)"],
                              "news.example": ["2026-03-01T10:00:00Z"]}  # a 404 is no capture
    assert found["unread"] == ["moved.warc.gz (FileNotFoundError)"]  # by name, not path
    manifest["input_problems"]["ignored_records_by_type"] = {}  # the reader saw no robots.txt: inputs not re-read
    assert robots_captures(manifest) == {"hosts": {"blog.example": ["date not recorded (plain file)"]}, "unread": []}


def test_top_domains_rule_and_signals():
    from eurocurate.pipeline.public_summary import _signals, top_domains

    hosts = [f"h{i:02d}.example" for i in range(25)] + ["big.example"]
    sizes = list(range(25)) + [10_000]
    ranked = top_domains(hosts, sizes)
    assert [d["domain"] for d in ranked["listed"]] == ["big.example", "h24.example", "h23.example"]  # ceil(26 * 10%)
    sme = top_domains(hosts * 100, sizes * 100, sme=True)  # 26 domains: ceil(5%) = 2
    assert len(sme["listed"]) == 2 and sme["rule"].startswith("SME rule")
    many = top_domains([f"d{i}" for i in range(30_000)], [1] * 30_000, sme=True)
    assert len(many["listed"]) == 1000  # 5% of 30,000 is 1,500: capped at 1,000
    assert _signals(["header:x-robots-tag=noai;robots.txt:GPTBot=disallow", "robots.txt:GPTBot=disallow", None]) == {
        "robots.txt:GPTBot": 2, "header:x-robots-tag": 1}
