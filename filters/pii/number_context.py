"""Numbers in context: a phone, card or ID match that is part of, or next to, a number that is not personal data.

Web text is full of long numbers that have the shape of a phone number, a card number or a national identifier
and are none of them: DOIs and journal citations, ISBNs and ISSNs, URLs, decree, law and case numbers, statute
references, amounts with a currency, coordinates, timestamps, version and build numbers, product codes,
percentages and vote counts. A pattern recognizer sees only the digits; this module looks at what surrounds
them. Each kind below is written from the published form of that kind of number (DOI syntax, citation styles,
ISO 8601, EU legislation and case-law numbering, ...), not from any evaluation set.

`context_kind(text, start, end, entity_type)` names the kind of non-personal number that a finding overlaps (or
None): a shape found in a window around the finding that overlaps it, or a label of such a number just before
it. It runs on findings only (a handful per page), so it costs nothing on text without candidates.
"""

from __future__ import annotations

import functools
import re

from eurocurate.filters.pii.languages import context_words
from eurocurate.filters.pii.national_ids import NATIONAL_IDS

WINDOW_BEFORE = 80  # characters searched before a finding for a shape that reaches into it
WINDOW_AFTER = 40
LABEL_CHARS = 32  # how far before a finding a label of a non-personal number may start

# Entity types whose matches are only digits (with separators); e-mail, IBAN and IP addresses are left alone.
NUMERIC_TYPES = ("PHONE_NUMBER", "CREDIT_CARD", "NATIONAL_ID")

_SEP = r"[ \u00a0\u202f.,'’]"  # thousands separators people write
_CURRENCY_SYMBOLS = r"€|\$|£|¥|₽|₺|₴"
_CURRENCY_WORDS = (  # matched whatever the case
    r"zł|kč|лв|euro|euros|euro's|eura|eure|eurot|eurót|euron|евро|ευρώ|dollars?|dollari|dólares|pounds?|"
    r"francs?|franken|forint|złotych|zlotych|złote|korun|koruna|kronor|kroner|kronur|lei|лева|leva|kuna|"
    r"dinara|денари|lekë|lira|гривень|рублей"
)
_CURRENCY_CODES = (  # ISO 4217, upper case only ("try", "all" and "ron" are words too)
    r"EUR|USD|GBP|CHF|HUF|PLN|CZK|SEK|DKK|NOK|ISK|RON|BGN|HRK|RSD|MKD|ALL|TRY|UAH|RUB|JPY|CNY"
)
_CURRENCY_ABBREVIATIONS = r"Ft|kn"  # forint, kuna: as written, not as the letters of a word or code ("KFT")
_CURRENCY = rf"(?:{_CURRENCY_SYMBOLS}|(?i:{_CURRENCY_WORDS})|{_CURRENCY_CODES}|{_CURRENCY_ABBREVIATIONS})"
_SCALE = r"(?i:\s?(?:mln|mld|mio|mrd|bn|million|milliard|billion|millionen|milliarden|millions|milliards|" \
         r"milioni|miliardi|millones|milhões|milionów|miliardów|tys|thousand)\.?)?"
_AMOUNT_NUMBER = rf"\d(?:{_SEP}?\d)*(?:[.,]\d+)?(?:[.,]-{{1,2}})?"

