"""Language identification tuned for European languages: a fastText model's distribution, re-weighed by evidence.

fastText (lid.176 by default) gives a probability per label. Where it is weak (Croatian against Bosnian and
Serbian, Slovak against Czech, Danish against Norwegian, Irish, text typed without diacritics, ...) the text
itself often settles the question: letters a language never writes, frequent letters it would be odd to miss,
frequent words only some of its neighbours use, and spelling or inflection patterns of one language against its
neighbours (filters/langid_spelling.py). When the model is unsure, each candidate language gets

    log p_fastText(lang) + WORD_WEIGHT * (marker words + spelling-rule words beyond chance) - LETTER_WEIGHT *
    letters it never writes + log-chance of missing all of its frequent letters
    + FREQUENCY_WEIGHT * log-likelihood of the words under its word-frequency table (filters/langid/word_frequency.py)

and the probability mass of the model's listed labels is shared out again by the softmax of those scores. With no
evidence either way the result is fastText's own distribution, unchanged; a confident answer stands as it is.
A language without a table (alphabet, markers, frequencies) gets nothing from it, for or against: it competes
on the model's probability, as an equal. Precision first: where the model is fairly sure of its top label, the
weighing moves a text away from it only on evidence that covers both languages (MOVE_GATE).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from eurocurate.filters.langid.labels import expand_label
from eurocurate.filters.langid.markers import (
    CONFUSERS, FOLDED_SPECIFIC_INDEX, FOLDED_WORD_INDEX, MARKER_WORDS, SPECIFIC_WORD_INDEX, WORD_INDEX)
from eurocurate.filters.langid.orthography import (
    CHARACTERISTIC_LETTERS, FOREIGN_LETTERS, MARKED_CHARACTERS)
from eurocurate.filters.langid.spelling import add_spelling_hits
from eurocurate.filters.langid.word_frequency import frequency_scores, has_table

MAX_CHARS = 10_000  # fastText sees at most this much of a document; more changes nothing but the cost
EVIDENCE_CHARS = 5_000  # words and letters are counted in this much
# Labels under 1% are not read: each costs a Python string and tuple, and weighing gives an unlisted label about
# as much (half the least listed one, at least CONFUSER_FLOOR). On the 18,004 eval sentences 4 labels change
# (one more error than reading every label).
MODEL_MIN_PROBABILITY = 0.01
MODEL_TOP_K = 5  # labels read from the model: the rest of its distribution is negligible, and reading 8 costs 40% more
NOMINATING_HITS = 3  # marker words that make a language a candidate the model did not list
RULE_MARGIN = 1.0  # nats: a lead this large (after word frequencies) the spelling rules seldom overturn; skip them

# Marker words are function words, short and common: a text in a language without a marker list (Tagalog,
# Swahili, Vietnamese) matches some of Irish's or Estonian's by chance, a few in a hundred words. So a language
# the model did not list is nominated only by markers making up NOMINATING_SHARE of the words, and every
# language's marker count is taken less CHANCE_SHARE of the words before it is credited: long texts no longer
# hand up to MAX_WORDS nats to whichever list their short words happen to hit.
NOMINATING_SHARE = 0.15
CHANCE_SHARE = 0.03
# Precision first. Where the model gives its top label at least MOVE_GATE, the weighing may move the text to
# another language only with evidence that covers the two: the model's language is one of the other's usual
# confusers (the tables were written to tell them apart), or it has a word-frequency table (its own words were
# weighed), or the evidence is specific to the new language: marker words making up SPECIFIC_SHARE of the text
# (at least SPECIFIC_HITS), each counted by how specific it is to the language (a word five unrelated languages
# list counts a fifth: markers.SPECIFIC_WORD_INDEX). The same rule in every direction, EU language or not. A
# language the model did not list at all wins only on its own frequency table or such specific markers.
MOVE_GATE = 0.5
SPECIFIC_SHARE = 0.2
SPECIFIC_HITS = 1.5
# A confident answer on a text this short is weighed all the same where another language's markers are specific
# to it (as above) and the answer is under NEAR_CERTAIN or in a language without marker words to weigh against:
# lid.176 calls a few Slovenian words Esperanto at 0.98, a short Irish sentence Portuguese at 0.85.
SHORT_CHARS = 100
NEAR_CERTAIN = 0.95
WORD_WEIGHT = 1.0  # nats per marker word
MAX_WORDS = 10  # marker words counted per language: evidence saturates, long texts cannot run away with it
LETTER_WEIGHT = 2.0  # nats per occurrence of a letter the language does not write
MAX_LETTERS = 6
MAX_MISSING = 3.0  # nats at most for missing a language's frequent letters
CONFUSER_FLOOR = 1e-3  # the least probability given to a confuser the model did not list in its top labels
# Word frequencies: a unigram model takes each word as independent evidence and overstates it, hence a weight
# well below 1. They are weighed only where the leader is less than FREQUENCY_MARGIN nats ahead, and only for
# candidates within FREQUENCY_REACH nats of it (those further behind seldom catch up): a third of the texts the
# model is unsure of and five candidates instead of eight, for one answer in 5,700 changed (even lines of the
# evaluation sentences, where every setting here was chosen).
FREQUENCY_WEIGHT = 0.25
FREQUENCY_MARGIN = 4.0
FREQUENCY_REACH = 8.0
SECOND_OPINION_WEIGHT = 2.0  # nats for the label an optional second model gives
# (There is no penalty any more for a language seldom met in European text: it pushed Tagalog, Swahili and
# Vietnamese text into Irish and Estonian. Every candidate is weighed alike; a language without a table gets
# nothing from it, for or against.)

# Above this probability the model's answer stands without weighing evidence (saves most of the cost), whatever
# the language, except for Bosnian and Serbian (on Latin-script text their split with Croatian is decided by the
# pool below).
CONFIDENT = 0.8
# Between this and CONFIDENT the answer stands too where none of the model's other labels is one of its usual
# confusers (filters/langid/markers.py; a language without any has none): evidence seldom overturns it, and a
# tenth of the weighings is saved (to pay for the word frequencies).
FAIRLY_CONFIDENT = 0.6
ALWAYS_WEIGH = frozenset({"bs", "sr"})

# lid.176 learnt Serbian mostly from Cyrillic text; on Latin-script Croatian, Bosnian or Serbian its split among
# the three is close to noise (it calls about one Croatian sentence in eight Serbian). For Latin text their
# pooled probability is shared out by this prior, then moved by spelling evidence (ijekavian/ekavian reflexes,
# vocabulary). Croatian first: the EU official language, and the one most Latin-script text of the three is in.
LATIN_SERBO_CROATIAN_PRIOR = {"hr": 0.5, "sr": 0.25, "bs": 0.25}
_PRIOR_MAX = max(LATIN_SERBO_CROATIAN_PRIOR.values())
_CONFUSER_SETS = {lang: frozenset(others) for lang, others in CONFUSERS.items()}
# lid.176's labels for the languages with marker words, as it writes them (one set look-up per text)
_LABELS_WITH_MARKERS = frozenset(f"__label__{code}" for code in MARKER_WORDS) | {"__label__no", "__label__sh"}

_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")
# per language: its frequent letters, and the nats against it per letter of a text holding none of them
_EXPECTED = {lang: (frozenset(letters), -math.log1p(-share))
             for lang, (letters, share) in CHARACTERISTIC_LETTERS.items()}

Ranking = list[tuple[str, float]]


def flatten(text: str) -> str:
    return " ".join(text[:MAX_CHARS].split())


# UTF-8 read as a Windows code page shows a lead byte as one of these letters followed by another non-ASCII
# character ("NejlĂ©pe" for "Nejlépe", "RychlĂ˝" for "Rychlý", "ďż˝" for a replacement character): the model
# would see another language.
_MOJIBAKE = re.compile(r"[ÃĂÄĹÅÂď][\u0080-\u02ff\u2000-\u203a\u20ac\u2122]")


def undo_mojibake(flat: str) -> str:
    """The text as it was written, if it reads as UTF-8 taken for Windows-1250 or -1252; else unchanged."""
    # isascii() is a flag look-up; one regular expression scan is cheaper than a substring test per lead
    # letter, and much cheaper than max() over the text
    if flat.isascii() or not _MOJIBAKE.search(flat):
        return flat
    for codepage in ("cp1250", "cp1252"):
        try:
            return flat.encode(codepage).decode("utf-8")
        except UnicodeError:
            continue
    return flat


_MEMBERS: dict[str, tuple[str, ...]] = {}  # model label -> published codes, filled as labels are met


def members_of(label: str) -> tuple[str, ...]:
    members = _MEMBERS.get(label)
    if members is None:
        members = _MEMBERS[label] = expand_label(label)
    return members


def model_distribution(predictions: list[tuple[float, str]]) -> dict[str, float]:
    """The model's top labels as published codes; a merged label (lid.176 `sh`) is shared by its members."""
    dist: dict[str, float] = {}
    for prob, label in predictions:
        members = members_of(label)
        if len(members) == 1:
            dist[members[0]] = dist.get(members[0], 0.0) + (prob if prob < 1.0 else 1.0)
            continue
        share = min(prob, 1.0) / len(members)
        for code in members:
            dist[code] = dist.get(code, 0.0) + share
    return dist


