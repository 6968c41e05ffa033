"""Model quality stage: batching, prefetching, the fastText and transformers backends on CPU with tiny models the
tests build themselves, per-language thresholds with reasons, and the stage inside a real Ray run."""

from __future__ import annotations

import json
import threading
import time

import pyarrow.parquet as pq
import pytest

from eurocurate.filters.model_quality.batches import length_sorted_batches, prefetched
from eurocurate.pipeline.config import ModelQualityConfig, ModelQualityModel
from eurocurate.core.schema import WORK_SCHEMA, rows_to_table

TEXTS = {
    "en": "The ferry crossed the river every morning and the town grew around its landing stage.",
    "de": "Die Fähre fuhr jeden Morgen über den Fluss, und die Stadt wuchs rund um den Anleger.",
    "fr": "Le bac traversait la rivière chaque matin et la ville grandissait autour de son débarcadère.",
}


def test_length_sorted_batches_cover_every_document_once_within_the_token_budget():
    lengths = [5, 300, 17, 64, 64, 1, 512, 33, 8, 120] * 7
    batches = length_sorted_batches(lengths, batch_tokens=1024, max_batch_docs=16)
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(lengths)))
    assert [lengths[i] for i in flat] == sorted(lengths, reverse=True)
    for batch in batches:
        width = max(-(-lengths[i] // 8) * 8 for i in batch)
        assert len(batch) <= 16 and (len(batch) == 1 or width * len(batch) <= 1024)


def test_prefetch_overlaps_the_producer_and_passes_on_its_errors():
    started = threading.Event()

    def produce():
        for i in range(5):
            started.set()
            yield i

    assert list(prefetched(produce, 2)) == [0, 1, 2, 3, 4]

    def failing():
        yield 1
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        list(prefetched(failing, 2))
    # the producer runs ahead while the consumer is busy
    seen = []
    for item in prefetched(produce, 3):
        if not seen:
            time.sleep(0.2)
        seen.append(item)
    assert seen == [0, 1, 2, 3, 4] and started.is_set()


def test_fasttext_backend_scores_the_probability_of_a_label():
    from eurocurate.filters.langid.stage import lid176_path
    from eurocurate.filters.model_quality.fasttext_scorer import FastTextScorer

    spec = ModelQualityModel(name="english", backend="fasttext", path=str(lid176_path()), label="en")
    scores = FastTextScorer(spec, lid176_path()).score_texts([TEXTS["en"], TEXTS["de"]])
    assert scores[0] > 0.9 and scores[1] < 0.1
    with pytest.raises(ValueError, match="non-numeric"):
        FastTextScorer(spec.model_copy(update={"label": None}), lid176_path())


# --- transformers backend (needs torch) -----------------------------------------------------------------------

def _docs(n: int) -> list[dict]:
    langs = sorted(TEXTS)
    rows = []
    for i in range(n):
        lang = langs[i % 3]
        rows.append({"id": f"doc-{i:03d}", "language": lang, "text": " ".join([TEXTS[lang]] * (1 + i % 9)),
                     "models": [{"stage": "langid", "name": "lid.176", "sha256": "0" * 64}]})
    return rows


@pytest.fixture(scope="module")
def tiny_regressor(tmp_path_factory):
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from eurocurate.filters.model_quality.train import save_random_classifier

    folder = tmp_path_factory.mktemp("models") / "tiny-edu"
    return save_random_classifier(folder, list(TEXTS.values()) * 5, labels=None, vocab_size=300, hidden=32,
                                  layers=2, heads=2, max_tokens=128)


def _reference_scores(folder, texts, max_tokens):
    """Each document alone, unpadded: what batching, sorting and padding must not change."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model = AutoModelForSequenceClassification.from_pretrained(folder).eval()
    tok = AutoTokenizer.from_pretrained(folder)
    with torch.inference_mode():
        return [float(model(**tok(t, truncation=True, max_length=max_tokens, return_tensors="pt")).logits[0, 0])
                for t in texts]


def _write_docs(path, rows):
    pq.write_table(rows_to_table(rows, WORK_SCHEMA), path)


def test_transformers_backend_scores_every_document_like_unbatched_inference(tiny_regressor, tmp_path):
    from eurocurate.filters.model_quality.stage import FileScorer

    rows = _docs(40)
    _write_docs(tmp_path / "in.parquet", rows)
    spec = ModelQualityModel(name="edu", backend="transformers", path=str(tiny_regressor), max_tokens=64)
    cfg = ModelQualityConfig(enabled=True, models=[spec], batch_tokens=256, sort_window_docs=16, device="cpu")
    stats = FileScorer(cfg).score_file(tmp_path / "in.parquet", tmp_path / "out.parquet", tmp_path / "rej.parquet",
                                       keep_text=False)
    assert stats == {"in": 40, "kept": 40, "rejected": 0, "reasons": {}, "flagged": {}}
    out = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert [r["id"] for r in out] == [r["id"] for r in rows]
    got = [r["quality_model_scores"][0]["score"] for r in out]
    assert all(r["quality_model_scores"][0]["model"] == "edu" for r in out)
    expected = _reference_scores(tiny_regressor, [r["text"] for r in rows], 64)
    assert got == pytest.approx(expected, abs=1e-4)
    assert len(set(got)) >= 3  # scores differ between documents (so matching the reference means something)
    assert [m["stage"] for m in out[0]["models"]] == ["langid", "model_quality"]


def test_thresholds_per_language_reject_with_a_reason(tiny_regressor, tmp_path):
    from eurocurate.filters.model_quality.stage import FileScorer

    rows = _docs(30)
    _write_docs(tmp_path / "in.parquet", rows)
    spec = ModelQualityModel(name="edu", backend="transformers", path=str(tiny_regressor), max_tokens=64)
    scores = {r["id"]: s for r, s in zip(rows, _reference_scores(tiny_regressor, [r["text"] for r in rows], 64))}
    de_scores = sorted(s for r, s in zip(rows, scores.values()) if r["language"] == "de")
    cut = de_scores[len(de_scores) // 2]
    spec = spec.model_copy(update={"min_score_by_language": {"de": cut}})
    cfg = ModelQualityConfig(enabled=True, models=[spec], device="cpu")
    stats = FileScorer(cfg).score_file(tmp_path / "in.parquet", tmp_path / "out.parquet", tmp_path / "rej.parquet",
                                       keep_text=False)
    rejected = pq.read_table(tmp_path / "rej.parquet").to_pylist()
    expected = {r["id"] for r in rows if r["language"] == "de" and scores[r["id"]] < cut - 1e-4}
    assert {r["id"] for r in rejected} >= expected and len(rejected) >= 1
    assert all(r["language"] == "de" and r["reason"] == "low_score_edu" and r["stage"] == "model_quality"
               and r["text"] is None and r["quality_model_scores"][0]["score"] < cut for r in rejected)
    assert stats["in"] == 30 == stats["kept"] + stats["rejected"]
    assert stats["reasons"] == {"low_score_edu": len(rejected)}
    assert pq.read_table(tmp_path / "out.parquet").num_rows == stats["kept"]


def test_embedding_plus_head_model_loads_from_a_folder(tmp_path):
    torch = pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from transformers import AutoModel, AutoTokenizer

    from eurocurate.filters.model_quality.head import build_head, save_head_model
    from eurocurate.filters.model_quality.torch_scorer import TransformersScorer
    from eurocurate.filters.model_quality.train import save_random_classifier

    base = save_random_classifier(tmp_path / "base", list(TEXTS.values()), labels=None, vocab_size=200, hidden=32,
                                  layers=1, heads=2, max_tokens=64)
    torch.manual_seed(0)
    save_head_model(tmp_path / "jql", AutoModel.from_pretrained(base), AutoTokenizer.from_pretrained(base),
                    build_head(32, [16], 2), "mean", [16], ["low", "high"])
    spec = ModelQualityModel(name="jql", backend="transformers", path=str(tmp_path / "jql"), label="high")
    scorer = TransformersScorer(spec, tmp_path / "jql", "cpu")
    ids = scorer.tokenise(list(TEXTS.values()))
    scores = scorer.score(*scorer.collate(ids))
    assert scores.shape == (3,) and ((scores > 0) & (scores < 1)).all()
    with pytest.raises(ValueError, match="not one of"):
        TransformersScorer(spec.model_copy(update={"label": "medium"}), tmp_path / "jql", "cpu")


@pytest.mark.gpu
def test_gpu_scores_match_cpu_within_bf16_tolerance(tiny_regressor, tmp_path):
    torch = pytest.importorskip("torch")
    if not torch.cuda.is_available():
        pytest.skip("no CUDA device")
    from eurocurate.filters.model_quality.stage import FileScorer

    rows = _docs(64)
    _write_docs(tmp_path / "in.parquet", rows)
    spec = ModelQualityModel(name="edu", backend="transformers", path=str(tiny_regressor), max_tokens=64)
    got = {}
    for device in ("cpu", "cuda"):
        cfg = ModelQualityConfig(enabled=True, models=[spec], device=device)
        FileScorer(cfg).score_file(tmp_path / "in.parquet", tmp_path / f"{device}.parquet", tmp_path / "r.parquet",
                                   keep_text=False)
        got[device] = [r["quality_model_scores"][0]["score"]
                       for r in pq.read_table(tmp_path / f"{device}.parquet").to_pylist()]
    assert got["cuda"] == pytest.approx(got["cpu"], abs=0.05, rel=0.02)


def test_actor_layout_follows_the_cluster():
    from eurocurate.filters.model_quality.stage import actor_layout

    cfg = ModelQualityConfig(enabled=True)
    assert actor_layout(cfg, {"CPU": 16, "GPU": 4}) == (4, {"num_gpus": 1.0, "num_cpus": 1.0})
    assert actor_layout(cfg.model_copy(update={"num_gpus": 0.5}), {"GPU": 2}) == (4, {"num_gpus": 0.5,
                                                                                       "num_cpus": 1.0})
    assert actor_layout(cfg, {"CPU": 2}) == (1, {"num_cpus": 1.0})
    with pytest.raises(RuntimeError, match="no GPUs"):
        actor_layout(cfg.model_copy(update={"device": "cuda"}), {"CPU": 2})


@pytest.mark.slow
def test_model_quality_stage_in_a_real_run_accounts_for_every_document(tmp_path):
    """Phase 1b on an embedded Ray: scores stored, below-threshold documents rejected with their reason."""
    import yaml

    from eurocurate.filters.langid.stage import lid176_path
    from tests.conftest import ROOT, eurocurate

    config = {
        "name": "mq", "inputs": [{"kind": "warc", "paths": [str(ROOT / "samples" / "demo" / "demo-000[01].warc.gz")]}],
        "model_quality": {"enabled": True, "models": [
            {"name": "french", "backend": "fasttext", "path": str(lid176_path()), "label": "fr",
             "min_score_by_language": {"de": 0.5}, "license": "CC-BY-SA-3.0"}]},
    }
    (tmp_path / "mq.yaml").write_text(yaml.safe_dump(config))
    proc = eurocurate("run", str(tmp_path / "mq.yaml"), "--output", str(tmp_path / "run"), "--no-progress")
    assert proc.returncode == 0, proc.stderr[-3000:]
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text())
    stages = {s["name"]: s for s in manifest["stages"]}
    assert [s["name"] for s in manifest["stages"]] == ["read", "optout", "extract", "langid", "quality", "pii",
                                                      "model_quality", "dedup"]
    mq = stages["model_quality"]
    assert mq["in"] == stages["pii"]["kept"] == mq["kept"] + mq["rejected"] and mq["rejected"] > 0
    assert mq["reasons"] == {"low_score_french": mq["rejected"]}
    assert stages["dedup"]["in"] == mq["kept"]
    assert not list((tmp_path / "run" / "data").glob("de/*.parquet"))
    rejects = pq.read_table(next((tmp_path / "run" / "rejects" / "model_quality").glob("*.parquet"))).to_pylist()
    assert {r["language"] for r in rejects} == {"de"}
    kept = [r for f in (tmp_path / "run" / "data").glob("*/*.parquet") for r in pq.read_table(f).to_pylist()]
    assert kept and all(r["quality_model_scores"][0]["model"] == "french" for r in kept)
    assert max(r["quality_model_scores"][0]["score"] for r in kept if r["language"] == "fr") > 0.5
    assert {(m["stage"], m["license"]) for m in manifest["models"]} == {("langid", "CC-BY-SA-3.0"),
                                                                        ("model_quality", "CC-BY-SA-3.0")}
    assert eurocurate("verify", str(tmp_path / "run")).returncode == 0
