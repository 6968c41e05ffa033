"""PII scrubbing with Presidio for the 24 official EU languages, offline and fast.

A regex pre-screen (filters/pii/prescreen.py) finds where an identifier could be; only windows around those
candidates are analysed by the Presidio recognizers of filters/pii/recognizers.py, built once per worker and per
language (lazily, on the first window in that language) and run as Presidio's AnalyzerEngine runs them
(PatternEngine). None of those recognizers reads tokens (each weighs its context from the characters before a
finding), so no spaCy pipeline runs.
Detected spans are replaced according to the policy of their type (placeholder or salted hash); text outside them
is left byte-identical. Only counts per entity type leave this module: never the values.
"""

from __future__ import annotations

import functools
import logging
import os
from collections import Counter
from dataclasses import dataclass

# tldextract (imported by Presidio) fetches the public suffix list on first use unless told not to.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

import spacy  # noqa: E402
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult  # noqa: E402
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer  # noqa: E402
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine, SpacyNlpEngine  # noqa: E402
from presidio_analyzer.predefined_recognizers import SpacyRecognizer  # noqa: E402

from eurocurate.filters.pii.languages import EU_LANGUAGES, FALLBACK_LANGUAGE, PHONE_REGIONS  # noqa: E402,F401
from eurocurate.filters.pii.national_ids import SUPPORTED_COUNTRIES  # noqa: E402
from eurocurate.filters.pii.policy import replacement  # noqa: E402
from eurocurate.filters.pii.number_context import context_kind  # noqa: E402
from eurocurate.filters.pii.prescreen import candidate_windows  # noqa: E402
from eurocurate.filters.pii.recognizers import new_document, recognizers_for  # noqa: E402
from eurocurate.filters.pii.config import PiiConfig  # noqa: E402
from eurocurate.filters.pii.coverage import PATTERN_ENTITIES, PII_LANGUAGES, ner_model_for, pii_coverage  # noqa: E402,F401

# Presidio logs the matched text when a validator fails on odd input; values must never reach a log.
logging.getLogger("presidio-analyzer").setLevel(logging.CRITICAL)

NATIONAL_ID_COUNTRIES = SUPPORTED_COUNTRIES


class NoTokensNlpEngine(NlpEngine):
    """An NLP engine that produces no tokens, for recognizers that need none: no spaCy pipeline to build or run."""

    def __init__(self, languages: tuple[str, ...]):
        self.languages = list(languages)

    def load(self) -> None:
        pass

    def is_loaded(self) -> bool:
        return True

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        return NlpArtifacts(entities=[], tokens=[], tokens_indices=[], lemmas=[], nlp_engine=self, language=language)

    def process_batch(self, texts, language, batch_size=1, n_process=1, **kwargs):
        for text in texts:
            yield text, self.process_text(text, language)

    def is_stopword(self, word: str, language: str) -> bool:
        return False

    def is_punct(self, word: str, language: str) -> bool:
        return False

    def get_supported_entities(self) -> list[str]:
        return []

    def get_supported_languages(self) -> list[str]:
        return self.languages


class InstalledSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine on a model that is already installed (spacy.load never downloads)."""

    def __init__(self, language: str, model: str):
        super().__init__(models=[{"lang_code": language, "model_name": model}])

    def load(self) -> None:
        self.nlp = {m["lang_code"]: spacy.load(m["model_name"]) for m in self.models}


class RecognizerOwnContext(ContextAwareEnhancer):
    """Every recognizer of filters/pii_recognizers.py weighs its own context; Presidio's lemma-based pass
    (which needs lemmas a tokenizer-only pipeline does not have, and deep-copies every result) is skipped."""

    def __init__(self):
        super().__init__(context_similarity_factor=0.0, min_score_with_context_similarity=0.0,
                         context_prefix_count=0, context_suffix_count=0)

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        return raw_results


def engine_language(language: str | None) -> str:
    return language if language in PHONE_REGIONS else FALLBACK_LANGUAGE


class PatternEngine:
    """The pattern recognizers of one language, run on a text as Presidio's AnalyzerEngine runs them (each
    recognizer's findings, then each recognizer's context enhancement of its own findings, then the score
    threshold, then EntityRecognizer.remove_duplicates), without the engine's per-call work that these
    recognizers do not need: no NLP pass, no registry look-up, no second context pass. A window costs about 30
    recognizer calls, most of which find nothing; tests/filters/pii checks the findings against an AnalyzerEngine
    (build_analyzer) with the same recognizers."""

    def __init__(self, language: str, entities: tuple[str, ...]):
        self.language = language
        self.entities = list(entities)
        self.recognizers = recognizers_for(language, entities)
        for recognizer in self.recognizers:
            if not recognizer.is_loaded:
                recognizer.load()
                recognizer.is_loaded = True
        self._artifacts = NoTokensNlpEngine((language,)).process_text("", language)

    def analyze(self, text: str, score_threshold: float) -> list[RecognizerResult]:
        found = []
        for recognizer in self.recognizers:
            results = recognizer.analyze(text=text, entities=self.entities, nlp_artifacts=self._artifacts)
            if results:
                found.append((recognizer, results))
        enhanced = []
        for recognizer, results in found:
            for result in results:
                if not result.recognition_metadata:
                    result.recognition_metadata = {}
            others = [r for other, rs in found if other is not recognizer for r in rs] if len(found) > 1 else []
            enhanced.extend(recognizer.enhance_using_context(text, results, others, self._artifacts, None))
        return EntityRecognizer.remove_duplicates([r for r in enhanced if r.score >= score_threshold])


@functools.lru_cache(maxsize=None)
def build_engine(language: str, entities: tuple[str, ...]) -> PatternEngine:
    """The pattern engine for one language: built once per worker process and language, on first use."""
    return PatternEngine(language, entities)


@functools.lru_cache(maxsize=None)
def build_analyzer(language: str, entities: tuple[str, ...]) -> AnalyzerEngine:
    """Presidio's own engine on the same recognizers as build_engine (the reference the tests compare with)."""
    registry = RecognizerRegistry(supported_languages=[language])
    for recognizer in recognizers_for(language, entities):
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(registry=registry, nlp_engine=NoTokensNlpEngine((language,)),
                          supported_languages=[language], context_aware_enhancer=RecognizerOwnContext())