# Label words (start of a word, case-insensitive) of numbers that are not personal data, in the EU languages.
# Legislation, decrees, case law and official journals:
LEGAL_LABELS = (
    "decree", "décret", "decret", "decreto", "dekret", "декрет", "διάταγμ", "nařízení", "nariadeni", "rozporządzen",
    "verordnung", "regulation", "règlement", "reglamento", "regolamento", "regulamento", "regulamentul", "verordening",
    "förordning", "forordning", "asetus", "määrus", "regula", "rendelet", "uredb", "уредба", "регламент",
    "κανονισμ", "directive", "directiva", "direttiva", "richtlijn", "richtlinie", "direktiv", "dyrektyw", "směrnic",
    "smernic", "irányelv", "direktīv", "direktyv", "direktiiv", "direktiv", "директив", "οδηγί",
    # not Portuguese "lei": the Romanian currency is written so
    "law", "loi", "ley", "legge", "lege", "gesetz", "wet", "lag", "lov", "laki", "seadus", "likums", "įstatym",
    "zákon", "ustaw", "törvény", "zakon", "закон", "νόμ", "act", "akt", "statute", "ordonnance", "ordinance",
    "arrêté", "arrete", "circulaire", "circular", "decision", "décision", "decisión", "decisione", "beschluss",
    "besluit", "beslut", "rozhodnutí", "decyzj", "határozat", "решение", "απόφαση", "bgbl", "dz.u", "dz. u",
    "journal officiel", "official journal", "amtsblatt", "gazzetta ufficiale", "boe", "diário da república",
    "monitorul oficial", "sbírk", "ecli", "celex", "case", "affaire", "aff.", "rechtssache", "causa", "zaak",
    "sprawa", "sprawie", "mål", "sag", "kohtuasi", "lieta", "byla", "ügy", "predmet", "дело", "υπόθεση",
    "az.", "aktenzeichen", "sentenza", "arrêt", "sentencia", "urteil", "uitspraak", "wyrok", "rozsudek", "judgment",
    "judgement", "ruling", "rozsudok", "ítélet", "presuda", "решение", "rôle", "docket", "rg", "pourvoi",
    "d.lgs", "dlgs", "d.l.", "d.p.r", "dpr", "d.m.", "r.d.", "l.r.", "b.o.e", "dz.u.", "sb.", "coll.",
    "resolution", "résolution", "resolución", "entschließung", "uchwał", "usnesení", "proposal", "com(", "swd(",
    "§", "art.", "article", "artikel", "articolo", "artículo", "artigo", "artykuł", "článek", "článok", "cikk",
    "straipsn", "pants", "paragrahv", "pykälä", "член", "άρθρο",
)
# Publications, software and products:
OTHER_LABELS = (
    "doi", "isbn", "issn", "pmid", "pmcid", "arxiv", "ean", "gtin", "upc", "sku", "mpn", "asin", "part no",
    "part number", "model", "modell", "modèle", "modelo", "modello", "typ", "type", "serial", "serie", "série",
    "version", "versión", "versione", "versão", "wersja", "verze", "verzió", "versio", "build", "release", "firmware",
    "rev.", "revision", "patent", "brevet", "patente", "timestamp", "unix", "epoch",
    "lat", "lon", "lng", "latitude", "longitude", "breitengrad", "längengrad", "gps", "coordinates", "koordinat",
    "coordonnées", "coordenadas", "coordinate", "współrzędn", "souřadnic", "vote", "votes", "voix", "stimmen",
    "voti", "votos", "stemmen", "röster", "stemmer", "ääni", "hääl", "balsa", "balsų", "głos", "hlas", "szavaz",
    "glas", "voturi", "гласа", "ψήφ", "population", "bevölkerung", "einwohner", "inhabitants", "habitants",
    "abitanti", "habitantes", "mieszkańc", "obyvatel", "lakos", "invånare", "indbyggere", "asukas",
)


SHORT_LABEL = 4  # labels this short must be whole words ("act" is not "action", "lat" not "later")


