"""Model labels to the codes eurocurate publishes: ISO 639-1 where one exists (ISO 639-3 otherwise).

Mapped explicitly, never guessed: lid.176 says `no` for Norwegian (its training text is overwhelmingly Bokmål)
and `sh` for Serbo-Croatian, which has no ISO 639-1 code (ISO 639-3 `hbs`, the macrolanguage of hr, bs, sr and
Montenegrin). GlotLID and OpenLID label with ISO 639-3 plus script (`hrv_Latn`); heliport with ISO 639-3.
"""

from __future__ import annotations

import functools

UNDETERMINED = "und"

# lid.176 labels that are not the code we publish under.
LID176_TO_ISO = {
    "no": "nb",
    "sh": "hbs",
}

# ISO 639-3 (and the macrolanguage codes models use) -> ISO 639-1, for European languages and their usual
# confusers. A code missing here is published as it is.
ISO3_TO_ISO1 = {
    "bul": "bg", "ces": "cs", "dan": "da", "deu": "de", "ell": "el", "eng": "en", "spa": "es", "est": "et",
    "ekk": "et", "fin": "fi", "fra": "fr", "gle": "ga", "hrv": "hr", "hun": "hu", "ita": "it", "lit": "lt",
    "lav": "lv", "lvs": "lv", "mlt": "mt", "nld": "nl", "pol": "pl", "por": "pt", "ron": "ro", "slk": "sk",
    "slv": "sl", "swe": "sv", "cat": "ca", "eus": "eu", "glg": "gl", "ltz": "lb", "cym": "cy", "gla": "gd",
    "bre": "br", "oci": "oc", "cos": "co", "srd": "sc", "fry": "fy", "bos": "bs", "srp": "sr", "nob": "nb",
    "nno": "nn", "nor": "nb", "isl": "is", "fao": "fo", "sqi": "sq", "als": "sq", "mkd": "mk", "ukr": "uk",
    "rus": "ru", "bel": "be", "tur": "tr", "lat": "la", "epo": "eo", "ron_Latn": "ro",
}

# A label that stands for several languages this project publishes separately.
MERGED_LABELS = {
    "hbs": ("hr", "bs", "sr"),
}


@functools.lru_cache(maxsize=1024)
def normalise_label(label: str) -> str:
    """One model label (`__label__no`, `hrv_Latn`, `dan`) as the code eurocurate publishes."""
    code = label.removeprefix("__label__")
    if code in LID176_TO_ISO:
        return LID176_TO_ISO[code]
    base = code.split("_", 1)[0]
    if len(base) == 3:
        return ISO3_TO_ISO1.get(base, base)
    return base


@functools.lru_cache(maxsize=1024)
def expand_label(label: str) -> tuple[str, ...]:
    """The published languages a model label may stand for (one, except for merged labels like `hbs`)."""
    code = normalise_label(label)
    return MERGED_LABELS.get(code, (code,))
