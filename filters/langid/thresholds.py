"""Per-language settings from configs/languages/<code>.yaml: the language-ID threshold under `langid:`.

Other stages keep their own settings under their own key in the same files (`quality:` for the heuristic
filters), so this reader only looks at `langid:` and ignores the rest.
"""

from __future__ import annotations

from pathlib import Path

from eurocurate.core.config import ConfigError
from eurocurate.core.language_settings import bundled_languages_dir, language_sections


def languages_dir(configured: str | None) -> Path:
    return Path(configured) if configured else bundled_languages_dir()


def load_thresholds(folder: Path) -> dict[str, float]:
    """{language code: minimum language-ID score}; a folder that is absent gives no per-language thresholds."""
    thresholds: dict[str, float] = {}
    for language, (path, section) in language_sections(folder, "langid").items():
        threshold = section.get("threshold") if isinstance(section, dict) else None
        if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or not 0.0 <= threshold <= 1.0:
            raise ConfigError(f"{path}: key 'langid.threshold': expected a number from 0 to 1")
        thresholds[language] = float(threshold)
    return thresholds