def _label_pattern(words) -> re.Pattern:
    def alternative(word: str) -> str:
        whole = len(word) <= SHORT_LABEL and word[-1].isalnum()
        return re.escape(word) + (r"(?!\w)" if whole else "")

    alternatives = "|".join(alternative(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)


_LABELS = {"law": _label_pattern(LEGAL_LABELS), "label": _label_pattern(OTHER_LABELS)}
# A phone label after the non-personal label and before the finding makes the finding the phone's again.
_PHONE_LABEL = re.compile(r"(?<!\w)(?:tel|phone|fax|mobil|gsm|telefon|téléphone|teléfono|telefono|telefone|"
                          r"puhelin|τηλ|тел|call|ruf|appel|contact|kontakt|hotline)", re.IGNORECASE)

# Shapes: each match is a whole non-personal number (with what makes it one: its currency, its '%', its label).
SHAPES: tuple[tuple[str, re.Pattern], ...] = (
    ("url", re.compile(r"(?:https?://|ftp://|www\.)\S+|(?<![\w@.])(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)+",
                       re.IGNORECASE)),
    ("doi", re.compile(r"\b10\.\d{4,9}/\S+|\bdoi:?\s?\S+", re.IGNORECASE)),
    ("isbn", re.compile(r"\bIS[BS]N(?:-1[03])?:?\s?(?:[\dXx][\- ]?){8,17}")),
    # journal citations: "2015;24(3):1234-1240", "Lupus. 2015;24:123", "vol. 12, pp. 1234-1250", "12(3):345-350"
    ("citation", re.compile(
        r"\b(?:1[6-9]|20)\d{2}\s?;\s?\d{1,5}(?:\s?\([\d\s\-–/]+\))?\s?:\s?[A-Za-z]?\d+(?:\s?[-–]\s?[A-Za-z]?\d+)?"
        r"|\b(?:1[6-9]|20)\d{2}\s?;\s?\d{1,5}\s?\([\d\-–/]{1,9}\)"
        r"|\b\d{1,5}\s?\(\s?[\d\-–/]{1,9}\s?\)\s?:\s?[A-Za-z]?\d+(?:\s?[-–]\s?[A-Za-z]?\d+)?"
        r"|\b(?:pp?|s|str|σ|с)\.\s?\d+\s?[-–]\s?\d+", re.IGNORECASE)),
    # EU acts "(EU) 2016/679", "2004/422/EC", "No 1234/2008"; EU court cases "C-123/19"; ECLI; CELEX numbers
    ("law", re.compile(
        r"\((?:EU|EC|EEC|EG|EWG|UE|CE|CEE|EÚ|ES|EK|EY|ΕΕ|ЕС)\)\s?(?:No|Nr|n[°º]|č\.|nr)?\.?\s?\d+/\d+"
        r"|\b\d{2,4}/\d{1,5}/(?:EU|EC|EEC|EG|EWG|UE|CE|CEE|EÚ|ES|EK|EY|ΕΕ|ЕС|JHA|JAI|GASP|CFSP)\b"
        r"|\b[CTF]-\d{1,4}/\d{2}\b|\bECLI:[A-Z]{2}:[A-Z0-9]+:\d{4}:[\w.]+|\b[1-9]\d{4}[A-Z]{1,2}\d{4}\b"
        r"|§+\s?\d+[\w.]*(?:\s?(?:Abs|Satz|Nr|lit|odst|ust|pkt)\.?\s?\d+)*"
        # EU documents "COM(2020) 825", Swedish and Finnish bills "2019/20:123", "SFS 2018:218"
        r"|\b(?:COM|SEC|SWD|JOIN|C)\s?\(\d{4}\)\s?\d+|\b(?:19|20)\d{2}/\d{2}:\d+|\bSFS\s?\d{4}:\d+"
        # court and parliamentary file numbers: a register ("BvR", "Cdo", "ZR", "HE", "O") before number/year
        r"|(?<![\w+])(?!(?:Tel|Fax|Mob|Tél|Puh|Ruf|Fon|Tlf|Nr)\b)(?:[A-Z]{1,4}|[A-Z][a-z]{0,2}[A-Z][A-Za-z]?|[A-Z][a-z]{1,2})"
        r"\.?\s?\d{1,7}/(?:(?:19|20)\d{2}|\d{2})(?![\d/:])")),
    ("coordinates", re.compile(
        r"[-−+]?\d{1,3}[.,]\d{3,}°?\s?[NSns]?\s?[,;/]\s?[-−+]?\d{1,3}[.,]\d{3,}°?\s?[EWOewo]?"
        r"|\d{1,3}°\s?\d{1,2}(?:[.,]\d+)?['′]\s?(?:\d{1,2}(?:[.,]\d+)?[\"″]\s?)?[NSEWOnsewo]?")),
    ("timestamp", re.compile(
        r"\b(?:1[6-9]|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?![.\-/]?\d)"
        r"(?:[T\s]\d{1,2}:\d{2}(?::\d{2})?"
        r"(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
        r"|\b(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:1[6-9]|20)?\d{2}(?![.\-/]?\d)"
        r"(?:,?\s\d{1,2}[:.h]\d{2}(?::\d{2})?)?"
        r"|\b\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?")),
    ("amount", re.compile(
        rf"(?<!\w){_CURRENCY}\.?\s?{_AMOUNT_NUMBER}{_SCALE}"
        rf"|{_AMOUNT_NUMBER}{_SCALE}\s?{_CURRENCY}(?!\w)")),
    ("percentage", re.compile(r"\d(?:[.,\u00a0 ]?\d)*\s?(?:%|‰|per ?cent|prozent|procent|pour ?cent|por ?ciento|"
                              r"per ?cento|por ?cento|százalék|prosent|procentů|procenta|προσοστ)", re.IGNORECASE)),
    # "v2.3.1", "ver. 10.0.19041"; a dotted number without its label is not taken for a version (French phone
    # numbers are written 01.23.45.67.89); "version 10.0.19041.1234" and "build 19041" are labels (OTHER_LABELS)
    ("version", re.compile(r"\b[vV](?:er(?:sion|\.)?)?\s?\d+(?:\.\d+)+[\w.\-]*")),
    # a vote or score: "345-123-12", "by 412 to 184", "412:184" followed by a word of votes
    ("vote_count", re.compile(r"\b\d{1,4}\s?(?:[-–:/]|to|gegen|contre|contro|contra|tegen|mot|przeciw)\s?\d{1,4}"
                              r"(?:\s?[-–:/,]\s?\d{1,4})?(?=[^\n\d]{0,30}?(?:vot|voix|stimm|stem|röst|głos|hlas|"
                              r"szavaz|ääni|hääl|bals|glas|ψήφ|гласа))", re.IGNORECASE)),
)

# A product or model code: the number glued to letters ("XR-2000X", "SM-G9910", "A1234567B"); national IDs have
# letters of their own, so this applies to phone and card matches only.
_GLUED_BEFORE = re.compile(r"[^\W\d_][\-/]?\Z")  # "SM-G9910", "XR2000"
_GLUED_AFTER = re.compile(r"\A[^\W\d_]")  # "2000X"; not "1693-Office" (a label after a hyphen)
_LAST_DIGIT = re.compile(r"\d(?!.*\d)", re.DOTALL)


def _token_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left, right = start, end
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    while right < len(text) and not text[right].isspace():
        right += 1
    return left, right


@functools.cache
def _own_labels(entity_type: str, language: str | None) -> re.Pattern:
    """Labels of the entity itself (its context words in the language and in English, the national schemes' names):
    one after a non-personal label gives the number back to the entity ("Preț: 915 lei, CNP: 1991221392980")."""
    words = set(context_words(entity_type, language or "en")) | set(context_words(entity_type, "en"))
    if entity_type == "NATIONAL_ID":
        words |= {w for scheme in NATIONAL_IDS for w in scheme.labels}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)


