"""Spelling and inflection patterns that tell close languages apart, each scoped to the languages it separates.

Every word matching a rule's pattern counts like a marker word for the languages the rule credits. A rule only
runs when one of the text's candidate languages (the model's top labels, their usual confusers, languages whose
marker words fill the text) is in its group, and only when the other evidence leaves the race close: "-ia" at
the end of a word says Slovak against Czech, and nothing at all about Spanish. Written for this project from the
grammars and spelling rules of the languages (inflection endings, reflexes of old sounds, letter clusters one
language writes and its neighbour never does); each comment names the contrast.

Most rules are word endings or word beginnings: those are looked up per word (the text split into words once,
each word's last letter keys the endings to try), not scanned for by a regular expression at every position.
Letter clusters that may stand anywhere in a word stay regular expressions, counted over the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SpellingRule:
    credits: tuple[str, ...]
    group: frozenset[str]  # the rule runs when one of the text's candidate languages is in this group
    endings: tuple[str, ...] = ()  # a word ending in one of these, with at least `letters_before` letters before
    letters_before: int = 0
    not_after: str = ""  # ... and this letter not right before the ending
    starts: tuple[str, ...] = ()  # a word starting with one of these, with at least `letters_after` letters after
    letters_after: int = 0
    inside: re.Pattern | None = None  # else: every match of this pattern in the text
    needs: str = ""  # the pattern cannot match a text without this substring (a cheap test first)


def _scope(credits: str, group: str) -> dict:
    return {"credits": tuple(credits.split()), "group": frozenset(group.split()) | set(credits.split())}


def _ending(endings: str, letters_before: int, credits: str, group: str, not_after: str = "") -> SpellingRule:
    return SpellingRule(endings=tuple(endings.split()), letters_before=letters_before, not_after=not_after,
                        **_scope(credits, group))


def _start(starts: str, letters_after: int, credits: str, group: str) -> SpellingRule:
    return SpellingRule(starts=tuple(starts.split()), letters_after=letters_after, **_scope(credits, group))


def _inside(pattern: str, credits: str, group: str, needs: str = "") -> SpellingRule:
    return SpellingRule(inside=re.compile(pattern), needs=needs, **_scope(credits, group))


_SOUTH_SLAVIC = "hr bs sr sl"
_CZECH_SLOVAK = "cs sk"
_NORDIC = "da nb nn sv"
_GAELIC = "ga gd"
_ROMANIAN = "ro"
_FINNIC = "et fi"
_EAST_SLAVIC_BALKAN = "bg mk ru"
_C = r"[^\W\d_aeiouyáéíóúýäôě]"  # a consonant letter (Latin or not)

SPELLING_RULES: tuple[SpellingRule, ...] = (
    # ijekavian reflex of old jat inside a word (vrijeme, mjesto, djeca, pjesma): Croatian and Bosnian standard,
    # not Serbian ekavian nor Slovenian ("nije", common to all, does not match). A pattern without word bounds
    # counts its occurrences, which for these letter clusters is the number of words holding them.
    _inside(r"ije\w|[mvpdtc]je|sje", "hr bs", _SOUTH_SLAVIC, needs="je"),
    # Slovenian present 3rd plural -ajo/-ijo/-ejo/-ujo (imajo, delajo) against Croatian/Serbian -aju/-iju/-uju.
    _ending("ajo ejo ijo ujo", 2, "sl", _SOUTH_SLAVIC),
    _ending("aju eju iju uju", 2, "hr bs sr", _SOUTH_SLAVIC),
    # Past participle masculine: Croatian/Serbian -o (bio, rekao, radio), Slovenian keeps -l (bil, rekel).
    _ending("io ao", 1, "hr bs sr", _SOUTH_SLAVIC),
    _ending("il el", 2, "sl", _SOUTH_SLAVIC),
    # Adjective genitive: Slovenian -ega (novega, tega), Croatian/Serbian -og (novog, tog).
    _ending("ega", 2, "sl", _SOUTH_SLAVIC),
    _ending("og", 2, "hr bs sr", _SOUTH_SLAVIC),
    # Slovenian genitive plural -ov/-ev (evrov, odstotkov); Croatian writes -a (eura, posto).
    _ending("ov ev", 3, "sl", _SOUTH_SLAVIC),
    # Slovak diphthongs ia/ie/iu/ô: word-final -ia (informácia, hovoria) where Czech writes -ie/-í/-ce; ia/ie
    # before a consonant (miesto, viem, piatok) where Czech has í/á (místo, vím, pátek); -nie/-tie nouns
    # (zariadenie) against Czech -ní/-tí; accusative -iu (informáciu) against Czech -i.
    _ending("ia", 2, "sk", _CZECH_SLOVAK),
    _inside(r"i[ae]" + _C, "sk", _CZECH_SLOVAK, needs="i"),
    _ending("nie tie iu", 2, "sk", _CZECH_SLOVAK),
    # Slovak feminine -ej (tejto, slovenskej), where Czech writes -é/-í.
    _ending("ej", 3, "sk", _CZECH_SLOVAK),
    # Superlative prefix: Czech nej- (nejlepší), Slovak naj- (najlepší).
    _start("nej", 3, "cs", _CZECH_SLOVAK),
    _start("naj", 3, "sk", _CZECH_SLOVAK),
    # Genitive plural: Slovak -ov (rokov, ľudí aside), Czech -ů (roků).
    _ending("ov", 3, "sk", _CZECH_SLOVAK),
    # Czech diphthong ou inside a word (pouze, soud, dlouho), Slovak ú (súd, dlho).
    _inside(r"ou" + _C, "cs", _CZECH_SLOVAK, needs="ou"),
    # Present 3rd plural: Czech -ají/-ují, Slovak -ajú/-ujú.
    _ending("aji ají uji ují", 2, "cs", _CZECH_SLOVAK),
    _ending("ajú ujú", 2, "sk", _CZECH_SLOVAK),
    # Czech verbal nouns in -ní/-tí (zařízení, krytí; -ni/-ti when typed without diacritics), Slovak -nie/-tie
    # (zariadenie, krytie); Slovak infinitive -ť.
    _ending("ni ti ní tí", 2, "cs", _CZECH_SLOVAK),
    # Instrumental singular masculine and neuter: Slovak -om (návratom), Czech -em (návratem).
    _ending("om ť", 3, "sk", _CZECH_SLOVAK),
    # Norwegian kj/gj (kjøre, gjøre, igjen) where Danish writes k/g (køre, gøre, igen); nouns in -het (nb, nn,
    # sv) against Danish -hed; Norwegian -sjon against Danish and Swedish -tion.
    _inside(r"kj|gj", "nb nn", _NORDIC, needs="j"),
    _ending("hed heden heder hederne", 3, "da", _NORDIC),
    _ending("het heten heter hetene heterna", 3, "nb nn sv", _NORDIC),
    _ending("sjon sjonen sjoner sjonene", 2, "nb nn", _NORDIC),
    _ending("tion tionen tioner tionerne tionens", 2, "da sv", _NORDIC),
    # Danish weak past tense -ede (flyttede) where Norwegian writes -et/-te; Danish definite plural -erne.
    _ending("ede", 3, "da", _NORDIC),
    _ending("erne", 2, "da", _NORDIC),
    # Danish øj (øje, højt) against Norwegian øy (øye, høyt); Danish ud- against Norwegian/Swedish ut-.
    _inside(r"øj", "da", _NORDIC, needs="øj"),
    _inside(r"øy", "nb nn", _NORDIC, needs="øy"),
    _start("ud", 3, "da", _NORDIC),
    _start("ut", 3, "nb nn sv", _NORDIC),
    # Danish ej against Norwegian ei (arbejde/arbeid, vej/vei, nej/nei); Norwegian doubles a final consonant
    # Danish writes single or as -nd/-ld (takk/tak, litt/lidt, vann/vand, full/fuld).
    _inside(r"ej", "da", _NORDIC, needs="ej"),
    _inside(r"ei", "nb nn", _NORDIC, needs="ei"),
    _ending("tt kk pp mm nn ll", 1, "nb nn", _NORDIC),
    # Gaelic initial mutations: lenition (bh- mh- dh- gh- fh-, and lenited consonants inside words: abhainn,
    # Inbhear) in Irish and Scottish Gaelic, eclipsis (bhf- gc-
    # dt- bp- mb- nd-, n- before a vowel) and h- before an accented vowel (na hÉireann) in Irish; the digraph ao
    # (faoi, saol) in both.
    _inside(r"\b(?:bh|mh|dh|gh|fh)[aeiouáéíóúàèìòù]|\B[bmdf]h[aeiouáéíóúàèìòù]", "ga gd", _GAELIC, needs="h"),
    _inside(r"\b(?:bhf|gc|dt|bp|mb|nd)[aeiouáéíóú]", "ga", _GAELIC),
    _inside(r"\b(?:n-|t-|h)[áéíóú]", "ga", _GAELIC),
    _inside(r"ao", "ga gd", _GAELIC, needs="ao"),
    # Romanian: enclitic article and its cases (-ul, -ului, -ilor/-elor, plural -ii), verbs in -ează, and
    # clitics joined by a hyphen (s-a, n-am, într-un, mi-a).
    _ending("ul", 2, "ro", _ROMANIAN, not_after="f"),
    _ending("ului ilor elor", 2, "ro", _ROMANIAN),
    # the diphthong oa (poate, toate, coajă), which the other Romance languages hardly write
    _inside(r"oa", "ro", _ROMANIAN, needs="oa"),
    _ending("ii", 3, "ro", _ROMANIAN),
    _ending("eaza ează", 2, "ro", _ROMANIAN),
    # Romanian typed with legacy fonts: ã for ă at the end of a word (cãrþi, aceastã).
    _ending("ã", 2, "ro", _ROMANIAN),
    _inside(r"\b(?:s|n|l|m|v|i|ne|te|le|mi|ti|ți|si|și|sa|să|ca|că|nu|intr|într|dintr|printr)"
            r"-(?:a|am|ai|au|ar|ati|ați|o|un|ul|l|i|le|mi|ti|si|ne|va)\b", "ro", _ROMANIAN, needs="-"),
    # Finnish: y is a common vowel (Estonian writes ü), case endings -ssa/-sta/-lla/-lta, adjectives in -nen;
    # Estonian: comitative -ga, translative -ks, ablative -lt, plural -d (Finnish -t).
    _inside(r"y", "fi", _FINNIC, needs="y"),
    _ending("ssa ssä sta stä lla llä lta ltä", 2, "fi", _FINNIC),
    _ending("nen", 2, "fi", _FINNIC),
    _ending("ga ks lt", 2, "et", _FINNIC),
    _ending("ad ed id ud", 2, "et", _FINNIC),
    # Estonian 3rd singular -b (saab, tuleb; Finnish saa, tulee), allative -le and adessive -l (Finnish -lle,
    # -lla), nouns in -mine (Finnish -minen); Finnish clitics -kin/-kaan and verb endings -mme/-tte/-vat.
    _ending("ab eb ib ub", 2, "et", _FINNIC),
    _ending("ale ele ile ule õle äle öle üle", 2, "et", _FINNIC),
    _ending("al el il ul", 3, "et", _FINNIC),
    _ending("mine", 2, "et", _FINNIC),
    _ending("lle kin kaan kään mme tte vat vät", 2, "fi", _FINNIC),
    # Russian infinitive -ть (Bulgarian and Macedonian have no infinitive) and adjective endings -ого/-ый/-ая;
    # Bulgarian hyphenated comparative and superlative (по-добро, най-добър) and aorist 3rd plural -аха/-иха
    # (Macedonian drops the х: направија).
    _ending("ть ться", 2, "ru", _EAST_SLAVIC_BALKAN),
    _ending("ого его ый ые ая ое", 2, "ru", _EAST_SLAVIC_BALKAN),
    _inside(r"\b(?:по|най)-\w", "bg", _EAST_SLAVIC_BALKAN, needs="-"),
    _ending("аха иха яха", 2, "bg", _EAST_SLAVIC_BALKAN),
)


Credits = tuple[str, ...]


@dataclass
class RuleTable:
    """The rules of some groups, arranged for one pass over a text's words."""

    # a word's last letter -> (ending, least word length, letter not right before the ending, credits)
    endings: dict[str, list[tuple[str, int, str, Credits]]] = field(default_factory=dict)
    # a word's first letter -> (start, least word length, credits)
    starts: dict[str, list[tuple[str, int, Credits]]] = field(default_factory=dict)
    inside: list[tuple[re.Pattern, str, Credits]] = field(default_factory=list)

    def add(self, rule: SpellingRule) -> None:
        for ending in rule.endings:
            self.endings.setdefault(ending[-1], []).append(
                (ending, len(ending) + rule.letters_before, rule.not_after, rule.credits))
        for start in rule.starts:
            self.starts.setdefault(start[0], []).append((start, len(start) + rule.letters_after, rule.credits))
        if rule.inside is not None:
            self.inside.append((rule.inside, rule.needs, rule.credits))


