"""Per-language settings files: <code>.yaml, one section per stage (`langid:`, `quality:`).

The bundled set ships as package data (`eurocurate.configs`, the repository's configs/languages/); a
missing bundled folder is an install error, never a run without thresholds.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml

from eurocurate.core.config import ConfigError


def bundled_languages_dir() -> Path:
    folder = Path(str(resources.files("eurocurate.configs").joinpath("languages")))
    if not any(folder.glob("*.yaml")):
        raise ConfigError(f"the bundled per-language settings are missing ({folder}): eurocurate is not fully "
                          "installed; reinstall it")
    return folder


def language_sections(folder: Path, key: str) -> dict[str, tuple[Path, object]]:
    """{language code: (its file, the value under `key`)} for every file that has the key."""
    if not folder.is_dir():
        raise ConfigError(f"per-language settings folder not found: {folder}")
    sections: dict[str, tuple[Path, object]] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            raise ConfigError(f"{path}: invalid YAML") from None
        section = data.get(key) if isinstance(data, dict) else None
        if section is not None:
            sections[path.stem] = (path, section)
    return sections
