from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.conftest import eurocurate


def copy_run(run: Path, target: Path) -> Path:
    shutil.copytree(run, target, ignore=shutil.ignore_patterns(".eurocurate.lock"))
    return target


def data_rows(run: Path, columns=("id", "url", "host", "text", "text_sha256", "dup_cluster_id")) -> list[dict]:
    tables = [pq.read_table(p, columns=list(columns)) for p in sorted((run / "data").glob("*/*.parquet"))]
    return pa.concat_tables(tables).to_pylist() if tables else []


def reject_rows(run: Path, columns=("id", "url", "text", "stage", "reason", "duplicate_of", "dup_cluster_id",
                                    "annotations", "detail")) -> list[dict]:
    tables = [pq.read_table(p, columns=list(columns)) for p in sorted((run / "rejects").glob("*/*.parquet"))]
    return pa.concat_tables(tables).to_pylist() if tables else []


def _edit(text: str, every: int) -> str:
    """Every `every`-th word replaced: a near copy (estimated Jaccard of 5-word shingles stays high for large
    `every`)."""
    words = text.split()
    return " ".join("zzyzx" if i % every == every - 1 else w for i, w in enumerate(words))


@pytest.fixture(scope="session")
def copies_run(demo_run, tmp_path_factory) -> dict:
    """A JSON-lines run of eight real texts from the demo plus three planted copies under other URLs: an exact
    copy (dedup removes it) and two near copies (dedup runs with near: false, so they stay published)."""
    root = tmp_path_factory.mktemp("copies")
    texts = [r for r in data_rows(demo_run, ("id", "text", "url")) if len(r["text"].split()) > 150][:8]
    assert len(texts) == 8
    records = [{"text": r["text"], "url": f"https://orig{i}.example/page/{i}"} for i, r in enumerate(texts)]
    planted = {
        "near_of_0": {"text": _edit(texts[0]["text"], 40), "url": "https://syndicate.example/a"},
        "near_of_2": {"text": _edit(texts[2]["text"], 30), "url": "https://aggregator.example/b"},
        "exact_of_1": {"text": texts[1]["text"], "url": "https://copycat.example/c"},
    }
    (root / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in [*records, *planted.values()]))
    config = root / "copies.yaml"
    config.write_text(
        "name: copies\ninputs:\n  - kind: jsonl\n    paths: [in.jsonl]\n"
        "quality:\n  min_words: 50\ndedup:\n  near: false\noutput:\n  compression: zstd\n  shard_max_rows: 3\n")
    out = root / "run"
    proc = eurocurate("run", str(config), "--output", str(out), "--no-progress")
    assert proc.returncode == 0, proc.stderr[-3000:]
    return {"run": out, "config": config, "urls": [r["url"] for r in records],
            "planted": {k: v["url"] for k, v in planted.items()}, "root": root}
