"""Which letters each language's standard orthography uses, beyond plain ASCII a-z.

A letter a language never writes is evidence against that language (Slovak has no ř, ů, ě; Czech has no ä, ô,
ĺ, ľ, ŕ; Slovenian has no ć, đ; Serbian Cyrillic has no я, ю, й, ь; Irish marks long vowels with an acute accent
where Scottish Gaelic uses a grave one). Latin-script entries list only the non-ASCII letters; Cyrillic and Greek
entries list the whole alphabet. Lower case throughout. These are facts about the alphabets, written for this
project from the languages' published orthographies.
"""

from __future__ import annotations

import re

_SERBIAN_CYRILLIC = "абвгдђежзијклљмнњопрстћуфхцчџш"
_SOUTH_SLAVIC_LATIN = "čćđšž"

LETTERS: dict[str, str] = {
    # Slavic, Latin script
    "hr": _SOUTH_SLAVIC_LATIN,
    "bs": _SOUTH_SLAVIC_LATIN,
    "sr": _SOUTH_SLAVIC_LATIN + _SERBIAN_CYRILLIC,  # Serbian is written in both scripts
    "sl": "čšž",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "pl": "ąćęłńóśźż",
    "hsb": "čćěłńóřšž",
    "dsb": "čćěłńóŕšśźž",
    # Slavic, Cyrillic script
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюяѝ",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя",
    "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџшѐѝ",
    # Germanic
    "de": "äöüß",
    "lb": "äëéöü",
    "nl": "áéëïóöüè",
    "en": "é",
    "da": "æøåé",
    "nb": "æøåéóô",
    "nn": "æøåéòóô",
    "sv": "åäöé",
    "is": "áðéíóúýþæö",
    "fo": "áðíóúýæø",
    # Romance
    "fr": "àâæçéèêëîïôœùûüÿ",
    "it": "àèéìíòóùú",
    "es": "áéíóúüñ¿¡",
    "pt": "áâãàçéêíóôõúü",
    "gl": "áéíóúüñ¿¡",
    "ca": "àèéíïòóúüç·",
    "oc": "àèéíïòóúüç·",
    "ro": "ăâîșțşţãþ",  # ã and þ: ă and ț as legacy Western fonts showed them
    # Finno-Ugric, Baltic
    "fi": "äöåšž",
    "et": "äöõüšž",
    "hu": "áéíóöőúüű",
    "lt": "ąčęėįšųūž",
    "lv": "āčēģīķļņšūž",
    # Celtic
    "ga": "áéíóú",
    "gd": "àèìòùáéó",
    "cy": "âêîôûŵŷáéíóúàèìòùäëïöü",
    "br": "âêñùü",
    # Others met in European text
    "mt": "àèìòùċġħż",
    "eu": "ñ",
    "sq": "çë",
    "tr": "çğıöşüâî",
    "eo": "ĉĝĥĵŝŭ",
    "el": "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώϊϋΐΰς",
    "als": "äöüß",
}

# Languages lid.176 often offers for European text, and European text for them: the same facts, so that a
# letter they never write counts against them as it does against a European language.
OTHER_LETTERS: dict[str, str] = {
    "af": "áäéèêëíîïóôöúûü",
    "az": "çəğıöşü",
    "la": "",
    "id": "",
    "ms": "",
    "jv": "éè",
    "su": "é",
    "tl": "ñ",
    "ceb": "ñ",
    "war": "ñ",
    "ilo": "ñ",
    "sw": "",
    "so": "",
    "vi": "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
    "ast": "áéíóúñü",
    "an": "áéíóúñü",
    "co": "àèìòùé",
    "sc": "àèéìòù",
    "vec": "àèéìòóù",
    "lmo": "àèéìòóù",
    "fy": "âêéôûú",
    "nds": "äöüß",
}

LETTER_SETS: dict[str, frozenset[str]] = {
    lang: frozenset(letters) for lang, letters in (LETTERS | OTHER_LETTERS).items()}

# A language not listed above gets no letter evidence either way: its alphabet is not known here, and a language
# is not pushed out for lacking a table (Vietnamese was, when unlisted languages counted as plain ASCII).

# Every character some profiled language marks; any other character in a text (punctuation, digits, other
# scripts) says nothing for or against a language here.
MARKED_CHARACTERS: frozenset[str] = frozenset().union(*LETTER_SETS.values())


def _script(ch: str) -> str:
    return "Cyrl" if "\u0400" <= ch <= "\u052f" else "Grek" if "\u0370" <= ch <= "\u03ff" else "Latn"


# Per language, the marked characters that count against it: those of the scripts it is written in that it never
# writes. A name in another script (Irish text quoting "Самара") says nothing against a language.
FOREIGN_LETTERS: dict[str, frozenset[str]] = {
    lang: frozenset(ch for ch in MARKED_CHARACTERS
                    if _script(ch) in ({_script(c) for c in letters} or {"Latn"})) - letters
    for lang, letters in LETTER_SETS.items()
}

_SCRIPT_LETTERS = {
    "Latn": re.compile(r"[A-Za-z\u00c0-\u024f]"),
    "Cyrl": re.compile(r"[\u0400-\u052f]"),
    "Grek": re.compile(r"[\u0370-\u03ff]"),
}


_CYRILLIC_OR_GREEK = re.compile(r"[\u0370-\u03ff\u0400-\u052f]")


def dominant_script(text: str, sample_chars: int = 2000) -> str:
    """ISO 15924 code of the script most letters of `text` are in: Latn, Cyrl, Grek, else Zyyy (none of these)."""
    sample = text[:sample_chars]
    has_latin = _SCRIPT_LETTERS["Latn"].search(sample) is not None
    # the common cases without counting: isascii() is a flag look-up, one scan finds no Cyrillic or Greek
    if sample.isascii() or not _CYRILLIC_OR_GREEK.search(sample):
        return "Latn" if has_latin else "Zyyy"
    has_cyrillic = _SCRIPT_LETTERS["Cyrl"].search(sample) is not None
    has_greek = _SCRIPT_LETTERS["Grek"].search(sample) is not None
    if not has_latin and has_cyrillic != has_greek:  # one script alone
        return "Cyrl" if has_cyrillic else "Grek"
    counts = {script: len(pattern.findall(sample)) for script, pattern in _SCRIPT_LETTERS.items()}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else "Zyyy"


# Letters frequent enough in a language that a text without any of them speaks against it: (letters, their
# approximate combined share of the letters of running text). Czech writes ě, ř or ů in nearly every sentence,
# Russian ы/э, Bulgarian its vowel ъ, Ukrainian і/ї/є, Polish its ogonek and acute letters, Croatian ć or đ
# about once in a hundred letters (Slovenian never). The chance of a text of n letters containing none is about
# (1 - share) ** n. Not for languages often typed without their diacritics (Romanian, Baltic, Finnic web text
# often is); text with no diacritics at all is never charged.
CHARACTERISTIC_LETTERS: dict[str, tuple[str, float]] = {
    "cs": ("ěřů", 0.025),
    "sk": ("äôľĺŕ", 0.006),
    "ru": ("ыэё", 0.02),
    "bg": ("ъ", 0.015),
    "uk": ("іїє", 0.06),
    "be": ("іўы", 0.06),
    "mk": ("ѓќѕ", 0.005),
    "pl": ("ąćęłńóśźż", 0.06),
    "hr": ("ćđ", 0.01),
    "bs": ("ćđ", 0.01),
    "sr": ("ćđћђ", 0.01),
}
