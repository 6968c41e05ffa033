"""Exact and MinHash near-duplicate removal, distributed on Ray through partition files."""

from eurocurate.core.stage import StageInfo
from eurocurate.dedup.config import DedupConfig

INFO = StageInfo(
    name="dedup", stage_class="eurocurate.dedup.stage:run_dedup", config_key="dedup",
    columns=("dup_cluster_id", "dup_cluster_size"),
    summary="keeps one document per cluster of exact or near duplicates (earlier runs' documents first)",
)

__all__ = ["INFO", "DedupConfig"]