def ranking_of(predictions: list[tuple[float, str]], k: int) -> Ranking:
    ranking = []
    for prob, label in predictions[:k]:
        members = members_of(label)
        if len(members) != 1:  # a merged label: shared out, then ranked again
            dist = model_distribution(predictions[:k])
            return sorted(dist.items(), key=lambda item: item[1], reverse=True)[:k]
        ranking.append((members[0], prob if prob < 1.0 else 1.0))
    return ranking


def pool_latin_serbo_croatian(dist: dict[str, float]) -> None:
    """The three share the pool by the prior; against other languages (Slovenian) each weighs as the pool."""
    pooled = sum(dist.pop(lang, 0.0) for lang in LATIN_SERBO_CROATIAN_PRIOR)
    if pooled > 0.0:
        dist.update({lang: pooled * share / _PRIOR_MAX for lang, share in LATIN_SERBO_CROATIAN_PRIOR.items()})


def marker_hits(lower: str, words: list[str]) -> dict[str, int]:
    """Marker words found, per language."""
    index = FOLDED_WORD_INDEX if lower.isascii() else WORD_INDEX
    hits: dict[str, int] = {}
    for token in words:
        langs = index.get(token)
        if langs:
            for lang in langs:
                hits[lang] = hits.get(lang, 0) + 1
    return hits


