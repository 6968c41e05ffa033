"""Presidio recognizers for EU text: national IDs with check digits, phone numbers without look-alikes, cards.

Every recognizer here judges context the same way, from the characters just before a finding (robust with
tokenizer-only spaCy pipelines, which have no lemmas for Presidio's own context enhancer): a label of the entity
(in the text's language, or the identifier's own name) raises the score; a label of something else that looks
the same (an order, invoice, ISBN or tracking number) nearer than any such label suppresses the finding.
"""

from __future__ import annotations

import functools
import re

import phonenumbers
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import (
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
)

from eurocurate.filters.pii.languages import PHONE_REGIONS, context_words
from eurocurate.filters.pii.national_ids import NATIONAL_IDS, NationalIdScheme, luhn, normalise

CONTEXT_CHARS = 48  # how far before a finding its label may start
RIVAL_CHARS = 20  # a label of something else counts only this close before a finding
CONTEXT_BOOST = 0.35
MIN_SCORE_WITH_LABEL = 0.4
NO_SCORE = 0.0

# Labels of numbers that are not personal identifiers, in the 24 languages (lower case, substrings).
# Matched at the start of a word.
LOOKALIKE_LABELS = (
    "isbn", "issn", "ean", "gtin", "doi", "order", "invoice", "tracking", "art.-nr", "artikelnummer", "item no",
    "reference", "ref.", "ticket", "customer no", "serial", "bestell", "auftrag", "rechnung", "kundennummer",
    "sendung", "commande", "facture", "colis", "pedido", "factura", "ordine", "fattura", "zamówieni", "faktur",
    "zásilk", "objedn", "tilaus", "lasku", "beställning", "ordrenummer", "ordrenr", "bestelling", "encomenda",
    "fatura", "comand", "narudžb", "tellimus", "arve", "užsakym", "pasūtījum", "rēķin", "megrendel", "számla",
    "rendelés", "поръчка", "фактура", "παραγγελ", "τιμολόγ", "naročil", "ordaithe",
)


