"""PII scrubbing with Presidio, offline: spaCy blank tokenizers and pattern recognizers registered per language.

Detected spans are replaced by typed placeholders (`<EMAIL_ADDRESS>`); text outside them is untouched.
Only counts per entity type leave this module: never the values.
"""

from __future__ import annotations

import functools
import os
import re

# tldextract (imported by Presidio) fetches the public suffix list on first use unless told not to.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

import spacy  # noqa: E402
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry  # noqa: E402
from presidio_analyzer.nlp_engine import SpacyNlpEngine  # noqa: E402
from presidio_analyzer.predefined_recognizers import (  # noqa: E402
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
)

from pipeline.config import PiiConfig  # noqa: E402
from pipeline.stages import Keep, Reject  # noqa: E402

FALLBACK_LANGUAGE = "xx"
# phonenumbers accepts some 4-6 digit strings as valid numbers in some plans (German text: every year "2024");
# no dialable EU number written with its area code is that short.
MIN_PHONE_DIGITS = 7

# Phone numbering plans tried for text in each language (international +NN numbers parse under any of them).
PHONE_REGIONS: dict[str, tuple[str, ...]] = {
    "bg": ("BG",), "cs": ("CZ",), "da": ("DK",), "de": ("DE", "AT", "LU"), "el": ("GR", "CY"),
    "en": ("IE", "MT", "GB"), "es": ("ES",), "et": ("EE",), "fi": ("FI",), "fr": ("FR", "BE", "LU"),
    "ga": ("IE",), "hr": ("HR",), "hu": ("HU",), "it": ("IT",), "lt": ("LT",), "lv": ("LV",), "mt": ("MT",),
    "nl": ("NL", "BE"), "pl": ("PL",), "pt": ("PT",), "ro": ("RO",), "sk": ("SK",), "sl": ("SI",),
    "sv": ("SE", "FI"),
    FALLBACK_LANGUAGE: ("DE", "FR", "IT", "ES", "PL", "NL", "GB"),
}
PII_LANGUAGES = tuple(PHONE_REGIONS)

# spaCy has no tokenizer class for these; its multi-language one serves.
SPACY_CODE = {"mt": "xx", FALLBACK_LANGUAGE: "xx"}

# Cheap pre-screen: text with neither '@', nor ':' (IPv6), nor a run of digits cannot hold a supported entity.
_CANDIDATE = re.compile(r"@|\d{2}|[0-9a-fA-F]{1,4}:[0-9a-fA-F]{0,4}:")


class BlankSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine on blank (tokenizer-only) pipelines: nothing to download."""

    def __init__(self, languages: tuple[str, ...]):
        super().__init__(models=[{"lang_code": lang, "model_name": "blank"} for lang in languages])

    def load(self) -> None:
        self.nlp = {m["lang_code"]: spacy.blank(SPACY_CODE.get(m["lang_code"], m["lang_code"])) for m in self.models}


def _recognizers_for(language: str):
    regions = PHONE_REGIONS[language]
    return [
        EmailRecognizer(supported_language=language),
        PhoneRecognizer(supported_language=language, supported_regions=regions),
        IbanRecognizer(supported_language=language),
        IpRecognizer(supported_language=language),
        CreditCardRecognizer(supported_language=language),
    ]


@functools.lru_cache(maxsize=1)
def build_analyzer() -> AnalyzerEngine:
    """One engine per worker process, covering every supported language."""
    registry = RecognizerRegistry(supported_languages=list(PII_LANGUAGES))
    for language in PII_LANGUAGES:
        for recognizer in _recognizers_for(language):
            registry.add_recognizer(recognizer)
    engine = BlankSpacyNlpEngine(PII_LANGUAGES)
    engine.load()
    return AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=list(PII_LANGUAGES))


def _plausible(result, text: str) -> bool:
    if result.entity_type == "PHONE_NUMBER":
        return sum(ch.isdigit() for ch in text[result.start : result.end]) >= MIN_PHONE_DIGITS
    return True


def _non_overlapping(results) -> list:
    """Keep the longest (then highest-scoring) span wherever detections overlap."""
    chosen: list = []
    for res in sorted(results, key=lambda r: (-(r.end - r.start), -r.score, r.start)):
        if all(res.end <= c.start or res.start >= c.end for c in chosen):
            chosen.append(res)
    return sorted(chosen, key=lambda r: r.start)


def scrub(text: str, language: str | None, cfg: PiiConfig) -> tuple[str, dict[str, int]]:
    """Replace detected entities with typed placeholders; returns the new text and counts per type."""
    if not _CANDIDATE.search(text):
        return text, {}
    lang = language if language in PHONE_REGIONS else FALLBACK_LANGUAGE
    results = build_analyzer().analyze(
        text=text, language=lang, entities=list(cfg.entities), score_threshold=cfg.min_score
    )
    counts: dict[str, int] = {}
    pieces: list[str] = []
    cursor = 0
    for res in _non_overlapping([r for r in results if _plausible(r, text)]):
        pieces.append(text[cursor : res.start])
        pieces.append(f"<{res.entity_type}>")
        cursor = res.end
        counts[res.entity_type] = counts.get(res.entity_type, 0) + 1
    pieces.append(text[cursor:])
    return "".join(pieces), counts


class PiiScrubStage:
    name = "pii"

    def __init__(self, cfg: PiiConfig):
        self.cfg = cfg
        if cfg.enabled:
            build_analyzer()

    def process(self, doc: dict) -> Keep | Reject:
        if not self.cfg.enabled:
            doc["pii_counts"], doc["pii_total"] = [], 0
            return Keep()
        text, counts = scrub(doc["text"], doc.get("language"), self.cfg)
        doc["text"] = text
        doc["pii_counts"] = [{"type": t, "count": c} for t, c in sorted(counts.items())]
        doc["pii_total"] = sum(counts.values())
        if self.cfg.max_findings is not None and doc["pii_total"] > self.cfg.max_findings:
            return Reject("too_much_pii", f"{doc['pii_total']} findings")
        return Keep()
