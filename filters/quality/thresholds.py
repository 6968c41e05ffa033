"""Per-language heuristic thresholds: the `quality:` section of configs/languages/<code>.yaml.

A language's section overrides the run config's `quality` values for documents in that language (it is the
more specific setting); `quality.per_language: false` turns the files off. Keys are QualityConfig's.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from eurocurate.core.config import ConfigError

from eurocurate.filters.quality.config import QualityConfig
from eurocurate.core.language_settings import bundled_languages_dir, language_sections

NOT_PER_LANGUAGE = ("enabled", "per_language", "languages_dir")


def load_quality_sections(folder: Path) -> dict[str, dict]:
    """{language code: its `quality:` mapping}; a folder that is absent gives none."""
    sections: dict[str, dict] = {}
    for language, (path, section) in language_sections(folder, "quality").items():
        if not isinstance(section, dict):
            raise ConfigError(f"{path}: key 'quality': expected a mapping of QualityConfig keys")
        misplaced = [k for k in section if k in NOT_PER_LANGUAGE]
        if misplaced:
            raise ConfigError(f"{path}: key 'quality.{misplaced[0]}' is a run setting, not a per-language one")
        sections[language] = section
    return sections


def configs_by_language(cfg: QualityConfig) -> dict[str, QualityConfig]:
    """The run's quality settings with each language's own thresholds applied."""
    if not cfg.per_language:
        return {}
    folder = Path(cfg.languages_dir) if cfg.languages_dir else bundled_languages_dir()
    merged: dict[str, QualityConfig] = {}
    for language, section in load_quality_sections(folder).items():
        try:
            merged[language] = QualityConfig.model_validate(cfg.model_dump() | section)
        except ValidationError as exc:
            err = exc.errors()[0]
            key = ".".join(str(p) for p in err["loc"])
            raise ConfigError(f"{folder / (language + '.yaml')}: key 'quality.{key}': {err['msg']}") from None
    return merged
