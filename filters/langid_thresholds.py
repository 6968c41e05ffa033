"""Per-language settings from configs/languages/<code>.yaml: the language-ID threshold under `langid:`.

Other stages keep their own settings under their own key in the same files (`quality:` for the heuristic
filters), so this reader only looks at `langid:` and ignores the rest.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from pipeline.config import ConfigError

BUNDLED_LANGUAGES_DIR = Path(__file__).resolve().parent.parent / "configs" / "languages"


def languages_dir(configured: str | None) -> Path:
    return Path(configured) if configured else BUNDLED_LANGUAGES_DIR


def load_thresholds(folder: Path) -> dict[str, float]:
    """{language code: minimum language-ID score}; a folder that is absent gives no per-language thresholds."""
    thresholds: dict[str, float] = {}
    if not folder.is_dir():
        return thresholds
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            raise ConfigError(f"{path}: invalid YAML") from None
        section = data.get("langid") if isinstance(data, dict) else None
        if section is None:
            continue
        threshold = section.get("threshold") if isinstance(section, dict) else None
        if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or not 0.0 <= threshold <= 1.0:
            raise ConfigError(f"{path}: key 'langid.threshold': expected a number from 0 to 1")
        thresholds[path.stem] = float(threshold)
    return thresholds
