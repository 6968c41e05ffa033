"""Embedding-plus-head quality models (JQL style): a frozen encoder, pooled, then a small trained head.

Folder layout: eurocurate_head.json (pooling, head sizes, labels), head.safetensors (the head's weights) and
encoder/ (a Hugging Face encoder with its tokenizer, saved with save_pretrained).
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file
from torch import nn

HEAD_CONFIG = "eurocurate_head.json"
HEAD_WEIGHTS = "head.safetensors"
ENCODER_DIR = "encoder"


def build_head(input_size: int, hidden: list[int], outputs: int) -> nn.Sequential:
    layers: list[nn.Module] = []
    size = input_size
    for width in hidden:
        layers += [nn.Linear(size, width), nn.GELU()]
        size = width
    layers.append(nn.Linear(size, outputs))
    return nn.Sequential(*layers)


def pool(hidden_states: torch.Tensor, attention_mask: torch.Tensor, how: str) -> torch.Tensor:
    if how == "cls":
        return hidden_states[:, 0]
    mask = attention_mask.unsqueeze(-1).to(hidden_states.dtype)
    return (hidden_states * mask).sum(1) / mask.sum(1).clamp(min=1)


class EmbeddingHeadModel(nn.Module):
    def __init__(self, encoder: nn.Module, head: nn.Sequential, pooling: str):
        super().__init__()
        self.encoder, self.head, self.pooling = encoder, head, pooling

    def embed(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return pool(hidden, attention_mask, self.pooling)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.head(self.embed(input_ids, attention_mask))


def is_head_model(folder: Path) -> bool:
    return (Path(folder) / HEAD_CONFIG).is_file()


def load_head_model(folder: Path):
    """(model, tokenizer, labels or None for a regression head)."""
    from transformers import AutoModel, AutoTokenizer

    folder = Path(folder)
    spec = json.loads((folder / HEAD_CONFIG).read_text())
    encoder = AutoModel.from_pretrained(folder / ENCODER_DIR, local_files_only=True)
    tokenizer = AutoTokenizer.from_pretrained(folder / ENCODER_DIR, local_files_only=True)
    labels = spec.get("labels")
    head = build_head(encoder.config.hidden_size, spec.get("hidden", []), len(labels) if labels else 1)
    head.load_state_dict(load_file(str(folder / HEAD_WEIGHTS)))
    return EmbeddingHeadModel(encoder, head, spec.get("pooling", "mean")), tokenizer, labels


def save_head_model(folder: Path, encoder, tokenizer, head: nn.Sequential, pooling: str, hidden: list[int],
                    labels: list[str] | None, extra: dict | None = None) -> None:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    encoder.save_pretrained(folder / ENCODER_DIR)
    tokenizer.save_pretrained(folder / ENCODER_DIR)
    save_file({k: v.detach().cpu().contiguous() for k, v in head.state_dict().items()}, str(folder / HEAD_WEIGHTS))
    spec = {"pooling": pooling, "hidden": hidden, "labels": labels, **(extra or {})}
    (folder / HEAD_CONFIG).write_text(json.dumps(spec, indent=2))
