"""Settings of exact and MinHash near-duplicate removal."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eurocurate.core.config import Strict


class DedupConfig(Strict):
    enabled: bool = True
    exact: bool = Field(True, description="remove documents whose normalised text is identical")
    near: bool = Field(True, description="remove near-duplicates found by MinHash LSH")
    ngram: int = Field(5, ge=1, description="words per shingle")
    bands: int = Field(14, ge=1)
    rows: int = Field(8, ge=1, description="MinHash values per band (permutations = bands x rows)")
    seed: int = 1
    scope: Literal["language", "global"] = "language"
    unicode_nfkc: bool = True
    casefold: bool = True
    fold_digits: bool = Field(True, description="every digit becomes 0")
    strip_punctuation: bool = Field(True, description="words are runs of Unicode word characters")
    min_similarity: float = Field(
        0.7, ge=0.0, le=1.0, description="estimated Jaccard a candidate pair from a shared band needs to be merged"
    )
    partitions: int | None = Field(
        None, gt=0, description="shuffle partitions; default: enough that none holds more than partition_rows"
    )
    partition_rows: int = Field(
        500_000, gt=0, description="bucket rows (documents x bands) per partition: bounds each task's memory"
    )
    batch_rows: int = Field(4_000, gt=0, description="documents per shuffle write of a signature task")
    max_rounds: int = Field(64, gt=0, description="connected-components rounds before giving up")
    previous_index: list[str] = Field(
        [], description="index folders (RUN/work/dedup/index) of earlier runs: their documents are kept, "
        "documents of this run that duplicate them are removed"
    )
