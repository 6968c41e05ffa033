"""Main-text extraction from HTML: charset decoding, then trafilatura (fast path on a shrunk tree, full cascade
where the fast path falls short)."""

from eurocurate.core.stage import StageInfo
from eurocurate.filters.extract.config import ExtractConfig

INFO = StageInfo(
    name="extract", stage_class="eurocurate.filters.extract.stage:ExtractStage", config_key="extract",
    columns=("text", "title", "page_date", "content_sha256"),
    summary="turns HTML (or given text) into main text; rejects binary, undecodable, empty or too short pages",
)

__all__ = ["INFO", "ExtractConfig"]
