"""Per-language settings files: configs/languages/<code>.yaml, one section per stage (`langid:`, `quality:`)."""

from __future__ import annotations

from pathlib import Path

import yaml

from pipeline.config import ConfigError

BUNDLED_LANGUAGES_DIR = Path(__file__).resolve().parent.parent / "configs" / "languages"


def language_sections(folder: Path, key: str) -> dict[str, tuple[Path, object]]:
    """{language code: (its file, the value under `key`)} for every file that has the key; none if no folder."""
    sections: dict[str, tuple[Path, object]] = {}
    if not folder.is_dir():
        return sections
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            raise ConfigError(f"{path}: invalid YAML") from None
        section = data.get(key) if isinstance(data, dict) else None
        if section is not None:
            sections[path.stem] = (path, section)
    return sections
