"""AI / text-and-data-mining opt-out (EU DSM directive art. 4): X-Robots-Tag, TDMRep, robots meta, robots.txt."""

from eurocurate.core.stage import StageInfo
from eurocurate.filters.optout.config import OptOutConfig

INFO = StageInfo(
    name="optout", stage_class="eurocurate.filters.optout.stage:OptOutStage", config_key="optout",
    columns=("optout_status", "optout_evidence"),
    references="eurocurate.filters.optout.references:resolve_references",
    summary="rejects (or flags) documents whose publisher reserved them from AI training or text and data mining",
)

__all__ = ["INFO", "OptOutConfig"]
