"""Word-frequency evidence for language ID: how much likelier a text's words are in each candidate language
than in a flat background, from the word-frequency tables of the `wordfreq` package (code Apache-2.0, data
CC-BY-SA 4.0; the tables ship inside its wheel, so nothing is downloaded).

For a candidate with a table, each word of the text adds

    log p_lang(word) - log p_background,

with p_lang(word) the word's frequency in that language (at least FLOOR for a word the table lacks) and
p_background a frequency an ordinary word of some language has. Words of the language add, words foreign to
it subtract. A candidate without a table (Irish, Estonian, Galician, Maltese, Nynorsk, ...) gets 0: the
background. Croatian, Bosnian and Serbian share the Serbo-Croatian table, so it tells them from Slovenian and
Czech, not from each other. A table is read the first time a candidate needs it, once per process, and keeps
only words at least MIN_FREQUENCY frequent.
"""

from __future__ import annotations

import math
from itertools import repeat

# published code -> the wordfreq table that stands for it
TABLE_OF = {lang: lang for lang in (
    "bg ca cs da de el en es fi fr hu is it lt lv mk nb nl pl pt ro ru sk sl sv uk tr".split())}
TABLE_OF.update({"hr": "sh", "bs": "sh", "sr": "sh"})

# Frequencies are in centibels below 1 (wordfreq's unit): 600 is one word in a million.
MIN_FREQUENCY_CB = 550  # words rarer than this (about 3 in a million) are not kept: 20k words a language on average
FLOOR_CB = 700  # a word a table lacks counts as this rare in that language
BACKGROUND_CB = 500  # the flat background the tables are weighed against
_NATS_PER_CB = math.log(10) / 100

_TABLES: dict[str, dict[str, int] | None] = {}


def _read_table(name: str) -> dict[str, int] | None:
    import wordfreq

    path = wordfreq.available_languages("small").get(name)
    if path is None:
        return None
    buckets = wordfreq.read_cBpack(path)
    levels = list(range(MIN_FREQUENCY_CB + 1))  # one int object per level, shared by every word at that level
    table: dict[str, int] = {}
    for centibels, words in enumerate(buckets[:MIN_FREQUENCY_CB + 1]):
        level = levels[centibels]
        for word in words:
            table[word] = level
    return table


def table_for(lang: str) -> dict[str, int] | None:
    """word -> centibels below 1 for one published language; None where no table stands for it."""
    name = TABLE_OF.get(lang)
    if name is None:
        return None
    if name not in _TABLES:
        _TABLES[name] = _read_table(name)
    return _TABLES[name]


def frequency_scores(words: list[str], candidates: list[str]) -> dict[str, float]:
    """Per candidate with a table, nats for its words against the background (positive: its words)."""
    tokens = [word for word in words if word.isalpha()]
    if not tokens:
        return {}
    background = BACKGROUND_CB * len(tokens)
    by_table: dict[str, float] = {}  # Croatian, Bosnian and Serbian share one table: read it once
    scores: dict[str, float] = {}
    for lang in candidates:
        name = TABLE_OF.get(lang)
        if name is None:
            continue
        nats = by_table.get(name)
        if nats is None:
            table = table_for(lang)
            if table is None:
                continue
            # map() with a default per token: the look-ups run without a Python step per word
            nats = by_table[name] = (background - sum(map(table.get, tokens, repeat(FLOOR_CB)))) * _NATS_PER_CB
        scores[lang] = nats
    return scores
