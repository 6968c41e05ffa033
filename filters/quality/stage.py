"""Heuristic quality rules that need no model: Gopher quality and repetition, C4-style and FineWeb-style line
rules, with per-language thresholds from the `quality:` section of configs/languages/<code>.yaml.

Words come from filters/quality_text.py (offline for every EU language: no nltk, no downloads).
Each rejection names the rule that fired; a threshold set to null turns its rule off.
"""

from __future__ import annotations

from eurocurate.filters.quality.repetition import duplicate_ngram_char_share, duplicate_share, top_ngram_char_share
from eurocurate.filters.quality.text import TERMINAL_PUNCTUATION, lines, paragraphs, sentence_count, words
from eurocurate.filters.quality.thresholds import configs_by_language
from eurocurate.filters.quality.stopwords import STOP_WORDS
from eurocurate.filters.quality.config import QualityConfig
from eurocurate.core.stage import Keep, Reject

BULLETS = ("•", "-", "*", "·", "–", "—", "▪", "►", "‣")
ELLIPSES = ("...", "…")
PUNCTUATION = "\"'“”„‘’«»()[]{}.,;:!?¡¿"
# C4 drops lines naming site policies; a page made mostly of such lines is a cookie/legal banner, in any language.
# Gopher's word n-gram repetition thresholds (Rae et al. 2021); opt-in through QualityConfig or a language file.
GOPHER_TOP_NGRAM_CHAR_RATIO = {2: 0.20, 3: 0.18, 4: 0.16}
GOPHER_DUPLICATE_NGRAM_CHAR_RATIO = {5: 0.15, 6: 0.14, 7: 0.13, 8: 0.12, 9: 0.11, 10: 0.10}
POLICY_PHRASES = ("cookie", "privacy policy", "terms of use", "datenschutz", "nutzungsbedingungen",
                  "confidentialité", "privacidad", "privacidade", "polityka prywatności", "integritetspolicy",
                  "informativa sulla privacy", "ochrany osobních údajů", "privacybeleid")


def quality_signals(text: str, language: str | None, cfg: QualityConfig | None = None) -> dict[str, float]:
    cfg = cfg or QualityConfig()
    tokens = text.split()
    n = len(tokens)
    stripped = [t.strip(PUNCTUATION) for t in tokens]
    gopher_words = [w for w in stripped if w]
    text_lines = lines(text)
    paras = paragraphs(text)
    word_units = words(text)
    dup_line_ratio, dup_char_ratio = duplicate_share(text_lines)
    dup_para_ratio, dup_para_char_ratio = duplicate_share(paras)
    stop_words = STOP_WORDS.get(language or "", None)
    line_count = max(len(text_lines), 1)
    lowered_lines = [line.lower() for line in text_lines]
    signals = {
        "words": n,
        "mean_word_length": sum(len(w) for w in gopher_words) / len(gopher_words) if gopher_words else 0.0,
        "symbol_word_ratio": (text.count("#") + sum(text.count(e) for e in ELLIPSES)) / max(n, 1),
        "bullet_line_ratio": sum(line.startswith(BULLETS) for line in text_lines) / line_count,
        "ellipsis_line_ratio": sum(line.endswith(ELLIPSES) for line in text_lines) / line_count,
        "alpha_word_ratio": sum(any(c.isalpha() for c in t) for t in tokens) / max(n, 1),
        "duplicate_line_ratio": dup_line_ratio,
        "duplicate_line_char_ratio": dup_char_ratio,
        "duplicate_paragraph_ratio": dup_para_ratio,
        "duplicate_paragraph_char_ratio": dup_para_char_ratio,
        "stop_words": -1 if stop_words is None else sum(w.lower() in stop_words for w in gopher_words),
        "lorem_ipsum": float("lorem ipsum" in text.lower()),
        "curly_bracket": float("{" in text),
        "javascript_line_ratio": sum("javascript" in line for line in lowered_lines) / line_count,
        "policy_line_ratio": sum(any(p in line for p in POLICY_PHRASES) for line in lowered_lines) / line_count,
        "sentences": sentence_count(text),
        "terminal_punct_line_ratio": sum(line.endswith(TERMINAL_PUNCTUATION) for line in text_lines) / line_count,
        "short_line_ratio": sum(len(line) <= cfg.short_line_chars for line in text_lines) / line_count,
        "newline_word_ratio": text.count("\n") / max(len(word_units), 1),
    }
    for size in cfg.max_top_ngram_char_ratio:
        signals[f"top_{size}gram_char_ratio"] = top_ngram_char_share(word_units, size)
    for size in cfg.max_duplicate_ngram_char_ratio:
        signals[f"duplicate_{size}gram_char_ratio"] = duplicate_ngram_char_share(word_units, size)
    return signals


