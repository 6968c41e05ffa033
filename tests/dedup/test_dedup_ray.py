"""The dedup stage end to end on a real embedded Ray: quality against brute-force Jaccard, determinism,
the keep rule, scopes and incremental runs against an earlier run's index."""

from __future__ import annotations

import json
import random

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eurocurate.dedup.evaluation import score, shingle_sets
from eurocurate.dedup.index import IndexMismatch
from eurocurate.dedup.planted_corpus import CorpusSpec, generate
from eurocurate.dedup.stage import run_dedup
from eurocurate.pipeline.config import DedupConfig
from eurocurate.pipeline.ray_runtime import start_ray, stop_ray


@pytest.fixture(scope="module", autouse=True)
def ray_session():
    start_ray(None, 2)
    yield
    stop_ray()


def _write_jsonl(path, docs):
    with open(path, "w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(doc) + "\n")
    return str(path)


def _decisions(outcome) -> dict[str, dict]:
    rows = pa.concat_tables([pq.read_table(f) for f in outcome.decision_files]).to_pylist()
    return {r["id"]: r for r in rows}


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    docs = list(generate(CorpusSpec(docs=3000, seed=7)))
    folder = tmp_path_factory.mktemp("planted")
    files = [_write_jsonl(folder / f"part{k}.jsonl", docs[k::3]) for k in range(3)]
    return docs, files


def test_planted_duplicates_meet_recall_and_precision_against_brute_force(planted, tmp_path):
    docs, files = planted
    cfg = DedupConfig()
    outcome = run_dedup(files, tmp_path / "work", cfg, parallel=2)
    decisions = _decisions(outcome)
    assert outcome.docs == len(docs) and outcome.rounds >= 1
    shingles = dict(zip((d["id"] for d in docs), shingle_sets([d["text"] for d in docs], cfg)))
    cluster_of = {i: d["cluster_id"] for i, d in decisions.items()}
    merged = [(i, d["duplicate_of"]) for i, d in decisions.items() if d["duplicate_of"]]
    result = score(shingles, cluster_of, merged, shingles)
    assert result.pairs_at_threshold > 200
    assert result.recall >= 0.95, result
    assert result.merged_below_share <= 0.01, result
    for doc_id, decision in decisions.items():
        if decision["duplicate_of"]:
            same_text = shingles[doc_id] == shingles[decision["duplicate_of"]]
            assert (decision["reason"] == "exact_duplicate") == same_text
    # Every planted exact copy (edit rate 0: only case and punctuation differ) lands in its source's cluster.
    exact_copies = [d for d in docs if d["edit_rate"] == 0.0]
    assert exact_copies
    for doc in exact_copies:
        assert cluster_of.get(doc["id"], doc["id"]) == cluster_of.get(doc["planted_of"], doc["planted_of"])


def test_same_input_and_config_give_the_same_kept_set_whatever_the_partitioning(planted, tmp_path):
    _, files = planted
    one = _decisions(run_dedup(files, tmp_path / "a", DedupConfig(partitions=1), parallel=2))
    many = _decisions(run_dedup(files, tmp_path / "b", DedupConfig(partitions=5, batch_rows=300), parallel=2))
    assert one == many and len(one) > 500


def _doc(doc_id, text, quality=0.5, language="de"):
    return {"id": doc_id, "text": text, "language": language, "quality_score": quality}


def _prose(seed: int, words: int = 120) -> str:
    rng = random.Random(seed)
    vocab = [f"wort{i}" for i in range(3000)]
    return " ".join(rng.choice(vocab) for _ in range(words))


def _near(text: str, seed: int) -> str:
    words = text.split()
    words[len(words) // 2] = f"anders{seed}"
    return " ".join(words)


def test_keep_rule_cluster_columns_and_reasons(tmp_path):
    base = _prose(1)
    docs = [
        _doc("a", base, quality=0.5),
        _doc("b", _near(base, 1), quality=0.9),
        _doc("c", _near(base, 1).upper() + "!!", quality=0.9),  # exact copy of b after normalisation
        _doc("z", _prose(2), quality=0.1),
    ]
    outcome = run_dedup([_write_jsonl(tmp_path / "in.jsonl", docs)], tmp_path / "work", DedupConfig(), parallel=2)
    decisions = _decisions(outcome)
    assert set(decisions) == {"a", "b", "c"}  # z is alone: no decision, kept with a cluster of one
    assert decisions["b"]["duplicate_of"] is None and decisions["b"]["cluster_size"] == 3
    assert decisions["a"]["duplicate_of"] == "b" and decisions["a"]["reason"] == "near_duplicate"
    assert decisions["c"]["duplicate_of"] == "b" and decisions["c"]["reason"] == "exact_duplicate"
    assert {d["cluster_id"] for d in decisions.values()} == {"b"}
    assert outcome.removed == 2 and outcome.exact_removed == 1


def test_scope_per_language_or_global(tmp_path):
    text = _prose(3)
    docs = [_doc("de1", text, language="de"), _doc("nl1", text, language="nl")]
    path = _write_jsonl(tmp_path / "in.jsonl", docs)
    assert _decisions(run_dedup([path], tmp_path / "lang", DedupConfig(scope="language"), parallel=2)) == {}
    glob = _decisions(run_dedup([path], tmp_path / "glob", DedupConfig(scope="global"), parallel=2))
    assert glob["nl1"]["duplicate_of"] == "de1"


def test_incremental_run_removes_duplicates_of_an_earlier_run(tmp_path):
    old_texts = [_prose(10 + i) for i in range(20)]
    first = run_dedup([_write_jsonl(tmp_path / "old.jsonl", [_doc(f"old{i}", t) for i, t in enumerate(old_texts)])],
                      tmp_path / "run1", DedupConfig(), parallel=2)
    assert first.removed == 0
    new = [_doc("new0", _near(old_texts[3], 9), quality=1.0),  # better quality, but the old one is published
           _doc("new1", _prose(99)), _doc("new2", _near(_prose(99), 4))]
    cfg = DedupConfig(previous_index=[first.index_dir])
    second = run_dedup([_write_jsonl(tmp_path / "new.jsonl", new)], tmp_path / "run2", cfg, parallel=2)
    decisions = _decisions(second)
    assert second.previous_docs == 20
    assert decisions["new0"]["duplicate_of"] == "old3" and decisions["new0"]["cluster_size"] == 2
    assert decisions["new2"]["duplicate_of"] == "new1"
    assert not any(i.startswith("old") for i in decisions)  # earlier documents get no new decisions
    with pytest.raises(IndexMismatch):
        run_dedup([str(tmp_path / "new.jsonl")], tmp_path / "run3",
                  DedupConfig(previous_index=[first.index_dir], ngram=3), parallel=2)
