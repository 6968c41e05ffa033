"""MinHash, tokenisation, buckets, distributed connected components and the keep rule (no Ray needed here)."""

from __future__ import annotations

import json
import random

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eurocurate.dedup.buckets import star_pairs
from eurocurate.dedup.components import labels
from eurocurate.dedup.documents import read_document_batches
from eurocurate.dedup.layout import EDGE_SCHEMA, WorkLayout
from eurocurate.dedup.minhash import Signer, band_hashes, estimated_jaccard, exact_hash, signature
from eurocurate.dedup.shuffle import write_partitioned
from eurocurate.dedup.signing import sign_documents
from eurocurate.dedup.stage import choose_partitions, find_components
from eurocurate.dedup.tokenise import Normaliser, normalise
from eurocurate.pipeline.config import DedupConfig

WORDS = ("river town ferry market bridge museum garden library station harvest winter summer baker mill "
         "tower harbour village forest meadow school").split()


def _text(seed: int, n: int = 200) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(n))


def test_normalisation_folds_case_digits_punctuation_and_placeholders():
    assert normalise("Hello, WORLD 2024!  <EMAIL_ADDRESS>") == "hello world 0000"
    assert exact_hash("Hello, world.") == exact_hash("hello   WORLD")
    assert exact_hash("ﬁne Straße") == exact_hash("fine STRASSE")  # NFKC ligature, case folding


def test_normalisation_switches_are_honoured():
    keep_digits = DedupConfig(fold_digits=False)
    assert exact_hash("room 12", keep_digits) != exact_hash("room 34", keep_digits)
    assert exact_hash("room 12") == exact_hash("room 34")
    keep_case = DedupConfig(casefold=False)
    assert exact_hash("Rome", keep_case) != exact_hash("rome", keep_case)
    keep_punct = DedupConfig(strip_punctuation=False)
    assert Normaliser(keep_punct).tokens("a, b") == ["a,", "b"]


def test_tokenisation_is_language_aware():
    norm = Normaliser(DedupConfig())
    assert norm.tokens("L'homme est là", "fr") == ["l", "homme", "est", "là"]
    assert norm.tokens("東京都に住む", "ja") == list("東京都に住む")
    assert norm.tokens("東京都に住む", "de") == ["東京都に住む"]


def test_signature_estimates_similarity():
    cfg = DedupConfig()
    base = _text(1)
    words = base.split()
    words[100] = "changed"
    near = " ".join(words)
    assert estimated_jaccard(signature(base, cfg), signature(near, cfg)) > 0.8
    assert estimated_jaccard(signature(base, cfg), signature(_text(2), cfg)) < 0.1
    assert band_hashes(signature(base, cfg)[None, :], cfg).shape == (1, cfg.bands)


def test_signature_is_deterministic_and_seeded():
    a, b = DedupConfig(seed=1), DedupConfig(seed=2)
    assert (signature(_text(3), a) == signature(_text(3), a)).all()
    assert not (signature(_text(3), a) == signature(_text(3), b)).all()


def test_batch_signing_equals_one_by_one():
    """Documents are min-hashed many at a time in blocks; the block boundaries must not change anything."""
    cfg = DedupConfig()
    texts = [_text(i, n=50 + 37 * (i % 40)) for i in range(400)] + ["", "one", "two words"]
    exact, batch = Signer(cfg).sign(texts, [None] * len(texts))
    for i, text in enumerate(texts):
        assert (batch[i] == signature(text, cfg)).all(), i
        assert tuple(int(x) for x in exact[i]) == exact_hash(text)


def test_buckets_link_near_duplicates_only():
    cfg = DedupConfig()
    base = _text(5)
    near = base.replace(base.split()[50], "other", 1)
    texts = [base, near, _text(6)]
    bands = band_hashes(Signer(cfg).sign(texts, [None] * 3)[1], cfg)
    keys = (bands + np.arange(cfg.bands, dtype=np.uint64)[None, :] * np.uint64(1_000_003)).ravel()
    nodes = np.repeat(np.arange(3, dtype=np.uint64), cfg.bands)
    heads, members = star_pairs(keys, nodes)
    assert set(zip(heads.tolist(), members.tolist())) == {(0, 1)}