def quality_score(signals: dict[str, float], cfg: QualityConfig) -> float:
    """A 0..1 score used to pick which copy of a duplicate cluster to keep: prose-like, unrepeated, long enough."""
    length_factor = min(1.0, signals["words"] / max(4 * cfg.min_words, 1))
    return round(signals["alpha_word_ratio"] * (1.0 - signals["duplicate_line_char_ratio"]) * length_factor, 4)


def _above(value: float, limit: float | None) -> bool:
    return limit is not None and value > limit


def _below(value: float, limit: float | None) -> bool:
    return limit is not None and value < limit


def _checks(s: dict[str, float], cfg: QualityConfig):
    """(rule, failed) in the order rules are reported; the cheap, long-standing Gopher rules come first."""
    yield "too_few_words", s["words"] < cfg.min_words
    yield "too_many_words", s["words"] > cfg.max_words
    yield "mean_word_length", not cfg.min_mean_word_length <= s["mean_word_length"] <= cfg.max_mean_word_length
    yield "symbol_word_ratio", s["symbol_word_ratio"] > cfg.max_symbol_word_ratio
    yield "bullet_lines", s["bullet_line_ratio"] > cfg.max_bullet_line_ratio
    yield "ellipsis_lines", s["ellipsis_line_ratio"] > cfg.max_ellipsis_line_ratio
    yield "non_alpha_words", s["alpha_word_ratio"] < cfg.min_alpha_word_ratio
    yield "duplicate_lines", s["duplicate_line_ratio"] > cfg.max_duplicate_line_ratio
    yield "duplicate_line_chars", s["duplicate_line_char_ratio"] > cfg.max_duplicate_line_char_ratio
    yield "too_few_stop_words", 0 <= s["stop_words"] < cfg.min_stop_words
    yield "duplicate_paragraphs", _above(s["duplicate_paragraph_ratio"], cfg.max_duplicate_paragraph_ratio)
    yield "duplicate_paragraph_chars", _above(s["duplicate_paragraph_char_ratio"],
                                              cfg.max_duplicate_paragraph_char_ratio)
    for size, limit in sorted(cfg.max_top_ngram_char_ratio.items()):
        yield f"top_{size}gram_chars", _above(s[f"top_{size}gram_char_ratio"], limit)
    for size, limit in sorted(cfg.max_duplicate_ngram_char_ratio.items()):
        yield f"duplicate_{size}gram_chars", _above(s[f"duplicate_{size}gram_char_ratio"], limit)
    yield "c4_lorem_ipsum", cfg.c4_reject_lorem_ipsum and s["lorem_ipsum"] > 0
    yield "c4_curly_bracket", cfg.c4_reject_curly_bracket and s["curly_bracket"] > 0
    yield "c4_javascript_lines", _above(s["javascript_line_ratio"], cfg.c4_max_javascript_line_ratio)
    yield "c4_policy_lines", _above(s["policy_line_ratio"], cfg.c4_max_policy_line_ratio)
    yield "c4_too_few_sentences", _below(s["sentences"], cfg.c4_min_sentences)
    yield "fineweb_line_punctuation", _below(s["terminal_punct_line_ratio"], cfg.fineweb_min_punct_line_ratio)
    yield "fineweb_short_lines", _above(s["short_line_ratio"], cfg.fineweb_max_short_line_ratio)
    yield "fineweb_duplicate_line_chars", _above(s["duplicate_line_char_ratio"],
                                                 cfg.fineweb_max_duplicate_line_char_ratio)
    yield "fineweb_newlines", _above(s["newline_word_ratio"], cfg.fineweb_max_newline_word_ratio)


def first_failed_rule(s: dict[str, float], cfg: QualityConfig) -> str | None:
    return next((rule for rule, failed in _checks(s, cfg) if failed), None)


class HeuristicQualityStage:
    name = "quality"

    def __init__(self, cfg: QualityConfig):
        self.cfg = cfg
        self.by_language = configs_by_language(cfg)

    def config_for(self, language: str | None) -> QualityConfig:
        return self.by_language.get(language or "", self.cfg)

    def process(self, doc: dict) -> Keep | Reject:
        cfg = self.config_for(doc.get("language"))
        signals = quality_signals(doc["text"], doc.get("language"), cfg)
        doc["word_count"] = int(signals["words"])
        doc["quality_score"] = quality_score(signals, cfg)
        if not cfg.enabled:
            return Keep()
        rule = first_failed_rule(signals, cfg)
        return Reject(rule) if rule else Keep()
