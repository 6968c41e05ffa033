"""Language identification tuned for European languages: a fastText model's distribution, re-weighed by evidence.

fastText (lid.176 by default) gives a probability per label. Where it is weak (Croatian against Bosnian and
Serbian, Slovak against Czech, Danish against Norwegian, Irish, ...) the text itself often settles the question:
letters a language never writes, frequent letters it would be odd to miss, and frequent words only some of its
neighbours use. Each candidate language gets

    log p_fastText(lang) + WORD_WEIGHT * marker words - LETTER_WEIGHT * letters it never writes
                         + log-chance of missing all of its frequent letters

and the fastText probability mass of the candidates is shared out again by the softmax of those scores. With no
evidence either way the result is fastText's own distribution, unchanged.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable

from filters.langid_labels import expand_label
from filters.langid_markers import CONFUSERS, WORD_INDEX, WORD_PATTERNS
from filters.langid_orthography import CHARACTERISTIC_LETTERS, LETTER_SETS, MARKED_CHARACTERS, UNLISTED_LETTERS

MAX_CHARS = 10_000  # fastText sees at most this much of a document; more changes nothing but the cost
EVIDENCE_CHARS = 5_000  # words and letters are counted in this much
MODEL_TOP_K = 8  # labels read from the model; the rest of its distribution is negligible

WORD_WEIGHT = 1.0  # nats per marker word
MAX_WORDS = 10  # marker words counted per language: evidence saturates, long texts cannot run away with it
LETTER_WEIGHT = 2.0  # nats per occurrence of a letter the language does not write
MAX_LETTERS = 6
MAX_MISSING = 3.0  # nats at most for missing a language's frequent letters
CONFUSER_FLOOR = 1e-3  # the probability given to a confuser the model did not list in its top labels
LABEL_FLOOR = 1e-6
SECOND_OPINION_WEIGHT = 2.0  # nats for the label an optional second model gives

# Above this probability the model's answer stands without weighing evidence (saves most of the cost), except
# for languages it is often confidently wrong about.
CONFIDENT = 0.95
ALWAYS_WEIGH = frozenset({"hr", "bs", "sr", "sl", "cs", "sk", "da", "nb", "nn", "ga", "gd", "ru", "bg", "mk"})

# lid.176 learnt Serbian mostly from Cyrillic text; on Latin-script Croatian, Bosnian or Serbian its split among
# the three is close to noise (it calls about one Croatian sentence in eight Serbian). For Latin text their
# pooled probability is shared out by this prior, then moved by spelling evidence (ijekavian/ekavian reflexes,
# vocabulary). Croatian first: the EU official language, and the one most Latin-script text of the three is in.
LATIN_SERBO_CROATIAN_PRIOR = {"hr": 0.5, "sr": 0.25, "bs": 0.25}

_WORD = re.compile(r"\w+")
_PATTERNS = tuple((re.compile(pattern), langs) for pattern, langs in WORD_PATTERNS)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")
_EXPECTED = {lang: (frozenset(letters), share) for lang, (letters, share) in CHARACTERISTIC_LETTERS.items()}

Ranking = list[tuple[str, float]]


def flatten(text: str) -> str:
    return " ".join(text[:MAX_CHARS].split())


def model_distribution(model, flat: str) -> dict[str, float]:
    """The model's top labels as published codes; a merged label (lid.176 `sh`) is shared among its members."""
    labels, probs = model.predict(flat, k=MODEL_TOP_K)
    dist: dict[str, float] = {}
    for label, prob in zip(labels, probs):
        members = expand_label(label)
        share = min(float(prob), 1.0) / len(members)
        for code in members:
            dist[code] = dist.get(code, 0.0) + share
    return dist


def pool_latin_serbo_croatian(dist: dict[str, float]) -> None:
    pooled = sum(dist.pop(lang, 0.0) for lang in LATIN_SERBO_CROATIAN_PRIOR)
    if pooled > 0.0:
        dist.update({lang: pooled * share for lang, share in LATIN_SERBO_CROATIAN_PRIOR.items()})


