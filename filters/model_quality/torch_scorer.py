"""PyTorch / transformers quality classifiers from a local folder, on CUDA (bf16 where supported) or CPU.

A folder holds either a sequence classifier (AutoModelForSequenceClassification, e.g. a FineWeb-Edu-style
regression head) or an embedding-plus-head model (filters/model_quality_head.py). Nothing is downloaded.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from eurocurate.filters.model_quality.batches import padded_length
from eurocurate.filters.model_quality.head import is_head_model, load_head_model
from eurocurate.filters.model_quality.config import ModelQualityModel


def resolve_device(requested: str) -> torch.device:
    if requested == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("model_quality.device is 'cuda' but no CUDA device is visible to this worker")
    if requested == "cpu" or not torch.cuda.is_available():
        return torch.device("cpu")
    return torch.device("cuda")


def score_from_outputs(outputs: torch.Tensor, label_index: int | None) -> np.ndarray:
    """One output: the regression value; else the probability of `label_index`, or the expected label index."""
    outputs = outputs.float()
    if outputs.shape[-1] == 1:
        return outputs[:, 0].cpu().numpy()
    probs = torch.softmax(outputs, dim=-1)
    if label_index is not None:
        return probs[:, label_index].cpu().numpy()
    return (probs * torch.arange(outputs.shape[-1], device=probs.device)).sum(-1).cpu().numpy()


class TransformersScorer:
    """tokenise() runs on the prefetch thread, score() on the thread that owns the device."""

    def __init__(self, spec: ModelQualityModel, folder: Path, device: str = "auto", bf16: bool = True):
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self.spec = spec
        self.device = resolve_device(device)
        if is_head_model(folder):
            model, self.tokenizer, labels = load_head_model(folder)
            self._call = lambda ids, mask: model(ids, mask)
        else:
            model = AutoModelForSequenceClassification.from_pretrained(folder, local_files_only=True)
            self.tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
            count = model.config.num_labels
            labels = None if count == 1 else [model.config.id2label[i] for i in range(count)]
            self._call = lambda ids, mask: model(input_ids=ids, attention_mask=mask).logits
        self.label_index = self._label_index(labels, spec.label)
        self.bf16 = bf16 and self.device.type == "cuda" and torch.cuda.is_bf16_supported()
        model.eval().to(self.device, dtype=torch.bfloat16 if self.bf16 else torch.float32)
        self.model = model
        self.pad_id = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        self.parameters = sum(p.numel() for p in model.parameters())
        self.config = getattr(model, "config", None) or model.encoder.config
        # never past the position embeddings: longer inputs would fail (or silently wrap) inside the model
        limits = [spec.max_tokens, getattr(self.config, "max_position_embeddings", None),
                  getattr(self.tokenizer, "model_max_length", None)]
        self.max_tokens = min(x for x in limits if isinstance(x, int) and x > 0)

    @staticmethod
    def _label_index(labels: list[str] | None, wanted: str | None) -> int | None:
        if wanted is None:
            return None
        if labels is None or wanted not in labels:
            raise ValueError(f"label {wanted!r} is not one of the model's labels {labels}")
        return labels.index(wanted)

    def tokenise(self, texts: list[str]) -> list[list[int]]:
        return self.tokenizer(texts, truncation=True, max_length=self.max_tokens)["input_ids"]

    def collate(self, rows: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
        """Padded ids and mask on the host (pinned when the device is CUDA, so the copy is asynchronous)."""
        width = padded_length(max(len(r) for r in rows))
        ids = torch.full((len(rows), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for i, row in enumerate(rows):
            ids[i, :len(row)] = torch.tensor(row, dtype=torch.long)
            mask[i, :len(row)] = 1
        if self.device.type == "cuda":
            ids, mask = ids.pin_memory(), mask.pin_memory()
        return ids, mask

    @torch.inference_mode()
    def score(self, ids: torch.Tensor, mask: torch.Tensor) -> np.ndarray:
        ids = ids.to(self.device, non_blocking=True)
        mask = mask.to(self.device, non_blocking=True)
        return score_from_outputs(self._call(ids, mask), self.label_index)
