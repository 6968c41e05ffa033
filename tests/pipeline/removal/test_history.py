"""The version chain `verify` follows, suppression in later runs, and removal from published (s3) runs."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from eurocurate.pipeline.removal import parse_selector, remove_documents
from eurocurate.pipeline.verify import verify_run
from tests.conftest import eurocurate
from tests.pipeline.removal.conftest import copy_run, data_rows, reject_rows

SSH_KEYGEN = shutil.which("ssh-keygen")


@pytest.fixture
def three_versions(demo_run, tmp_path):
    run = copy_run(demo_run, tmp_path / "run")
    rows = data_rows(run)
    remove_documents(run, [parse_selector(rows[0]["url"])], "erasure")
    remove_documents(run, [parse_selector(rows[-1]["id"], "id")], "takedown")
    return run


def test_verify_follows_the_chain_and_fails_when_a_version_is_altered(three_versions):
    run = three_versions
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["version"] == 3 and manifest["stages"][-1]["reasons"] == {"erasure": 1, "takedown": 1}
    ok = eurocurate("verify", str(run))
    assert ok.returncode == 0 and "version 3: the chain back to version 1" in ok.stdout, ok.stdout
    old = run / "versions" / "manifest-v1.json"
    old.write_text(old.read_text().replace('"complete": true', '"complete": true '))
    problems = verify_run(run)
    assert any("an earlier version was altered" in p and p.startswith("version 2") for p in problems)


def test_verify_fails_when_an_erasure_is_undone(three_versions):
    run = three_versions
    # put version 2's manifest back as the current one: the log still records two removals
    shutil.copyfile(run / "versions" / "manifest-v2.json", run / "manifest.json")
    assert any("a removal was undone" in p for p in verify_run(run))


def test_verify_fails_when_a_log_entry_is_dropped(three_versions):
    run = three_versions
    log = run / "erasure_log.jsonl"
    first, second = log.read_text().splitlines(keepends=True)
    log.write_text(first + second.replace('"takedown"', '"other"'))
    assert any("the erasure log's first 2 entr" in p for p in verify_run(run))


def test_verify_fails_when_removed_content_is_published_again(demo_run, tmp_path):
    import pyarrow.parquet as pq

    run = copy_run(demo_run, tmp_path / "run")
    doc = data_rows(run)[0]
    remove_documents(run, [parse_selector(doc["url"])], "erasure", copies=False)
    # someone copies the document back into a shard and updates the manifest entry to match
    v1 = json.loads((run / "versions" / "manifest-v1.json").read_text())
    original = next(e for e in v1["shards"] if doc["id"] in pq.read_table(
        demo_run / e["path"], columns=["id"])["id"].to_pylist())
    manifest = json.loads((run / "manifest.json").read_text())
    target = next(e for e in manifest["shards"] if e["language"] == original["language"])
    table = pq.read_table(demo_run / original["path"])
    pq.write_table(table, run / target["path"])
    from eurocurate.core.parquet_io import sha256_file

    target.update(rows=table.num_rows, bytes=(run / target["path"]).stat().st_size,
                  sha256=sha256_file(run / target["path"]))
    (run / "manifest.json").write_text(json.dumps(manifest, indent=2))
    assert any(p.startswith("removed content is back") and doc["id"] in p for p in verify_run(run))


@pytest.mark.skipif(SSH_KEYGEN is None, reason="ssh-keygen (OpenSSH client) is not installed")
def test_a_signed_run_needs_the_key_and_every_version_verifies_with_it(demo_run, tmp_path):
    from eurocurate.pipeline.manifest import sign_run_folder

    run = copy_run(demo_run, tmp_path / "run")
    key = tmp_path / "producer"
    subprocess.run([SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "", "-C", "p", "-f", str(key)], check=True)
    sign_run_folder(run, key)
    doc = data_rows(run)[0]
    refused = eurocurate("remove", str(run), "--url", doc["url"], "--category", "erasure")
    assert refused.returncode == 2 and "signed" in refused.stderr
    done = eurocurate("remove", str(run), "--url", doc["url"], "--category", "erasure", "--signing-key", str(key))
    assert done.returncode == 0, done.stderr
    assert (run / "versions" / "manifest-v1.json.sig").exists()
    ok = eurocurate("verify", str(run), "--public-key", f"{key}.pub")
    assert ok.returncode == 0, ok.stdout
    sig = run / "versions" / "manifest-v1.json.sig"
    sig.write_text(sig.read_text().replace("A", "B", 3))
    bad = eurocurate("verify", str(run), "--public-key", f"{key}.pub")
    assert bad.returncode == 1 and "version 1: signature" in bad.stdout


def test_a_later_run_over_the_same_crawl_keeps_none_of_the_removed_content(copies_run, tmp_path):
    run = copy_run(copies_run["run"], tmp_path / "run")
    urls, planted = copies_run["urls"], copies_run["planted"]
    outcome = remove_documents(run, [parse_selector(urls[0]), parse_selector(urls[1])], "erasure")
    assert outcome.suppressed == outcome.removed + 1 >= 4  # and the rejected member of the exact pair
    config = tmp_path / "again.yaml"
    config.write_text(copies_run["config"].read_text().replace("in.jsonl", str(copies_run["root"] / "in.jsonl"))
                      .replace("  near: false\n", f"  near: false\n  previous_index: [{run}]\n"))
    again = tmp_path / "again"
    proc = eurocurate("run", str(config), "--output", str(again), "--no-progress")
    assert proc.returncode == 0, proc.stderr[-2000:]
    suppressed = {r["url"]: r["duplicate_of"] for r in reject_rows(again) if r["reason"] == "suppressed"}
    removed_urls = {urls[0], urls[1], planted["near_of_0"], planted["exact_of_1"]}
    assert set(suppressed) == removed_urls and set(suppressed.values()) == {"removal-v2"}
    assert not removed_urls & {r["url"] for r in data_rows(again)}
    assert verify_run(again) == []