def _label_kind(text: str, start: int, entity_type: str, language: str | None) -> str | None:
    """A label of a non-personal number shortly before `start`, with no label of the entity after it and no other
    number between them (that number would be the label's)."""
    before = text[max(0, start - LABEL_CHARS) : start]
    last = _LAST_DIGIT.search(before)
    if last:
        before = before[last.end() :]
    best, best_end = None, -1
    for kind, pattern in _LABELS.items():
        for m in pattern.finditer(before):
            if m.end() > best_end:
                best, best_end = kind, m.end()
    if best is None:
        return None
    after = before[best_end:]
    if _PHONE_LABEL.search(after) or _own_labels(entity_type, language).search(after):
        return None
    # the label must reach this number: no sentence end between them
    if re.search(r"[.!?;]\s+[A-ZÀ-Þ]|\n", after):
        return None
    return best


def context_kind(text: str, start: int, end: int, entity_type: str, language: str | None = None) -> str | None:
    """The kind of non-personal number that the finding text[start:end] is part of or next to, or None."""
    if entity_type not in NUMERIC_TYPES:
        return None
    w_start, w_end = max(0, start - WINDOW_BEFORE), min(len(text), end + WINDOW_AFTER)
    window = text[w_start:w_end]
    s, e = start - w_start, end - w_start
    for kind, pattern in SHAPES:
        for m in pattern.finditer(window):
            if m.start() < e and s < m.end() and (m.end() - m.start()) > 0:
                if kind in ("timestamp", "percentage", "coordinates") and not _covers_enough(m, s, e, window):
                    continue
                return kind
    if entity_type != "NATIONAL_ID":
        t_start, t_end = _token_bounds(text, start, end)
        if _GLUED_BEFORE.search(text[t_start:start]) or _GLUED_AFTER.search(text[end:t_end]):
            glued = text[t_start:t_end]
            if not glued.lower().startswith(("tel", "fax", "mob", "gsm", "+", "(")):
                return "product_code"
    return _label_kind(text, start, entity_type, language)


def _covers_enough(m: re.Match, s: int, e: int, window: str) -> bool:
    """A short shape (a time, a percentage) overlapping one end of a long finding does not explain the finding:
    "030 1234567 10:00" is a phone number next to a time. It does when it holds most of the finding's digits."""
    digits = sum(map(str.isdigit, window[s:e]))
    inside = sum(map(str.isdigit, window[max(s, m.start()) : min(e, m.end())]))
    return inside * 2 >= digits
