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
        1000, ge=0, description="a fast path result shorter than this and covering under `fallback_max_coverage` "
        "of the page's text gets the full cascade as well (0: never)"
    )
    fallback_rescued: bool = Field(
        True, description="the full cascade, on the page as it came, where the fast path's main extractor found "
        "under trafilatura's minimum (a 'rescued' page)"
    )
    fallback_max_coverage: float = Field(
        0.08, ge=0, le=1, description="share of the (pre-cleaned) page's text under which a short fast result is "
        "'thin' and gets the full cascade"
    )
    include_tables: bool = True
    timeout_s: float = Field(10.0, ge=0, description="wall-clock limit per document (0: none)")
    max_tree_nodes: int = Field(300_000, gt=0, description="pages whose HTML tree has more elements are rejected")
