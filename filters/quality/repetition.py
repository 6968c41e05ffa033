"""Gopher repetition signals (Rae et al. 2021, table A1): repeated lines, paragraphs and word n-grams."""

from __future__ import annotations

from collections import Counter


def duplicate_share(units: list[str]) -> tuple[float, float]:
    """(share of units that repeat an earlier unit, share of characters in those repeats)."""
    if not units:
        return 0.0, 0.0
    counts = Counter(units)
    dup_units = sum(c - 1 for c in counts.values() if c > 1)
    dup_chars = sum(len(u) * (c - 1) for u, c in counts.items() if c > 1)
    return dup_units / len(units), dup_chars / max(sum(len(u) for u in units), 1)


def top_ngram_char_share(words: list[str], n: int) -> float:
    """Characters covered by the most frequent n-gram (all its occurrences), over all word characters."""
    total = sum(len(w) for w in words)
    if len(words) < n or total == 0:
        return 0.0
    counts = Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
    gram, count = counts.most_common(1)[0]
    if count < 2:
        return 0.0
    return sum(len(w) for w in gram) * count / total


def duplicate_ngram_char_share(words: list[str], n: int) -> float:
    """Characters of words that lie inside an n-gram occurring more than once, over all word characters."""
    total = sum(len(w) for w in words)
    if len(words) < n or total == 0:
        return 0.0
    grams = [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]
    counts = Counter(grams)
    covered = [False] * len(words)
    for i, gram in enumerate(grams):
        if counts[gram] > 1:
            for j in range(i, i + n):
                covered[j] = True
    return sum(len(w) for w, hit in zip(words, covered) if hit) / total
