"""fastText supervised quality classifiers (a .bin or .ftz by path), on CPU.

The installed `fasttext` module (fasttext-predict) predicts only; models are trained elsewhere or with
`eurocurate train-classifier --backend torch`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from eurocurate.core.models import load_fasttext_model
from eurocurate.filters.model_quality.config import ModelQualityModel

LABEL_PREFIX = "__label__"


class FastTextScorer:
    def __init__(self, spec: ModelQualityModel, path: Path):
        self.spec = spec
        self.model = load_fasttext_model(str(path))
        # fasttext-predict has no get_labels(); every label comes back for an empty input with k=-1
        self.labels = [label.removeprefix(LABEL_PREFIX) for label in self.model.predict("", k=-1)[0]]
        if spec.label is not None and spec.label not in self.labels:
            raise ValueError(f"label {spec.label!r} is not one of the model's labels {self.labels}")
        if spec.label is None and not all(label.isdigit() for label in self.labels):
            raise ValueError("a fastText model with non-numeric labels needs `label` (whose probability is scored)")

    def score_texts(self, texts: list[str]) -> np.ndarray:
        out = np.empty(len(texts), dtype=np.float32)
        for i, text in enumerate(texts):
            labels, probs = self.model.predict(" ".join(text[: self.spec.text_chars].split()), k=-1)
            by_label = {label.removeprefix(LABEL_PREFIX): float(p) for label, p in zip(labels, probs)}
            if self.spec.label is not None:
                out[i] = by_label.get(self.spec.label, 0.0)
            else:
                out[i] = sum(int(label) * p for label, p in by_label.items())
        return out