@functools.lru_cache(maxsize=None)
def build_person_analyzer(language: str) -> AnalyzerEngine | None:
    """Person names from an installed spaCy NER model for `language`; None when there is none."""
    model = ner_model_for(language)
    if model is None:
        return None
    registry = RecognizerRegistry(supported_languages=[language])
    registry.add_recognizer(SpacyRecognizer(supported_language=language, supported_entities=["PERSON"]))
    nlp = InstalledSpacyNlpEngine(language, model)
    nlp.load()
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=[language])


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    entity_type: str
    score: float


def _non_overlapping(findings: list[Finding]) -> list[Finding]:
    """Keep the longest (then highest-scoring) span wherever detections overlap."""
    chosen: list[Finding] = []
    for f in sorted(findings, key=lambda f: (-(f.end - f.start), -f.score, f.start)):
        if all(f.end <= c.start or f.start >= c.end for c in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


def _not_personal(text: str, start: int, end: int, entity_type: str, language: str) -> bool:
    """A number match that is part of a number that is not personal data (filters/pii/number_context.py), or a
    card match on an international phone number ("+49 1512 3456 7890")."""
    if entity_type == "CREDIT_CARD" and text[max(0, start - 1) : start + 1].find("+") >= 0:
        return True
    return context_kind(text, start, end, entity_type, language) is not None


def find_pii(text: str, language: str | None, cfg: PiiConfig) -> list[Finding]:
    """Non-overlapping findings in text order. Only windows around pre-screened candidates are analysed."""
    lang = engine_language(language)
    pattern_types = tuple(sorted(t for t in cfg.entities if t in PATTERN_ENTITIES))
    findings: list[Finding] = []
    windows = candidate_windows(text) if pattern_types else []
    if windows:
        new_document()
        engine = build_engine(lang, pattern_types)
        for start, end in windows:
            for res in engine.analyze(text[start:end], cfg.min_score):
                if res.score > 0 and not _not_personal(text, start + res.start, start + res.end, res.entity_type, lang):
                    findings.append(Finding(start + res.start, start + res.end, res.entity_type, res.score))
    if "PERSON" in cfg.entities and (person := build_person_analyzer(lang)) is not None:
        for res in person.analyze(text=text, language=lang, entities=["PERSON"], score_threshold=cfg.min_score):
            findings.append(Finding(res.start, res.end, res.entity_type, res.score))
    return _non_overlapping(findings)


def hash_salt(cfg: PiiConfig) -> bytes | None:
    """The salt of the hash policy (None when no type is hashed); an error when it is asked for but unset."""
    if not any(p.action == "hash" for p in cfg.policy.values()):
        return None
    salt = os.environ.get(cfg.hash_salt_env, "")
    if not salt:
        raise ValueError(f"pii.policy asks for salted hashes but the environment variable {cfg.hash_salt_env} "
                         "(pii.hash_salt_env) is empty or unset")
    return salt.encode()


def scrub(text: str, language: str | None, cfg: PiiConfig) -> tuple[str, dict[str, int]]:
    """Replace detected entities per the policy of their type; returns the new text and counts per type."""
    findings = find_pii(text, language, cfg)
    if not findings:
        return text, {}
    salt = hash_salt(cfg)
    counts: Counter = Counter()
    pieces: list[str] = []
    cursor = 0
    for f in findings:
        action = cfg.policy[f.entity_type].action if f.entity_type in cfg.policy else "placeholder"
        pieces.append(text[cursor : f.start])
        pieces.append(replacement(f.entity_type, text[f.start : f.end], action, salt))
        cursor = f.end
        counts[f.entity_type] += 1
    pieces.append(text[cursor:])
    return "".join(pieces), dict(counts)

