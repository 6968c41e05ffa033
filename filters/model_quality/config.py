"""Settings of the model quality stage."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eurocurate.core.config import Strict


class ModelQualityModel(Strict):
    """One learned quality classifier: its scores are always stored, its threshold optionally filters."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$", description="the score's name in quality_model_scores")
    backend: Literal["fasttext", "transformers"] = Field(
        description="'fasttext': a supervised .bin/.ftz (CPU); 'transformers': a local folder holding a sequence "
        "classifier or an embedding-plus-head model (eurocurate_head.json)"
    )
    path: str = Field(description="model file or folder, relative to the config file; never downloaded")
    label: str | None = Field(
        None, description="score = probability of this label; null: the regression output of a one-output model, "
        "else the expected label index (FineWeb-Edu style 0..5)"
    )
    min_score: float | None = Field(None, description="run-wide threshold; null: only store scores")
    min_score_by_language: dict[str, float] = Field({}, description="thresholds per ISO 639-1 code")
    max_tokens: int = Field(512, ge=8, description="truncate each document to this many tokens")
    text_chars: int = Field(20_000, gt=0, description="characters of each document handed to the tokenizer")
    license: str | None = Field(
        None, description="the model's licence (SPDX id or text), named in the run manifest and the report"
    )


class ModelQualityConfig(Strict):
    """Model quality stage (off by default): scores every document after PII scrubbing, on GPUs through Ray."""

    enabled: bool = False
    models: list[ModelQualityModel] = []
    batch_tokens: int = Field(65_536, gt=0, description="padded tokens per batch (length-sorted batches)")
    max_batch_docs: int = Field(256, gt=0)
    sort_window_docs: int = Field(4096, gt=0, description="documents read and length-sorted together")
    prefetch_batches: int = Field(4, ge=1, description="tokenised batches queued ahead of the model")
    device: Literal["auto", "cuda", "cpu"] = "auto"
    bf16: bool = Field(True, description="bf16 autocast on CUDA devices that support it")
    actors: int | None = Field(None, gt=0, description="scoring actors; default: one per GPU, else one")
    num_gpus: float = Field(1.0, ge=0, description="GPUs per actor when the cluster has GPUs")
    num_cpus: float = Field(1.0, gt=0, description="CPUs per actor")
    torch_threads: int | None = Field(None, gt=0, description="intra-op threads of a CPU actor")
