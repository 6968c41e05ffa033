"""Word-frequency evidence for language ID: how much likelier a text's words are in each candidate language
than in a flat background, from the word-frequency tables of the `wordfreq` package (code Apache-2.0, data
CC-BY-SA 4.0; the tables ship inside its wheel, so nothing is downloaded).

For a candidate with a table, each word of the text adds

    log p_lang(word) - log p_background,

with p_lang(word) the word's frequency in that language (FLOOR for a word the table lacks) and p_background
a frequency an ordinary word of some language has. Words of the language add, words foreign to it subtract.
A candidate without a table (Irish, Estonian, Galician, Maltese, Nynorsk, ...) gets 0: the background.
Croatian, Bosnian and Serbian share the Serbo-Croatian table, so it tells them from Slovenian and Czech, not
from each other.

Storage: words are hashed (xxh3, so the same in every process) into rows of one byte array, a row holding a
byte per table: the word's frequency, or 0 for a word that table does not keep. One look-up per word reads
every candidate's frequency from one cache line; a dictionary per language took a cache miss per word and
language, which on a busy machine cost more than the arithmetic. Two words in a row collide (about 2% of the
words a table lacks read some other word's frequency): noise far below the evidence, as with fastText's own
hashed n-grams. A table's column is filled the first time a candidate needs it, once per process.
"""

from __future__ import annotations

import math

import xxhash

_xxh3 = xxhash.xxh3_64_intdigest

# published code -> the wordfreq table that stands for it
TABLE_OF = {lang: lang for lang in (
    "bg ca cs da de el en es fi fr hu is it lt lv mk nb nl pl pt ro ru sk sl sv tr uk".split())}
TABLE_OF.update({"hr": "sh", "bs": "sh", "sr": "sh"})
_COLUMN = {name: column for column, name in enumerate(sorted(set(TABLE_OF.values())))}
ROW_BYTES = 32  # at least one byte per table; a power of two keeps a row inside one cache line
assert len(_COLUMN) <= ROW_BYTES
ROW_BITS = 20  # 2^20 rows of 32 bytes: 32 MiB

# Frequencies are in centibels below 1 (wordfreq's unit): 600 is one word in a million.
MIN_FREQUENCY_CB = 550  # rarer words are not kept (about 3 in a million): 20k words a table on average
FLOOR_CB = 700  # a word a table lacks counts as this rare in that language
BACKGROUND_CB = 500  # the flat background the tables are weighed against
_CB_PER_STEP = 3  # stored as 1 + centibels // 3 in a byte
_NATS_PER_CB = math.log(10) / 100

# Romanian text is often written with the cedilla letters of old fonts; its table has the comma letters.
_ROMANIAN_CEDILLA = str.maketrans("șțȘȚ", "şţŞŢ")

_rows = bytearray()
_filled: set[str] = set()
_nats_of_byte: list[float] = []


def _nats_table() -> list[float]:
    """Nats against the background for each stored byte (0: a word the table lacks)."""
    def centibels(stored: int) -> float:
        return FLOOR_CB if stored == 0 else (stored - 1) * _CB_PER_STEP + (_CB_PER_STEP - 1) / 2
    return [(BACKGROUND_CB - centibels(stored)) * _NATS_PER_CB for stored in range(256)]


_ROW_MASK = (1 << ROW_BITS) - 1


def _row(word: str) -> int:
    return (_xxh3(word.encode("utf-8")) & _ROW_MASK) * ROW_BYTES


def _fill(name: str) -> None:
    """One table into its column of the rows (0.02 to 0.2 s)."""
    import wordfreq

    global _rows, _nats_of_byte
    if not _rows:
        _rows = bytearray((1 << ROW_BITS) * ROW_BYTES)
        _nats_of_byte = _nats_table()
    rows, column = _rows, _COLUMN[name]
    buckets = wordfreq.read_cBpack(wordfreq.available_languages("small")[name])
    for centibels, words in enumerate(buckets[:MIN_FREQUENCY_CB + 1]):
        stored = 1 + centibels // _CB_PER_STEP
        for word in words:
            forms = (word, word.translate(_ROMANIAN_CEDILLA)) if name == "ro" else (word,)
            for form in forms:
                at = _row(form) + column
                if not rows[at]:  # words come most frequent first: a collision keeps the more frequent
                    rows[at] = stored
    _filled.add(name)


def has_table(lang: str) -> bool:
    return lang in TABLE_OF


def frequency_scores(words: list[str], candidates: list[str]) -> dict[str, float]:
    """Per candidate with a table, nats for its (lower-case) words against the background (positive: its
    words)."""
    # the tables hold words case-folded (German "ss" for "ß", Greek "σ" for final "ς")
    rows = [(_xxh3(word.casefold().encode()) & _ROW_MASK) * ROW_BYTES for word in words if word.isalpha()]
    if not rows:
        return {}
    by_table: dict[str, float] = {}  # Croatian, Bosnian and Serbian share one table: read it once
    scores: dict[str, float] = {}
    for lang in candidates:
        name = TABLE_OF.get(lang)
        if name is None:
            continue
        nats = by_table.get(name)
        if nats is None:
            if name not in _filled:
                _fill(name)
            column, table, nats_of_byte = _COLUMN[name], _rows, _nats_of_byte
            nats = by_table[name] = sum([nats_of_byte[table[row + column]] for row in rows])
        scores[lang] = nats
    return scores
