"""Language ID tuned for the EU's languages: lid.176, re-weighed by orthography, marker words, spelling rules and
word frequencies where the model is unsure; per-language thresholds; paragraph labels."""

from eurocurate.core.stage import StageInfo
from eurocurate.filters.langid.config import LangIdConfig

INFO = StageInfo(
    name="langid", stage_class="eurocurate.filters.langid.stage:LanguageIdStage", config_key="langid",
    columns=("language", "language_score", "language_top", "language_script", "language_paragraphs",
             "language_shares"),
    models="eurocurate.filters.langid.models:models_used",
    references="eurocurate.filters.langid.references:resolve_references",
    summary="labels each document with its language; rejects (or routes to 'und') low-confidence documents",
)

__all__ = ["INFO", "LangIdConfig"]
