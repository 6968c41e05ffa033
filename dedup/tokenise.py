"""Text normalisation and language-aware word tokenisation for shingling (offline, no models).

Languages written with spaces between words are split on Unicode word characters (so French and Italian
elisions such as "l'homme" become two words); languages written without spaces (Chinese, Japanese, Thai, Lao,
Khmer, Burmese, Tibetan) use single characters as tokens, so an n-gram is a run of characters there.
"""

from __future__ import annotations

import re
import unicodedata

from eurocurate.dedup.config import DedupConfig

_WORD = re.compile(r"\w+", re.UNICODE)
_DIGIT = re.compile(r"\d")
# Placeholders written by the PII stage must not make two documents look alike or different.
_PLACEHOLDER = re.compile(r"<[A-Z_]+>")
UNSEGMENTED_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo"})


class Normaliser:
    def __init__(self, cfg: DedupConfig):
        self.nfkc = cfg.unicode_nfkc
        self.casefold = cfg.casefold
        self.fold_digits = cfg.fold_digits
        self.strip_punctuation = cfg.strip_punctuation

    def normalise(self, text: str) -> str:
        text = _PLACEHOLDER.sub(" ", text)
        if self.nfkc:
            text = unicodedata.normalize("NFKC", text)
        if self.casefold:
            text = text.casefold()
        if self.fold_digits:
            text = _DIGIT.sub("0", text)
        return text

    def tokens(self, text: str, language: str | None = None) -> list[str]:
        text = self.normalise(text)
        words = _WORD.findall(text) if self.strip_punctuation else text.split()
        if language in UNSEGMENTED_LANGUAGES:
            return [ch for word in words for ch in word]
        return words


def normalise(text: str, cfg: DedupConfig | None = None) -> str:
    """The normalised form the exact hash is taken of: tokens joined by single spaces."""
    return " ".join(Normaliser(cfg or DedupConfig()).tokens(text))
