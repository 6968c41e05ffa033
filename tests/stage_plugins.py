"""Stages of a user's own, in one file, as the architecture tests use them (not a test module)."""

from __future__ import annotations

from eurocurate import Keep, Reject
from eurocurate.core.stage import annotate


class MinWords:
    """Rejects documents with fewer than `min_words` words; records the count of the others."""

    name = "min_words"

    def __init__(self, min_words: int = 100):
        self.min_words = min_words

    def process(self, doc: dict) -> Keep | Reject:
        words = len(doc["text"].split())
        if words < self.min_words:
            return Reject("too_few_words_custom", f"words={words}<{self.min_words}")
        annotate(doc, self.name, "words", words)
        return Keep()
