"""The files the quality stage's settings point at: the per-language settings folder."""

from __future__ import annotations

from pathlib import Path

from eurocurate.core.config import absolute_path
from eurocurate.core.language_settings import bundled_languages_dir
from eurocurate.filters.quality.config import QualityConfig
from eurocurate.filters.quality.thresholds import configs_by_language


def resolve_references(cfg: QualityConfig, base_dir: Path) -> tuple[QualityConfig, dict]:
    """(settings with the folder made absolute, the per-language settings read from it: its part of the hash)."""
    folder = absolute_path(cfg.languages_dir or str(bundled_languages_dir()), base_dir)
    resolved = cfg.model_copy(update={"languages_dir": folder})
    # the settings, not where they were read from (the install location differs between machines)
    by_language = {lang: c.model_dump(mode="json", exclude={"languages_dir"})
                   for lang, c in configs_by_language(resolved).items()}
    return resolved, {"quality": by_language}
