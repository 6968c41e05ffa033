"""`eurocurate remove`: what goes, what stays, and what the new version records."""

from __future__ import annotations

import hashlib
import json

import pytest

from eurocurate.pipeline.removal import parse_selector, remove_documents
from eurocurate.pipeline.removal.history import ERASURE_LOG, log_entries
from eurocurate.pipeline.verify import verify_run
from tests.conftest import eurocurate
from tests.pipeline.removal.conftest import copy_run, data_rows, reject_rows


def _clustered_doc(run) -> dict:
    """A published document of the demo whose dedup cluster holds a rejected copy."""
    return next(r for r in data_rows(run) if any(x["dup_cluster_id"] == r["id"] and x["stage"] == "dedup"
                                                  for x in reject_rows(run)))


def test_remove_by_url_takes_the_document_and_its_cluster_out_as_version_two(demo_run, tmp_path):
    run = copy_run(demo_run, tmp_path / "run")
    before_manifest = (run / "manifest.json").read_bytes()
    before = json.loads(before_manifest)
    doc = _clustered_doc(run)
    copies = [r for r in reject_rows(run) if r["dup_cluster_id"] == doc["id"] and r["stage"] == "dedup"]
    assert eurocurate("summary", str(run)).returncode == 0  # published beside the run: must follow version 2
    proc = eurocurate("remove", str(run), "--url", doc["url"], "--category", "erasure", "--reason", "art. 17",
                      "--requester", "TICKET-7")
    assert proc.returncode == 0, proc.stderr
    assert "removed 1 published document(s)" in proc.stdout and "version 2" in proc.stdout

    assert doc["id"] not in {r["id"] for r in data_rows(run)}
    after = {r["id"]: r for r in reject_rows(run)}
    stub = after[doc["id"]]
    assert (stub["stage"], stub["reason"], stub["text"], stub["url"]) == ("removal", "erasure", None, None)
    assert stub["detail"] == "removal-v2: named by the request"
    for copy in copies:  # the rejected copies keep their dedup accounting, without the content
        row = after[copy["id"]]
        assert row["stage"] == "dedup" and row["text"] is None and row["url"] is None
        assert {"stage": "removal", "key": "redacted", "value": "removal-v2"} in row["annotations"]

    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["version"] == 2
    assert manifest["previous_manifest_sha256"] == hashlib.sha256(before_manifest).hexdigest()
    assert (run / "versions" / "manifest-v1.json").read_bytes() == before_manifest
    removal = manifest["stages"][-1]
    assert removal == {"name": "removal", "in": before["stages"][-1]["kept"], "kept": before["stages"][-1]["kept"] - 1,
                       "rejected": 1, "reasons": {"erasure": 1}, "flagged": {}}
    # only the shards that held the document or its copies were rewritten; the others are the same files
    old = {e["path"]: e["sha256"] for e in before["shards"] + before["rejects"]}
    new = {e["path"]: e["sha256"] for e in manifest["shards"] + manifest["rejects"]}
    unchanged = {p for p in old if new.get(p) == old[p]}
    assert len(old) - len(unchanged) == 1 + len({c["dup_cluster_id"] for c in copies})
    assert all(not (run / p).exists() for p in set(old) - unchanged)  # superseded files are gone

    (entry,) = log_entries((run / ERASURE_LOG).read_bytes())
    assert entry["category"] == "erasure" and entry["requester"] == "TICKET-7" and entry["removed_count"] == 1
    log_text = (run / ERASURE_LOG).read_text()
    assert doc["url"] not in log_text and doc["text"][:60] not in log_text  # hashes, never URLs or text
    assert entry["removed"][0]["url_sha256"] == hashlib.sha256(doc["url"].encode()).hexdigest()
    assert verify_run(run) == []
    assert json.loads((run / "stats.json").read_text())["removal"]["rejected"] == 1
    summary = json.loads((run / "public-summary.json").read_text())  # regenerated from version 2
    published = summary["1_general_information"]["1_3_modality_size_and_characteristics"]["training_data_size"]
    assert published["published_documents"] == before["totals"]["documents"] - 1
    removed = summary["3_data_processing_aspects"]["3_2_removal_of_undesirable_content"]["removed_after_publication"]
    assert removed["version"] == 2 and removed["documents_by_category"] == {"erasure": 1}
    assert (run / "croissant.json").is_file() and not (run / "report.html").exists()  # none made before, none now

    shown = eurocurate("inspect", str(run), doc["url"])
    assert shown.returncode == 0 and "in version 2" in shown.stdout and "category erasure" in shown.stdout