def word_hits(lower: str, candidates: set[str]) -> Counter:
    """Marker words and spelling patterns found, per language (patterns only for the candidates)."""
    hits: Counter = Counter()
    for token in _WORD.findall(lower):
        langs = WORD_INDEX.get(token)
        if langs:
            hits.update(langs)
    for pattern, langs in _PATTERNS:
        if not candidates.isdisjoint(langs):
            found = len(pattern.findall(lower))
            if found:
                for lang in langs:
                    hits[lang] += found
    return hits


def foreign_letters(lower: str, candidates: list[str]) -> dict[str, int]:
    """Per candidate, how many letters of the text its orthography never uses."""
    present = MARKED_CHARACTERS.intersection(lower)
    if not present:
        return {}
    counts = {ch: lower.count(ch) for ch in present}
    found: dict[str, int] = {}
    for lang in candidates:
        strange = present.difference(LETTER_SETS.get(lang, UNLISTED_LETTERS))
        if strange:
            found[lang] = sum(counts[ch] for ch in strange)
    return found


def missing_letters(lower: str, candidates: list[str]) -> dict[str, float]:
    """Per candidate, the log-chance of a text this long holding none of the language's frequent letters."""
    letters_in_text = len(lower) * 0.8
    found: dict[str, float] = {}
    for lang in candidates:
        expected = _EXPECTED.get(lang)
        if expected and expected[0].isdisjoint(lower):
            found[lang] = letters_in_text * math.log1p(-expected[1])
    return found


class EuroLanguageIdentifier:
    """identify(text) -> [(code, probability), ...] best first; ("und", 0.0) for text without letters."""

    def __init__(self, model, second_opinion: Callable[[str], str | None] | None = None):
        self.model = model
        self.second_opinion = second_opinion

    def identify(self, text: str, k: int = 3) -> Ranking:
        flat = flatten(text)
        if not _LETTER.search(flat):
            return [("und", 0.0)]
        dist = model_distribution(self.model, flat)
        ranked = sorted(dist, key=dist.__getitem__, reverse=True)
        if dist[ranked[0]] >= CONFIDENT and ranked[0] not in ALWAYS_WEIGH and self.second_opinion is None:
            return [(lang, dist[lang]) for lang in ranked[:k]]
        lower = flat[:EVIDENCE_CHARS].lower()
        if not _CYRILLIC.search(lower):
            pool_latin_serbo_croatian(dist)
            ranked = sorted(dist, key=dist.__getitem__, reverse=True)
        candidates = list(ranked)
        for lang in ranked[:2]:
            candidates.extend(c for c in CONFUSERS.get(lang, ()) if c not in dist and c not in candidates)

        hits = word_hits(lower, set(candidates))
        foreign = foreign_letters(lower, candidates)
        missing = missing_letters(lower, candidates)
        opinion = self.second_opinion(flat) if self.second_opinion else None

        scores: dict[str, float] = {}
        mass = 0.0
        for lang in candidates:
            prob = max(dist.get(lang, CONFUSER_FLOOR), LABEL_FLOOR)
            mass += prob
            score = math.log(prob)
            score += WORD_WEIGHT * min(hits.get(lang, 0), MAX_WORDS)
            score -= LETTER_WEIGHT * min(foreign.get(lang, 0), MAX_LETTERS)
            score += max(missing.get(lang, 0.0), -MAX_MISSING)
            if opinion == lang:
                score += SECOND_OPINION_WEIGHT
            scores[lang] = score
        top = max(scores.values())
        weights = {lang: math.exp(score - top) for lang, score in scores.items()}
        total = sum(weights.values())
        mass = min(mass, 1.0)
        best = sorted(weights, key=weights.__getitem__, reverse=True)[:k]
        return [(lang, mass * weights[lang] / total) for lang in best]
