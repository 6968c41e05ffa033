"""Heuristic quality rules (Gopher quality and repetition, C4-style line rules) that need no model.

Words are whitespace tokens, which works offline for every EU language (no nltk, no downloads).
Each rejection names the rule that fired.
"""

from __future__ import annotations

from collections import Counter

from filters.stopwords import STOP_WORDS
from pipeline.config import QualityConfig
from pipeline.stages import Keep, Reject

BULLETS = ("•", "-", "*", "·", "–", "—", "▪", "►", "‣")
ELLIPSES = ("...", "…")
PUNCTUATION = "\"'“”„‘’«»()[]{}.,;:!?¡¿"


def _line_repetition(lines: list[str]) -> tuple[float, float]:
    """(share of lines that repeat an earlier line, share of characters in those lines)."""
    if not lines:
        return 0.0, 0.0
    counts = Counter(lines)
    dup_lines = sum(c - 1 for c in counts.values() if c > 1)
    dup_chars = sum(len(line) * (c - 1) for line, c in counts.items() if c > 1)
    return dup_lines / len(lines), dup_chars / max(sum(len(x) for x in lines), 1)


def quality_signals(text: str, language: str | None) -> dict[str, float]:
    tokens = text.split()
    n = len(tokens)
    stripped = [t.strip(PUNCTUATION) for t in tokens]
    words = [w for w in stripped if w]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    dup_line_ratio, dup_char_ratio = _line_repetition(lines)
    stop_words = STOP_WORDS.get(language or "", None)
    return {
        "words": n,
        "mean_word_length": sum(len(w) for w in words) / len(words) if words else 0.0,
        "symbol_word_ratio": (text.count("#") + sum(text.count(e) for e in ELLIPSES)) / max(n, 1),
        "bullet_line_ratio": sum(line.startswith(BULLETS) for line in lines) / max(len(lines), 1),
        "ellipsis_line_ratio": sum(line.endswith(ELLIPSES) for line in lines) / max(len(lines), 1),
        "alpha_word_ratio": sum(any(c.isalpha() for c in t) for t in tokens) / max(n, 1),
        "duplicate_line_ratio": dup_line_ratio,
        "duplicate_line_char_ratio": dup_char_ratio,
        "stop_words": -1 if stop_words is None else sum(w.lower() in stop_words for w in words),
    }


def quality_score(signals: dict[str, float], cfg: QualityConfig) -> float:
    """A 0..1 score used to pick which copy of a duplicate cluster to keep: prose-like, unrepeated, long enough."""
    length_factor = min(1.0, signals["words"] / max(4 * cfg.min_words, 1))
    return round(signals["alpha_word_ratio"] * (1.0 - signals["duplicate_line_char_ratio"]) * length_factor, 4)


def first_failed_rule(s: dict[str, float], cfg: QualityConfig) -> str | None:
    checks = (
        ("too_few_words", s["words"] < cfg.min_words),
        ("too_many_words", s["words"] > cfg.max_words),
        ("mean_word_length", not cfg.min_mean_word_length <= s["mean_word_length"] <= cfg.max_mean_word_length),
        ("symbol_word_ratio", s["symbol_word_ratio"] > cfg.max_symbol_word_ratio),
        ("bullet_lines", s["bullet_line_ratio"] > cfg.max_bullet_line_ratio),
        ("ellipsis_lines", s["ellipsis_line_ratio"] > cfg.max_ellipsis_line_ratio),
        ("non_alpha_words", s["alpha_word_ratio"] < cfg.min_alpha_word_ratio),
        ("duplicate_lines", s["duplicate_line_ratio"] > cfg.max_duplicate_line_ratio),
        ("duplicate_line_chars", s["duplicate_line_char_ratio"] > cfg.max_duplicate_line_char_ratio),
        ("too_few_stop_words", 0 <= s["stop_words"] < cfg.min_stop_words),
    )
    return next((rule for rule, failed in checks if failed), None)


class HeuristicQualityStage:
    name = "quality"

    def __init__(self, cfg: QualityConfig):
        self.cfg = cfg

    def process(self, doc: dict) -> Keep | Reject:
        signals = quality_signals(doc["text"], doc.get("language"))
        doc["word_count"] = int(signals["words"])
        doc["quality_score"] = quality_score(signals, self.cfg)
        if not self.cfg.enabled:
            return Keep()
        rule = first_failed_rule(signals, self.cfg)
        return Reject(rule) if rule else Keep()
