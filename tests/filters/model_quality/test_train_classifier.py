"""`eurocurate train-classifier`: a model folder the model quality stage loads, with a model card and held-out
metrics; trained from labelled JSONL here on the demo's prose against junk made from it."""

from __future__ import annotations

import importlib.util
import json
import random

import pytest

from eurocurate.pipeline.config import ModelQualityModel
from tests.conftest import eurocurate
from tests.filters.quality.test_quality_heuristics import ARTICLES


def _labelled(path, copies: int = 3):
    rng = random.Random(3)
    rows = []
    for lang, articles in ARTICLES.items():
        for article in articles:
            for paragraph in article["paragraphs"]:
                words = paragraph.split()
                for _ in range(copies):
                    start = rng.randrange(max(1, len(words) - 25))
                    rows.append({"text": " ".join(words[start:start + 25]), "label": "good", "language": lang})
                    rows.append({"text": " ".join(rng.choice(["cheap", "buy", "now", "best", "price", "click",
                                                             "free", words[0]]) for _ in range(25)),
                                 "label": "junk", "language": lang})
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    return path


@pytest.mark.slow
def test_train_classifier_writes_a_model_the_stage_loads(tmp_path):
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from eurocurate.filters.model_quality.torch_scorer import TransformersScorer
    from eurocurate.filters.model_quality.train import train_classifier

    data = _labelled(tmp_path / "labelled.jsonl", copies=1)
    summary = train_classifier(data, tmp_path / "model", epochs=2, lr=2e-3, max_tokens=64, vocab_size=800,
                               hidden=32, layers=1)
    assert summary["labels"] == ["good", "junk"]
    assert summary["metrics"]["rows"] == summary["data"]["held_out_rows"] > 0
    assert summary["metrics"]["accuracy"] >= 0.9
    assert set(summary["languages"]) == set(ARTICLES)
    card = (tmp_path / "model" / "MODEL_CARD.md").read_text()
    assert "labelled.jsonl" in card and "accuracy" in card and "Held-out metrics" in card
    spec = ModelQualityModel(name="clf", backend="transformers", path=str(tmp_path / "model"), label="good")
    scorer = TransformersScorer(spec, tmp_path / "model", "cpu")
    good = ARTICLES["pl"][0]["paragraphs"][0]
    junk = " ".join(["cheap", "click", "now", "free", "best", "price"] * 5)
    scores = scorer.score(*scorer.collate(scorer.tokenise([good, junk])))
    assert scores[0] > 0.5 > scores[1]


@pytest.mark.slow
def test_head_on_a_frozen_encoder(tmp_path):
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from eurocurate.filters.model_quality.head import is_head_model
    from eurocurate.filters.model_quality.train import save_random_classifier, train_classifier

    data = _labelled(tmp_path / "labelled.jsonl", copies=1)
    texts = [json.loads(line)["text"] for line in data.read_text().splitlines()]
    encoder = save_random_classifier(tmp_path / "encoder", texts, labels=None, vocab_size=500, hidden=32,
                                     layers=1, heads=2, max_tokens=64)
    summary = train_classifier(data, tmp_path / "head", encoder=encoder, epochs=3, lr=1e-2, max_tokens=64)
    assert is_head_model(tmp_path / "head") and summary["shape"].startswith("head on frozen encoder")
    assert summary["metrics"]["accuracy"] > 0.6  # a random encoder's embeddings still separate spam from prose


def test_cli_reports_bad_input_without_a_traceback(tmp_path):
    proc = eurocurate("train-classifier", str(tmp_path / "missing.jsonl"), str(tmp_path / "out"))
    assert proc.returncode == 2 and "training data not found" in proc.stderr and "Traceback" not in proc.stderr
    one_label = tmp_path / "one.jsonl"
    one_label.write_text("\n".join(json.dumps({"text": f"text {i}", "label": "good"}) for i in range(10)))
    proc = eurocurate("train-classifier", str(one_label), str(tmp_path / "out"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr[-500:]
    if importlib.util.find_spec("torch") and importlib.util.find_spec("transformers"):
        assert "at least two labels" in proc.stderr, proc.stderr[-500:]
    else:
        assert "needs PyTorch and transformers" in proc.stderr
