"""Heuristic quality rules (Gopher, C4, FineWeb) with per-language thresholds."""

from eurocurate.core.stage import StageInfo
from eurocurate.filters.quality.config import QualityConfig

INFO = StageInfo(
    name="quality", stage_class="eurocurate.filters.quality.stage:HeuristicQualityStage", config_key="quality",
    columns=("word_count", "quality_score"),
    references="eurocurate.filters.quality.references:resolve_references",
    summary="rejects documents that fail a Gopher, C4 or FineWeb rule; scores the rest for the dedup keep rule",
)

__all__ = ["INFO", "QualityConfig"]