def specific_hits(lower: str, words: list[str]) -> dict[str, float]:
    """Marker words found, per language, each weighed by how specific it is to it (markers.SPECIFIC_WORD_INDEX)."""
    index = FOLDED_SPECIFIC_INDEX if lower.isascii() else SPECIFIC_WORD_INDEX
    hits: dict[str, float] = {}
    for token in words:
        langs = index.get(token)
        if langs:
            for lang, weight in langs.items():
                hits[lang] = hits.get(lang, 0.0) + weight
    return hits


def letter_scores(lower: str, candidates: list[str]) -> dict[str, float]:
    """Per candidate, nats against it from the letters: letters of the text its orthography never uses
    (LETTER_WEIGHT each, at most MAX_LETTERS), and the log-chance of a text this long holding none of the
    language's frequent letters (at most MAX_MISSING). Text typed without any diacritics says nothing about
    either: then no language is charged."""
    if lower.isascii():
        return {}
    present = MARKED_CHARACTERS.intersection(lower)
    if not present:
        return {}
    against: dict[str, float] = {}
    counts: dict[str, int] = {}
    letters_in_text = len(lower) * 0.8
    for lang in candidates:
        penalty = 0.0
        foreign = FOREIGN_LETTERS.get(lang)  # None: no profile, no evidence either way
        strange = present.intersection(foreign) if foreign is not None else None
        if strange:
            if not counts:
                counts = {ch: lower.count(ch) for ch in present}
            found = sum(counts[ch] for ch in strange)
            penalty = LETTER_WEIGHT * (found if found < MAX_LETTERS else MAX_LETTERS)
        expected = _EXPECTED.get(lang)
        if expected is not None and expected[0].isdisjoint(present):  # its frequent letters are all marked ones
            missed = letters_in_text * expected[1]
            penalty += missed if missed < MAX_MISSING else MAX_MISSING
        if penalty:
            against[lang] = penalty
    return against


def base_scores(candidates: list[str], dist: dict[str, float], unlisted: float, against: dict[str, float],
                opinion: str | None) -> dict[str, float]:
    """Per candidate, every term of its score but the words."""
    scores: dict[str, float] = {}
    for lang in candidates:
        score = math.log(dist.get(lang, unlisted))
        if lang in against:
            score -= against[lang]
        if opinion == lang:
            score += SECOND_OPINION_WEIGHT
        scores[lang] = score
    return scores


