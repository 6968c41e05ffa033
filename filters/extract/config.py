"""Settings of the extraction stage (trafilatura)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eurocurate.core.config import Strict


class ExtractConfig(Strict):
    favor: Literal["balanced", "precision", "recall"] = "balanced"
    min_chars: int = Field(200, ge=0)
    max_html_bytes: int = Field(5_000_000, gt=0)
    fast_path: bool = Field(
        True, description="trafilatura's fast mode on a pre-cleaned tree; false: its full cascade on every page"
    )
    fallback_below_chars: int = Field(
        500, ge=0, description="fast path results shorter than this get the full cascade as well (0: never)"
    )
    include_tables: bool = True
    timeout_s: float = Field(10.0, ge=0, description="wall-clock limit per document (0: none)")
    max_tree_nodes: int = Field(300_000, gt=0, description="pages whose HTML tree has more elements are rejected")
