"""The models PII scrubbing uses, with their hashes and licences: the spaCy NER models behind PERSON, per language
met in the output (Presidio's own recognizers are rules, not models)."""

from __future__ import annotations

import hashlib
from importlib import metadata

from eurocurate.filters.pii.config import PiiConfig


def models_used(cfg: PiiConfig, languages: list[str] = ()) -> list[dict]:
    if not cfg.enabled or "PERSON" not in cfg.entities:
        return []
    from eurocurate.filters.pii.coverage import ner_model_for

    entries = []
    for language in sorted(set(languages)):
        package = ner_model_for(language)
        if package is None:
            continue
        meta = metadata.metadata(package)
        entries.append({
            "stage": "pii", "name": f"spaCy {package} {meta['Version']} (PERSON, {language})", "file": package,
            "sha256": _distribution_sha256(package), "license": meta.get("License") or "see model provider",
        })
    return entries


def _distribution_sha256(package: str) -> str:
    """sha256 over an installed package's RECORD (which lists every file with its own hash)."""
    record = metadata.distribution(package).read_text("RECORD") or ""
    return hashlib.sha256(record.encode()).hexdigest()
