"""The files language ID's settings point at: the per-language thresholds folder."""

from __future__ import annotations

from pathlib import Path

from eurocurate.core.config import absolute_path
from eurocurate.filters.langid.config import LangIdConfig
from eurocurate.filters.langid.thresholds import languages_dir, load_thresholds


def resolve_references(cfg: LangIdConfig, base_dir: Path) -> tuple[LangIdConfig, dict]:
    """(settings with the folder made absolute, what is read from it: its part of the config hash)."""
    folder = absolute_path(str(languages_dir(cfg.languages_dir)), base_dir)
    return cfg.model_copy(update={"languages_dir": folder}), {"langid": load_thresholds(Path(folder))}