@functools.lru_cache(maxsize=1024)
def _compile_labels(words: frozenset[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<!\w)(?:{alternatives})")


class LabelPattern:
    """Label words matched at the start of a word, compiled on first use: an engine holds about 60 of these large
    alternations per language, most recognizers never see a candidate in a given text, and compiling them all
    up front was most of the cost of building an engine."""

    __slots__ = ("words", "_compiled")

    def __init__(self, words):
        self.words = frozenset(words)
        self._compiled: re.Pattern | None = None

    def _pattern(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = _compile_labels(self.words)
        return self._compiled

    def search(self, text: str, *args):
        return self._pattern().search(text, *args)

    def finditer(self, text: str, *args):
        return self._pattern().finditer(text, *args)


_LOOKALIKE_RE = LabelPattern(LOOKALIKE_LABELS)


class QuickReject:
    """Mixin for Presidio PatternRecognizers: one search for any of the recognizer's patterns (same expressions,
    same flags) before Presidio's per-pattern loop, whose fixed cost dominates on a window where none matches."""

    _any_pattern: re.Pattern | None = None
    necessary: re.Pattern | None = None  # optional: something every match contains, cheaper to search for

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        if regex_flags is None and self.necessary is not None and not self.necessary.search(text):
            return []
        if self._any_pattern is None:
            self._any_pattern = _union(self.patterns, self.global_regex_flags)
        if regex_flags is None and self._any_pattern is not False and not self._any_pattern.search(text):
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)


def _union(patterns, flags):
    """The alternation of `patterns` for the standard re module; False when one of them needs Presidio's `regex`."""
    try:
        return re.compile("|".join(f"(?:{p.regex})" for p in patterns), int(flags))
    except re.error:
        return False


class LabelContext:
    """Mixin: context from the text just before each finding (see the module docstring)."""

    labels: LabelPattern
    rivals: LabelPattern = _LOOKALIKE_RE  # labels of look-alikes; recognizers_for adds other entity types' labels
    needs_label = False  # True: a finding without a label is dropped (weak check digits)
    suppress_lookalikes = True  # False for entities no order or ISBN number resembles (e-mail, IBAN, IP)

    def unmistakable(self, text: str, result) -> bool:
        """True where the form alone rules the look-alikes out (rival labels are then ignored)."""
        return False

    def enhance_using_context(self, text, raw_recognizer_results, other_raw_recognizer_results, nlp_artifacts,
                              context=None):
        for result in raw_recognizer_results:
            before = _label_zone(text, result.start)
            label = _last_match_end(self.labels, before)
            rival = _last_match_end(self.rivals, before) if self.suppress_lookalikes else -1
            if rival < len(before) - RIVAL_CHARS or self.unmistakable(text, result):
                rival = -1  # "Thank you for your order. +420 212 343 900": the order is not this number's label
            if self.suppress_lookalikes and _continues_number(text, result.start):
                result.score = NO_SCORE  # a fragment of a longer number (an IBAN, an ID with a bad check digit)
            elif rival > label:
                result.score = NO_SCORE
            elif label >= 0:
                result.score = min(1.0, max(result.score + CONTEXT_BOOST, MIN_SCORE_WITH_LABEL))
            elif self.needs_label:
                result.score = NO_SCORE
            result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
        return raw_recognizer_results


_CONTINUES_NUMBER = re.compile(r"\d(?: ?[A-Z]{2,})?[ .\-/]?\Z")  # "...3170 5539", "NL91 ABNA 0417"
_LAST_DIGIT = re.compile(r"\d(?!.*\d)", re.DOTALL)


def _label_zone(text: str, start: int) -> str:
    """Lower-cased text before a finding where its label can be: at most CONTEXT_CHARS, and not past the
    previous number (whose label that would be)."""
    before = text[max(0, start - CONTEXT_CHARS) : start]
    last = _LAST_DIGIT.search(before)
    return (before[last.end() :] if last else before).lower()


def _continues_number(text: str, start: int) -> bool:
    return _CONTINUES_NUMBER.search(text[max(0, start - 8) : start]) is not None


def _last_match_end(pattern: re.Pattern, text: str) -> int:
    end = -1
    for match in pattern.finditer(text):
        end = match.end()
    return end


class NationalIdRecognizer(QuickReject, LabelContext, PatternRecognizer):
    """One national identifier scheme: its written forms, validated by the scheme's check digits."""

    SCORE = 0.6

    def __init__(self, scheme: NationalIdScheme, language: str):
        self.scheme = scheme
        self.needs_label = scheme.needs_context
        # A weak scheme trusts only its own name: "BSN 123456782" must not make a Portuguese NIF of it.
        words = scheme.labels if scheme.needs_context else scheme.labels + tuple(context_words("NATIONAL_ID", language))
        self.labels = LabelPattern(words)
        self.own_words = words
        patterns = [Pattern(f"{scheme.country} {scheme.name}", p, self.SCORE) for p in scheme.patterns]
        super().__init__(supported_entity="NATIONAL_ID", patterns=patterns, context=list(words),
                         supported_language=language, name=f"NationalId{scheme.country}:{scheme.name}")

    def validate_result(self, pattern_text: str) -> bool:
        return self.scheme.validate(normalise(pattern_text, self.scheme))


# Issuer prefixes of payment cards (Visa, Mastercard incl. 2-series, Amex, Diners, JCB incl. 1800/2131,
# Discover, Maestro, UnionPay): an ISBN-13 (978/979) or an order number starting otherwise is not a card.
_CARD_PREFIX = re.compile(r"4|5[0-8]|2[2-7]|3[045678]|6[0-9]|1800|2131")


class PaymentCardRecognizer(QuickReject, LabelContext, PatternRecognizer):
    """12 to 19 digits, in groups or not, with an issuer prefix and a valid Luhn digit."""

    PATTERNS = [Pattern("card", r"\b(?:\d[ -]?){11,18}\d\b", 0.5)]

    def __init__(self, language: str):
        self.labels = LabelPattern(context_words("CREDIT_CARD", language))
        super().__init__(supported_entity="CREDIT_CARD", patterns=self.PATTERNS, supported_language=language,
                         context=context_words("CREDIT_CARD", language), name="PaymentCard")

    def validate_result(self, pattern_text: str) -> bool:
        digits = re.sub(r"[ -]", "", pattern_text)
        return 12 <= len(digits) <= 19 and bool(_CARD_PREFIX.match(digits)) and luhn(digits) and \
            card_grouping(pattern_text)


# How card numbers are printed: unbroken, in fours (the last group shorter on 13-19 digit cards), or 4-6-5 / 4-6-4
# (American Express, Diners). A phone number that happens to pass Luhn is grouped otherwise ("0049 170 1234567").
_CARD_GROUPS = ((4, 6, 5), (4, 6, 4))


def card_grouping(found: str) -> bool:
    groups = tuple(len(g) for g in re.split(r"[ -]", found) if g)
    if len(groups) == 1 or groups in _CARD_GROUPS:
        return True
    return all(g == 4 for g in groups[:-1]) and 1 <= groups[-1] <= 4


MIN_PHONE_DIGITS = 7
_DAY, _MONTH = r"(?:0?[1-9]|[12]\d|3[01])", r"(?:0?[1-9]|1[0-2])"
_DATE_FIRST = re.compile(  # a date at the start of a finding ("08.02.1978 16" from "08.02.1978 16:00")
    rf"{_DAY}[./-]{_MONTH}[./-](?:19|20)\d{{2}}(?!\d)|(?:19|20)\d{{2}}[./-]{_MONTH}[./-]{_DAY}(?!\d)")
_DATE_WHOLE = re.compile(rf"{_DAY}[./-]{_MONTH}[./-]?\d{{0,4}}")
_CURRENCY = r"(?:[€$£]|(?<!\w)(?:eur|euro|usd|gbp|chf|ft|huf|zł|pln|kč|czk|kr|sek|dkk|lei|ron|лв|bgn)(?!\w))"
_CURRENCY_BEFORE = re.compile(_CURRENCY + r"\.?\s?\Z", re.IGNORECASE)
_DIGIT_RUN = re.compile(r"\d(?:[ ./()\-]{0,2}\d){6,}")
_COUNTRY_PREFIX_BEFORE = re.compile(r"(?:\+|00)\d{1,3} ?\Z")
_CURRENCY_AFTER = re.compile(r"^,?\d*\s?" + _CURRENCY, re.IGNORECASE)


# The shortest national significant number that any numbering plan in phonenumbers' metadata calls valid
# (tests/filters/pii/test_pii.py checks this against the installed metadata).
MIN_NATIONAL_NUMBER_DIGITS = 4


# The verdicts of phonenumbers on the candidates of the current document (LongNumberMatcher._parse_and_verify):
# tables, price lists and bibliographies repeat the same page ranges and figures, and every window and every
# numbering plan of a language meets them again. Emptied at the start of each document (new_document), and when
# it grows past VERDICTS_MAX entries.
_VERDICTS: dict[tuple, phonenumbers.PhoneNumber | None] = {}
VERDICTS_MAX = 20_000


def new_document() -> None:
    """Forget the candidate verdicts of the previous document."""
    _VERDICTS.clear()


class LongNumberMatcher(phonenumbers.PhoneNumberMatcher):
    """phonenumbers' matcher, parsing only the candidates that can matter: none with fewer digits than a phone
    number we keep (years, page numbers, prices: most candidates on web text), and, when `only_near` is given,
    none that overlaps no span of it. A candidate met before in the same document, in the same numbering plan
    and between the same characters, gets the verdict phonenumbers gave it then."""

    def __init__(self, text, region, leniency, only_near: list[tuple[int, int]] | None = None):
        super().__init__(text, region, leniency=leniency)
        self.only_near = only_near

    def _extract_match(self, candidate, offset):
        if sum(map(str.isdigit, candidate)) < MIN_PHONE_DIGITS:
            return None
        end = offset + len(candidate)
        if self.only_near is not None and not any(start < end and offset < stop for start, stop in self.only_near):
            return None
        return super()._extract_match(candidate, offset)

    def _parse_and_verify(self, candidate, offset):
        """Candidates with too few digits to be any valid number are not parsed (the verdict would be no): the
        parts the matcher tries inside a longer candidate that failed are mostly such ("7", "35-36")."""
        if sum(map(str.isdigit, candidate)) < MIN_NATIONAL_NUMBER_DIGITS and \
                not any(map(str.isalpha, candidate)):
            return None
        # phonenumbers' verdict reads nothing but the candidate, the plan, the leniency and the characters just
        # before and after the candidate.
        end = offset + len(candidate)
        key = (candidate, self.preferred_region, self.leniency, self.text[max(0, offset - 1) : offset],
               self.text[end : end + 1])
        if key in _VERDICTS:
            number = _VERDICTS[key]
            if number is None:
                return None
            copy = phonenumbers.PhoneNumber()
            copy.merge_from(number)
            return phonenumbers.PhoneNumberMatch(offset, candidate, copy)
        match = super()._parse_and_verify(candidate, offset)
        if len(_VERDICTS) >= VERDICTS_MAX:
            _VERDICTS.clear()
        if match is None:
            _VERDICTS[key] = None
        else:
            _VERDICTS[key] = phonenumbers.PhoneNumber()
            _VERDICTS[key].merge_from(match.number)
        return match


# How much text around an unexplained digit run a later numbering plan sees: a country prefix or "(0" before it,
# an extension after it ("ext. 1234").
RUN_REACH_BEFORE, RUN_REACH_AFTER = 12, 20


def _neighbourhoods(text: str, runs: list[tuple[int, int]] | None):
    """(offset, text piece, runs in the piece's positions) to match on: the whole text when `runs` is None, else
    the merged surroundings of the runs."""
    if runs is None:
        yield 0, text, None
        return
    pieces: list[list[int]] = []
    for start, end in runs:
        lo, hi = max(0, start - RUN_REACH_BEFORE), min(len(text), end + RUN_REACH_AFTER)
        if pieces and lo <= pieces[-1][1]:
            pieces[-1][1] = max(pieces[-1][1], hi)
        else:
            pieces.append([lo, hi])
    for lo, hi in pieces:
        yield lo, text[lo:hi], [(s - lo, e - lo) for s, e in runs if lo <= s and e <= hi]


class EuPhoneRecognizer(LabelContext, PhoneRecognizer):
    """Presidio's phonenumbers-based recognizer on the language's numbering plans, minus look-alikes:
    fewer than 7 digits (years), dates, prices, and bare digit runs (no '+', no leading 0, no separators)
    that no phone label introduces (order and customer numbers look like that)."""

    def __init__(self, language: str):
        self.labels = LabelPattern(context_words("PHONE_NUMBER", language))
        super().__init__(supported_language=language, supported_regions=PHONE_REGIONS[language],
                         context=context_words("PHONE_NUMBER", language), name="EuPhone")

    def analyze(self, text, entities, nlp_artifacts=None):
        """Presidio's matching, region by region; each plan after the first only looks at the digit runs that
        the plans before it left unexplained (scanning just their neighbourhood, not the whole text), and none
        is tried once every run is explained by a number."""
        runs = [m.span() for m in _DIGIT_RUN.finditer(text)]
        found = []
        unexplained = None  # the first plan looks everywhere
        for region in self.supported_regions:
            for offset, part, near in _neighbourhoods(text, unexplained):
                for match in LongNumberMatcher(part, region, self.leniency, near):
                    match.start += offset
                    match.end += offset
                    found.append(self._get_recognizer_result(match, text, region, nlp_artifacts))
            unexplained = [(start, end) for start, end in runs
                           if not any(r.start < end and start < r.end for r in found)]
            if not unexplained:
                break
        results = [r for r in EntityRecognizer.remove_duplicates(found) if self._plausible(text, r)]
        for result in results:
            prefix = _COUNTRY_PREFIX_BEFORE.search(text, max(0, result.start - 6), result.start)
            if prefix:  # "+41 (0)38 549 02 90": phonenumbers starts at "(0)"; the country code belongs to it
                result.start = prefix.start()
        return results

    def unmistakable(self, text: str, result) -> bool:
        return text.startswith(("+", "00"), result.start)  # an international prefix: no order number has one

    def _plausible(self, text: str, result) -> bool:
        found = text[result.start : result.end]
        digits = sum(map(str.isdigit, found))
        if digits < MIN_PHONE_DIGITS or _DATE_FIRST.match(found) or _DATE_WHOLE.fullmatch(found):
            return False
        if _CURRENCY_BEFORE.search(text[max(0, result.start - 6) : result.start]) or \
                _CURRENCY_AFTER.search(text[result.end : result.end + 8]):
            return False
        if found.isdigit() and not found.startswith("0"):
            before = text[max(0, result.start - CONTEXT_CHARS) : result.start].lower()
            return self.labels.search(before) is not None
        return True


class LabelledEmailRecognizer(QuickReject, LabelContext, EmailRecognizer):
    suppress_lookalikes = False
    necessary = re.compile("@")  # Presidio's pattern starts a match at every word character; each match has an '@'

    def __init__(self, language: str):
        self.labels = LabelPattern(context_words("EMAIL_ADDRESS", language))
        super().__init__(supported_language=language, context=context_words("EMAIL_ADDRESS", language))


class LabelledIbanRecognizer(QuickReject, LabelContext, IbanRecognizer):
    suppress_lookalikes = False
    # Each match starts with two letters and two digits (under the same IGNORECASE flag as the pattern); searched
    # from the digits, which the regex engine skips to fast, where the pattern is tried at every letter.
    necessary = re.compile(r"[0-9]{2}(?<=[A-Z]{2}[0-9]{2})", re.IGNORECASE)

    def __init__(self, language: str):
        self.labels = LabelPattern(context_words("IBAN_CODE", language))
        super().__init__(supported_language=language, context=context_words("IBAN_CODE", language),
                         regex_flags=re.DOTALL | re.MULTILINE | re.IGNORECASE)  # "gb42nawi..." is an IBAN too


class LabelledIpRecognizer(QuickReject, LabelContext, IpRecognizer):
    suppress_lookalikes = False
    necessary = re.compile(r":[0-9A-Fa-f:]|\d\.\d")  # IPv6 has a colon before hex or a colon; IPv4 dotted digits

    def __init__(self, language: str):
        self.labels = LabelPattern(context_words("IP_ADDRESS", language))
        super().__init__(supported_language=language, context=context_words("IP_ADDRESS", language))


def recognizers_for(language: str, entities) -> list:
    """The recognizers registered for text in `language`, limited to the entity types asked for.

    Each numeric recognizer treats the labels of the other numeric types as rivals: "IBAN: FR76 ..." makes no
    phone number of the IBAN's tail, "PESEL: <wrong check digit>" no Estonian code of the PESEL.
    """
    wanted = set(entities)
    found = []
    if "EMAIL_ADDRESS" in wanted:
        found.append(LabelledEmailRecognizer(language))
    if "PHONE_NUMBER" in wanted:
        found.append(EuPhoneRecognizer(language))
    if "IBAN_CODE" in wanted:
        found.append(LabelledIbanRecognizer(language))
    if "IP_ADDRESS" in wanted:
        found.append(LabelledIpRecognizer(language))
    if "CREDIT_CARD" in wanted:
        found.append(PaymentCardRecognizer(language))
    if "NATIONAL_ID" in wanted:
        found.extend(NationalIdRecognizer(scheme, language) for scheme in NATIONAL_IDS)
    numeric_words = {t: set(context_words(t, language)) for t in ("PHONE_NUMBER", "IBAN_CODE", "CREDIT_CARD")}
    id_words = {w for scheme in NATIONAL_IDS for w in scheme.labels} | set(context_words("NATIONAL_ID", language))
    for recognizer in found:
        if not recognizer.suppress_lookalikes:
            continue
        if isinstance(recognizer, NationalIdRecognizer):
            own = set(recognizer.own_words) | set(context_words("NATIONAL_ID", language))
            other = set().union(*numeric_words.values()) | (id_words - own)
        else:
            entity = recognizer.supported_entities[0]
            other = id_words.union(*(w for t, w in numeric_words.items() if t != entity))
        other -= recognizer.labels.words
        recognizer.rivals = LabelPattern(set(LOOKALIKE_LABELS) | other)
    return found