def with_words(base: dict[str, float], hits: dict[str, int], chance: float = 0.0) -> dict[str, float]:
    if not hits:
        return base
    scores = dict(base)
    for lang, found in hits.items():
        if lang in scores:
            found -= chance
            if found > 0:
                scores[lang] += WORD_WEIGHT * (found if found < MAX_WORDS else MAX_WORDS)
    return scores


def _margin(scores: dict[str, float]) -> float:
    second, first = sorted(scores.values())[-2:]
    return first - second


def answer_stands(predictions: list[tuple[float, str]], flat: str) -> bool:
    """Whether the model's answer needs no weighing: confident (or fairly confident with none of the language's
    usual confusers among the model's other labels), whatever the language, and not a Bosnian or Serbian label
    on Latin-script text (Serbian in Cyrillic is told from Macedonian and Bulgarian by the model well enough)."""
    best_prob, best_label = predictions[0]
    if best_prob < FAIRLY_CONFIDENT:
        return False
    members = members_of(best_label)
    if len(members) != 1:
        return False
    if best_prob < CONFIDENT and _confuser_listed(members[0], predictions):
        return False
    return members[0] not in ALWAYS_WEIGH or is_cyrillic(flat)


def _confuser_listed(lang: str, predictions: list[tuple[float, str]]) -> bool:
    confusers = _CONFUSER_SETS.get(lang)
    if confusers is None:
        return False
    return any(not confusers.isdisjoint(members_of(label)) for _, label in predictions[1:])


def move_allowed(predictions: list[tuple[float, str]], lang: str) -> bool:
    """Whether evidence that is not specific to `lang` may move a text from the model's top label to it: where
    the model is unsure, or where the evidence covers the model's language too (see MOVE_GATE)."""
    best_prob, best_label = predictions[0]
    if best_prob < MOVE_GATE:
        return True
    members = members_of(best_label)
    if len(members) != 1 or lang in members:
        return True
    top = members[0]
    if has_table(top):
        return True
    return lang in _CONFUSER_SETS.get(top, ()) or top in _CONFUSER_SETS.get(lang, ())


def listed_by_model(predictions: list[tuple[float, str]], lang: str) -> bool:
    return any(lang in members_of(label) for _, label in predictions)


def is_specific(found: float, words: int) -> bool:
    """Whether `found` words specific to one language (specific_hits), in a text of `words` words, are evidence
    for it against any language."""
    return found >= SPECIFIC_HITS and found >= SPECIFIC_SHARE * words


def specific_elsewhere(flat: str, predictions: list[tuple[float, str]]) -> bool:
    """Whether a language other than the model's top label has specific marker evidence in the text."""
    lower = flat.lower()
    words = _WORD.findall(lower)
    top = members_of(predictions[0][1])
    return any(is_specific(n, len(words)) and lang not in top
               for lang, n in specific_hits(lower, words).items())


def is_cyrillic(flat: str) -> bool:
    return not flat.isascii() and _CYRILLIC.search(flat) is not None