def test_a_selector_that_matches_nothing_is_counted_and_strict_refuses(demo_run, tmp_path):
    run = copy_run(demo_run, tmp_path / "run")
    manifest = (run / "manifest.json").read_bytes()
    lax = eurocurate("remove", str(run), "--url", "https://nowhere.example/x", "--category", "takedown")
    assert lax.returncode == 0 and "matches no document" in lax.stdout and "0 documents matched" in lax.stdout
    doc = data_rows(run)[0]
    strict = eurocurate("remove", str(run), "--id", doc["id"], "--url", "https://nowhere.example/x",
                        "--category", "takedown", "--strict")
    assert strict.returncode == 2 and "1 of 2 selector(s) match no document" in strict.stderr
    assert (run / "manifest.json").read_bytes() == manifest and not (run / "versions").exists()


def test_near_copies_under_other_urls_go_with_the_original_and_nothing_else(copies_run, tmp_path):
    run = copy_run(copies_run["run"], tmp_path / "run")
    urls, planted = copies_run["urls"], copies_run["planted"]
    published = {r["url"] for r in data_rows(run)}
    assert {planted["near_of_0"], planted["near_of_2"]} <= published  # dedup (near: false) left them in
    selectors = [parse_selector(urls[0]), parse_selector(urls[1])]
    outcome = remove_documents(run, selectors, "takedown", "publisher request")
    left = {r["url"] for r in data_rows(run)}
    gone = published - left
    assert planted["near_of_0"] in gone and urls[0] in gone
    assert not {urls[1], planted["exact_of_1"]} & left  # the exact copy pair: whichever dedup kept is gone
    assert planted["near_of_2"] in left and {urls[i] for i in (2, 3, 4, 5, 6, 7)} <= left  # nothing else
    assert outcome.removed_by_why.get("near_copy") == 1 and "dedup index" in outcome.near_search
    assert verify_run(run) == []

    # without a dedup index the kept documents are signed again: the same near copy is found
    again = copy_run(copies_run["run"], tmp_path / "no-index")
    import shutil

    shutil.rmtree(again / "work")
    second = remove_documents(again, selectors, "takedown")
    assert {r["url"] for r in data_rows(again)} == left
    assert "signatures computed from the kept text" in second.near_search


def test_no_copies_removes_only_what_is_named(copies_run, tmp_path):
    run = copy_run(copies_run["run"], tmp_path / "run")
    outcome = remove_documents(run, [parse_selector(copies_run["urls"][0])], "other", copies=False)
    assert outcome.removed == 1 and copies_run["planted"]["near_of_0"] in {r["url"] for r in data_rows(run)}


def test_remove_by_domain_id_sha256_and_file(demo_run, tmp_path):
    run = copy_run(demo_run, tmp_path / "run")
    rows = data_rows(run)
    by_host = [r for r in rows if r["host"] == rows[0]["host"]]
    others = [r for r in rows if r["host"] != rows[0]["host"]]
    requests = tmp_path / "requests.txt"
    requests.write_text(f"# one per line\ndomain:{rows[0]['host']}\n{others[0]['id']}\n{others[1]['text_sha256']}\n")
    proc = eurocurate("remove", str(run), "--from-file", str(requests), "--category", "other", "--no-copies")
    assert proc.returncode == 0, proc.stderr
    left = {r["id"] for r in data_rows(run)}
    assert not left & {r["id"] for r in by_host} and others[0]["id"] not in left and others[1]["id"] not in left
    assert len(left) == len(rows) - len(by_host) - 2


@pytest.mark.parametrize("step", ["shards staged", "marker written", "shard moved in", "log moved in", "committed",
                                  "superseded deleted"])
def test_a_removal_stopped_at_any_step_leaves_one_consistent_version(demo_run, tmp_path, monkeypatch, step):
    from eurocurate.pipeline.removal import remove as removal

    run = copy_run(demo_run, tmp_path / "run")
    before = (run / "manifest.json").read_bytes()
    doc = _clustered_doc(run)

    def crash(at: str) -> None:
        if at == step:
            raise OSError(f"simulated crash after {at}")

    monkeypatch.setattr(removal, "_checkpoint", crash)
    with pytest.raises(OSError, match="simulated crash"):
        remove_documents(run, [parse_selector(doc["url"])], "erasure")
    committed = step in ("committed", "superseded deleted")
    assert ((run / "manifest.json").read_bytes() == before) is not committed
    assert verify_run(run) == []  # the current version (old or new) checks out, leftovers set aside

    monkeypatch.setattr(removal, "_checkpoint", lambda at: None)
    if committed:  # the next command finishes the removal and has nothing left to remove
        outcome = remove_documents(run, [parse_selector(doc["url"])], "erasure")
        assert outcome.recovered.startswith("finished") and outcome.version is None
    else:  # the next command undoes the part done (before the marker: only staged files, cleared), then removes
        outcome = remove_documents(run, [parse_selector(doc["url"])], "erasure")
        assert outcome.version == 2
        assert outcome.recovered is None if step == "shards staged" else outcome.recovered.startswith("undid")
    assert json.loads((run / "manifest.json").read_text())["version"] == 2
    assert len(log_entries((run / ERASURE_LOG).read_bytes())) == 1
    assert not (run / ".staging").exists() and not (run / ".removal-pending.json").exists()
    assert verify_run(run) == []