GROUPS: tuple[frozenset[str], ...] = tuple(dict.fromkeys(rule.group for rule in SPELLING_RULES))
_TABLES: dict[tuple[frozenset[str], ...], RuleTable] = {}


def _table(active: tuple[frozenset[str], ...]) -> RuleTable:
    table = _TABLES.get(active)
    if table is None:
        table = RuleTable()
        for rule in SPELLING_RULES:
            if rule.group in active:
                table.add(rule)
        _TABLES[active] = table
    return table


def add_spelling_hits(lower: str, words: list[str], candidates: set[str], hits: dict[str, int]) -> None:
    """Words matching the spelling rules of the candidates' groups count like marker words, once per word and
    set of credited languages (a word ending in both -erne and -ede is one Danish word)."""
    active = tuple(group for group in GROUPS if not group.isdisjoint(candidates))
    if not active:
        return
    table = _table(active)
    found: dict[Credits, int] = {}
    for pattern, needs, credits in table.inside:
        if needs in lower:  # "" is in every text
            count = len(pattern.findall(lower))
            if count:
                found[credits] = found.get(credits, 0) + count
    endings, starts = table.endings, table.starts
    for word in words:
        entries = endings.get(word[-1])
        if entries:
            size = len(word)
            seen: list[Credits] = []
            for ending, least, not_after, credits in entries:
                if (size >= least and credits not in seen and word.endswith(ending)
                        and not (not_after and word[-len(ending) - 1] == not_after)):
                    seen.append(credits)
                    found[credits] = found.get(credits, 0) + 1
        if starts:
            entries = starts.get(word[0])
            if entries:
                size = len(word)
                for start, least, credits in entries:
                    if size >= least and word.startswith(start):
                        found[credits] = found.get(credits, 0) + 1
    for credits, count in found.items():
        for lang in credits:
            hits[lang] = hits.get(lang, 0) + count