class EuroLanguageIdentifier:
    """identify(text) -> [(code, probability), ...] best first; ("und", 0.0) for text without letters."""

    def __init__(self, model, second_opinion: Callable[[str], str | None] | None = None):
        self.model = model
        self.second_opinion = second_opinion
        # the binding's own predict: one line in, [(probability, label), ...] out, without the wrapper's checks
        self._predict = model.f.predict if hasattr(model, "f") else None

    def model_predictions(self, flat: str) -> list[tuple[float, str]]:
        if self._predict is not None:
            return self._predict(flat + "\n", MODEL_TOP_K, MODEL_MIN_PROBABILITY, "strict")
        labels, probs = self.model.predict(flat, k=MODEL_TOP_K, threshold=MODEL_MIN_PROBABILITY)
        return list(zip(probs, labels))

    def identify(self, text: str, k: int = 3) -> Ranking:
        flat = undo_mojibake(flatten(text))
        if not _LETTER.search(flat):
            return [("und", 0.0)]
        predictions = self.model_predictions(flat)
        if self.second_opinion is None and answer_stands(predictions, flat) and not (
                len(flat) < SHORT_CHARS
                and (predictions[0][0] < NEAR_CERTAIN or predictions[0][1] not in _LABELS_WITH_MARKERS)
                and specific_elsewhere(flat, predictions)):
            return ranking_of(predictions, k)
        ranking, specific = self._weigh(flat, model_distribution(predictions), k)
        moved_to = ranking[0][0]
        if moved_to not in members_of(predictions[0][1]) and not move_allowed(predictions, moved_to) and not specific():
            return ranking_of(predictions, k)  # the evidence does not cover the model's language: its answer stands
        return ranking

    def _weigh(self, flat: str, dist: dict[str, float], k: int) -> tuple[Ranking, Callable[[], bool]]:
        """The re-weighed ranking, and a test of whether the winner's marker evidence is specific to it (counted
        only when asked: most weighings do not need it)."""
        lower = flat[:EVIDENCE_CHARS].lower()
        model_mass = sum(dist.values())
        # a language the model did not list has less than the least it listed: take half of that
        unlisted = max(CONFUSER_FLOOR, min(dist.values()) / 2)
        if not is_cyrillic(lower):
            pool_latin_serbo_croatian(dist)
        ranked = sorted(dist, key=dist.__getitem__, reverse=True)
        candidates = [lang for lang in ranked if dist[lang] >= CONFUSER_FLOOR]
        listed = set(dist)
        model_listed = frozenset(listed)
        for lang in ranked[:2]:
            for confuser in CONFUSERS.get(lang, ()):
                if confuser not in listed:
                    listed.add(confuser)
                    candidates.append(confuser)

        words = _WORD.findall(lower)
        hits = marker_hits(lower, words)
        # a language the model did not list but whose words fill the text is heard too (Irish with a Cyrillic
        # place name, Czech typed without diacritics)
        nominating = max(NOMINATING_HITS, NOMINATING_SHARE * len(words))
        candidates.extend(lang for lang, n in hits.items() if n >= nominating and lang not in listed)
        chance = int(CHANCE_SHARE * len(words))  # whole words expected by chance
        opinion = self.second_opinion(flat) if self.second_opinion else None
        base = base_scores(candidates, dist, unlisted, letter_scores(lower, candidates), opinion)
        scores = with_words(base, hits, chance)
        frequencies: dict[str, float] = {}
        if len(scores) > 1 and _margin(scores) < FREQUENCY_MARGIN:
            leader = max(scores.values())
            within_reach = [lang for lang in candidates if scores[lang] > leader - FREQUENCY_REACH]
            frequencies = frequency_scores(words, within_reach)
            for lang, nats in frequencies.items():
                base[lang] += FREQUENCY_WEIGHT * nats
            if frequencies:
                # a language without a table is not pushed out for lacking one: where a close neighbour's table
                # finds the words likely (Nynorsk beside Bokmål, Luxembourgish beside German, Galician beside
                # Portuguese), the vocabulary they share counts as likely in it too
                for lang in within_reach:
                    if lang not in frequencies:
                        best_fit = max((frequencies[c] for c in _CONFUSER_SETS.get(lang, ()) if c in frequencies),
                                       default=0.0)
                        if best_fit > 0:
                            base[lang] += FREQUENCY_WEIGHT * best_fit
            scores = with_words(base, hits, chance)
        if len(scores) > 1 and _margin(scores) < RULE_MARGIN:  # close: let the spelling rules speak
            add_spelling_hits(lower, words, set(candidates), hits)  # the rules of every candidate's groups
            scores = with_words(base, hits, chance)
        # a language the model did not list wins only on evidence about it: its own words weighed by its
        # frequency table, or marker words specific to it. Those ahead of the best language that is listed or
        # has such evidence drop out (a language with no table must not win because the others' tables speak
        # against them)
        order = sorted(scores, key=scores.__getitem__, reverse=True)
        specific_found: dict[str, float] | None = None
        if order[0] not in model_listed:
            specific_found = specific_hits(lower, words)
            for ahead, lang in enumerate(order):
                if (lang in model_listed or lang in frequencies
                        or is_specific(specific_found.get(lang, 0.0), len(words))):
                    if ahead:
                        scores = {other: scores[other] for other in order[ahead:]}
                    break
        top = max(scores.values())
        weights = {lang: math.exp(score - top) for lang, score in scores.items()}
        total = sum(weights.values())
        mass = min(model_mass, 1.0)  # what the model gave its listed labels, shared out again
        best = sorted(weights, key=weights.__getitem__, reverse=True)[:k]

        def specific() -> bool:
            found = specific_found if specific_found is not None else specific_hits(lower, words)
            return is_specific(found.get(best[0], 0.0), len(words))

        return [(lang, mass * weights[lang] / total) for lang in best], specific