def _local_step(label, fn, args):
    return [fn(*a) for a in args]


def _reference_components(edges: list[tuple[int, int]]) -> dict[int, int]:
    parent: dict[int, int] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


@pytest.mark.parametrize("partitions", [1, 3, 7])
def test_distributed_components_match_union_find(tmp_path, partitions):
    rng = random.Random(partitions)
    edges = [(i, i + 1) for i in range(100, 160)]  # a long path: needs several rounds
    edges += [(rng.randrange(1000, 1400), rng.randrange(1000, 1400)) for _ in range(300)]
    edges += [(5, 2), (9, 2), (7, 9)]
    edges = [(a, b) for a, b in edges if a != b]
    u = np.array([a for a, b in edges] + [b for a, b in edges], dtype=np.uint64)
    v = np.array([b for a, b in edges] + [a for a, b in edges], dtype=np.uint64)
    layout = WorkLayout(tmp_path)
    write_partitioned(pa.Table.from_arrays([pa.array(u), pa.array(v)], schema=EDGE_SCHEMA), u, partitions,
                      layout.round(0, "large"), "edges")
    number = find_components(_local_step, str(tmp_path), partitions, max_rounds=64)
    got = {}
    for p in range(partitions):
        nodes, roots = labels(number, p, str(tmp_path))
        got.update(zip(nodes.tolist(), roots.tolist()))
    assert got == _reference_components(edges)
    assert number >= 2


def test_partitions_grow_with_the_corpus_not_the_task_memory():
    cfg = DedupConfig(partition_rows=1_000)
    assert choose_partitions(cfg, docs=10, parallel=2) == 2
    assert choose_partitions(cfg, docs=10_000, parallel=2) == 150  # 10k docs x 15 keys / 1k rows
    assert choose_partitions(DedupConfig(partitions=4), docs=10_000, parallel=2) == 4


def test_jsonl_input_is_streamed_in_batches_with_any_id_type_and_extra_fields(tmp_path):
    lines = [{"id": i, "text": f"text {i}", "extra": None if i % 2 else "x"} for i in range(25)]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    batches = list(read_document_batches(str(path), 10))
    assert [len(b) for b in batches] == [10, 10, 5]
    assert [i for b in batches for i in b.ids] == list(range(25))
    assert batches[0].to_table().schema.names == ["id", "text", "language", "quality_score"]
    assert batches[0].to_table().schema.field("id").type == pa.int64()


def test_jsonl_lines_that_break_the_contract_name_their_line(tmp_path):
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text('{"id": 1, "text": "a"}\n{"id": "2", "text": "b"}\n')
    with pytest.raises(ValueError, match="mixed.jsonl:2"):
        list(read_document_batches(str(mixed), 10))
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": 1, "text": "a"}\n\n{"id": 2, "text": \n')
    with pytest.raises(ValueError, match="broken.jsonl:3: not valid JSON"):
        list(read_document_batches(str(broken), 10))
    empty_text = tmp_path / "empty.jsonl"
    empty_text.write_text('{"id": "x", "text": null, "quality_score": 0.5, "language": "de"}\n')
    (batch,) = read_document_batches(str(empty_text), 10)
    assert batch.texts == [None] and batch.languages == ["de"] and batch.quality.tolist() == [0.5]


def test_signing_writes_per_batch_rows_whatever_the_signing_chunk(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": _text(i, 30)}) + "\n" for i in range(1300)))
    sign_documents(str(path), 0, DedupConfig(batch_rows=600).model_dump_json(), str(tmp_path / "work"), 1)
    files = sorted(p.name for p in (tmp_path / "work" / "nodes" / "p00000").glob("*.parquet"))
    # Signed 500 at a time, written once at least 600 are waiting: 1000 + 300, not one file per 500.
    assert files == ["s0-f000000-b00000.parquet", "s0-f000000-b00001.parquet"]
    assert [pq.read_table(tmp_path / "work" / "nodes" / "p00000" / f).num_rows for f in files] == [1000, 300]
