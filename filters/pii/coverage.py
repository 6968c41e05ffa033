"""Which entity types the PII stage detects in which language: read by the report without loading Presidio."""

from __future__ import annotations

import functools
from importlib import metadata

from eurocurate.filters.pii.config import PiiConfig
from eurocurate.filters.pii.languages import EU_LANGUAGES, FALLBACK_LANGUAGE, NER_MODELS

PII_LANGUAGES = (*EU_LANGUAGES, FALLBACK_LANGUAGE)
PATTERN_ENTITIES = ("EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "IP_ADDRESS", "CREDIT_CARD", "NATIONAL_ID")


@functools.lru_cache(maxsize=None)
def ner_model_for(language: str) -> str | None:
    """The first spaCy NER model for `language` that is installed here (as a distribution, which is what
    spaCy's own is_package checks), or None."""
    for model in NER_MODELS.get(language, ()):
        try:
            metadata.distribution(model)
            return model
        except metadata.PackageNotFoundError:
            continue
    return None


def pii_coverage(cfg: PiiConfig | None = None) -> dict[str, list[str]]:
    """Entity types detected for text in each language under `cfg` (default config when None)."""
    cfg = cfg or PiiConfig()
    pattern_types = sorted(t for t in cfg.entities if t in PATTERN_ENTITIES)
    coverage = {}
    for language in PII_LANGUAGES:
        types = list(pattern_types)
        if "PERSON" in cfg.entities and ner_model_for(language):
            types.append("PERSON")
        coverage[language] = sorted(types)
    return coverage
