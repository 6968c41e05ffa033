"""End-to-end: the demo config on the bundled crawl does what the README promises."""

from __future__ import annotations

import duckdb
import pyarrow.parquet as pq

from tests.conftest import DEMO_CONFIG, eurocurate


def _kept(run) -> list[dict]:
    return duckdb.sql(f"select * from read_parquet('{run}/data/*/*.parquet')").df().to_dict("records")


def _rejects(run) -> list[dict]:
    return duckdb.sql(f"select * from read_parquet('{run}/rejects/*/*.parquet')").df().to_dict("records")


def test_every_stage_accounts_for_its_documents(manifest, demo_run):
    stages = manifest["stages"]
    assert [s["name"] for s in stages] == ["read", "optout", "extract", "langid", "quality", "pii", "dedup"]
    for stage in stages:
        assert stage["in"] == stage["kept"] + stage["rejected"], stage
        assert sum(stage["reasons"].values()) == stage["rejected"], stage
    for before, after in zip(stages, stages[1:]):
        assert after["in"] == before["kept"], (before["name"], after["name"])
    kept_rows = sum(s["rows"] for s in manifest["shards"])
    assert kept_rows == stages[-1]["kept"] == len(_kept(demo_run))
    rejects = _rejects(demo_run)
    assert len(rejects) == sum(s["rejected"] for s in stages)
    for stage in stages:
        got = {}
        for row in rejects:
            if row["stage"] == stage["name"]:
                got[row["reason"]] = got.get(row["reason"], 0) + 1
        assert got == stage["reasons"], stage["name"]


def test_demo_output_has_at_least_eight_languages_in_their_own_folders(demo_run, planted):
    kept = _kept(demo_run)
    languages = {row["language"] for row in kept}
    assert len(languages) >= 8
    assert languages == set(planted["languages"])
    for lang in languages:
        table = pq.read_table(next((demo_run / "data" / lang).glob("*.parquet")))
        assert set(table.column("language").to_pylist()) == {lang}


def test_no_planted_duplicate_survives(demo_run, planted):
    urls = [row["url"] for row in _kept(demo_run)]
    assert len(urls) == len(set(urls))
    for group in planted["exact_duplicates"] + planted["near_duplicates"]:
        assert sum(u in urls for u in group) == 1, group
    rejects = {r["url"]: r for r in _rejects(demo_run)}
    kept_ids = {row["id"] for row in _kept(demo_run)}
    for kind, groups in (("exact_duplicate", planted["exact_duplicates"]), ("near_duplicate", planted["near_duplicates"])):
        for group in groups:
            dropped = [rejects[u] for u in group if u in rejects]
            assert len(dropped) == 1 and dropped[0]["reason"] == kind and dropped[0]["duplicate_of"] in kept_ids


def test_no_planted_personal_data_survives_in_kept_text(demo_run, planted):
    kept = _kept(demo_run)
    text = "\n".join(row["text"] for row in kept)
    digits_only = "".join(ch for ch in text if ch.isdigit())
    for case in planted["pii"]:
        for key in ("email", "phone", "iban", "ip"):
            assert case[key] not in text, (case["lang"], key)
        assert case["iban"].replace(" ", "") not in text.replace(" ", "")
        assert "".join(ch for ch in case["phone"] if ch.isdigit()) not in digits_only
    by_url = {row["url"]: row for row in kept}
    for case in planted["pii"]:
        row = by_url[case["url"]]
        counts = {c["type"]: c["count"] for c in row["pii_counts"]}
        assert counts.get("EMAIL_ADDRESS") == 1 and counts.get("IBAN_CODE") == 1 and counts.get("PHONE_NUMBER", 0) >= 1
        assert "<EMAIL_ADDRESS>" in row["text"] and "<IBAN_CODE>" in row["text"]
        assert row["pii_total"] == sum(counts.values())


def test_every_broken_record_is_rejected_with_its_reason(demo_run, planted):
    rejects = {r["url"]: r for r in _rejects(demo_run)}
    for case in planted["broken"]:
        assert case["url"] in rejects, case
        assert (rejects[case["url"]]["stage"], rejects[case["url"]]["reason"]) == (case["stage"], case["reason"])


def test_boilerplate_is_stripped(demo_run, planted):
    """Every page carries menus, link lists and a footer; none of the footer lines reach the kept text."""
    kept = _kept(demo_run)
    for case in planted["boilerplate_heavy"]:
        texts = [row["text"] for row in kept if row["language"] == case["lang"]]
        assert len(texts) == 3
        for line in case["footer"]:
            assert not any(line in text for text in texts), line


def test_rejects_carry_no_text_by_default(demo_run):
    assert all(r["text"] is None for r in _rejects(demo_run))


def test_lineage_columns_are_filled(demo_run):
    for row in _kept(demo_run):
        assert row["source_family"] == "web" and row["source_kind"] == "warc"
        assert row["record_id"].startswith("<urn:uuid:") and row["source_uri"].endswith(".warc.gz")
        assert row["fetch_date"] == "2026-10-05T08:00:00Z"
        assert len(row["content_sha256"]) == 64 and len(row["text_sha256"]) == 64
        assert row["language_score"] >= 0.5 and row["language_top"][0]["lang"] == row["language"]
        assert row["dup_cluster_size"] >= 1 and row["run_id"]
        (model,) = row["models"]
        assert model["stage"] == "langid" and "lid.176" in model["name"] and len(model["sha256"]) == 64
        assert row["dataset_iri"] is None and row["license"] is None


def test_rejects_name_only_the_models_that_touched_them(demo_run):
    for row in _rejects(demo_run):
        stages = [m["stage"] for m in row["models"]]
        assert stages == ([] if row["stage"] in ("read", "optout", "extract") else ["langid"]), row["stage"]


def test_rerun_of_a_complete_run_does_nothing(demo_run, manifest):
    proc = eurocurate("run", str(DEMO_CONFIG), "--output", str(demo_run))
    assert proc.returncode == 0, proc.stderr
    assert "already complete" in proc.stdout


def test_a_clean_run_writes_nothing_to_stderr(demo_run):
    """No warnings from Ray's start-up (token auth) or from the libraries end up in front of the user."""
    assert (demo_run.parent / "stderr.txt").read_text().strip() == ""
