"""Spelling and inflection patterns that tell close languages apart, each scoped to the languages it separates.

Every word matching a rule's pattern counts like a marker word for the languages the rule credits. A rule only
runs when one of the text's candidate languages (the model's top labels, their usual confusers, languages whose
marker words fill the text) is in its group, and only when the other evidence leaves the race close: "-ia" at
the end of a word says Slovak against Czech, and nothing at all about Spanish. Written for this project from the
grammars and spelling rules of the languages (inflection endings, reflexes of old sounds, letter clusters one
language writes and its neighbour never does); each comment names the contrast.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class SpellingRule(NamedTuple):
    pattern: re.Pattern
    credits: tuple[str, ...]
    group: frozenset[str]  # the rule runs when one of the text's candidate languages is in this group


def _rule(pattern: str, credits: str, group: str) -> SpellingRule:
    return SpellingRule(re.compile(pattern), tuple(credits.split()), frozenset(group.split()) | set(credits.split()))


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
    _rule(r"ije\w|[mvpdtc]je|sje", "hr bs", _SOUTH_SLAVIC),
    # Slovenian present 3rd plural -ajo/-ijo/-ejo/-ujo (imajo, delajo) against Croatian/Serbian -aju/-iju/-uju.
    _rule(r"\w\w[aeiu]jo\b", "sl", _SOUTH_SLAVIC),
    _rule(r"\w\w[aeiu]ju\b", "hr bs sr", _SOUTH_SLAVIC),
    # Past participle masculine: Croatian/Serbian -o (bio, rekao, radio), Slovenian keeps -l (bil, rekel).
    _rule(r"\w(?:io|ao)\b", "hr bs sr", _SOUTH_SLAVIC),
    _rule(r"\w\w[ie]l\b", "sl", _SOUTH_SLAVIC),
    # Adjective genitive: Slovenian -ega (novega, tega), Croatian/Serbian -og (novog, tog).
    _rule(r"\w\wega\b", "sl", _SOUTH_SLAVIC),
    _rule(r"\w\wog\b", "hr bs sr", _SOUTH_SLAVIC),
    # Slovenian genitive plural -ov/-ev (evrov, odstotkov); Croatian writes -a (eura, posto).
    _rule(r"\w\w\w[oe]v\b", "sl", _SOUTH_SLAVIC),
    # Slovak diphthongs ia/ie/iu/ô: word-final -ia (informácia, hovoria) where Czech writes -ie/-í/-ce; ia/ie
    # before a consonant (miesto, viem, piatok) where Czech has í/á (místo, vím, pátek); -nie/-tie nouns
    # (zariadenie) against Czech -ní/-tí; accusative -iu (informáciu) against Czech -i.
    _rule(r"\w\wia\b", "sk", _CZECH_SLOVAK),
    _rule(r"i[ae]" + _C + r"|\w\w[nt]ie\b|\w\wiu\b", "sk", _CZECH_SLOVAK),
    # Slovak feminine -ej (tejto, slovenskej), where Czech writes -é/-í.
    _rule(r"\w\w\wej\b", "sk", _CZECH_SLOVAK),
    # Superlative prefix: Czech nej- (nejlepší), Slovak naj- (najlepší).
    _rule(r"\bnej\w\w\w", "cs", _CZECH_SLOVAK),
    _rule(r"\bnaj\w\w\w", "sk", _CZECH_SLOVAK),
    # Genitive plural: Slovak -ov (rokov, ľudí aside), Czech -ů (roků).
    _rule(r"\w\w\wov\b", "sk", _CZECH_SLOVAK),
    # Czech diphthong ou inside a word (pouze, soud, dlouho), Slovak ú (súd, dlho).
    _rule(r"ou" + _C, "cs", _CZECH_SLOVAK),
    # Present 3rd plural: Czech -ají/-ují, Slovak -ajú/-ujú.
    _rule(r"\w\w[au]j[ií]\b", "cs", _CZECH_SLOVAK),
    _rule(r"\w\w[au]jú\b", "sk", _CZECH_SLOVAK),
    # Czech verbal nouns in -ní/-tí (zařízení, krytí; -ni/-ti when typed without diacritics), Slovak -nie/-tie
    # (zariadenie, krytie); Slovak infinitive -ť.
    _rule(r"\w\w[nt][ií]\b", "cs", _CZECH_SLOVAK),
    # Instrumental singular masculine and neuter: Slovak -om (návratom), Czech -em (návratem).
    _rule(r"\w\w\wom\b", "sk", _CZECH_SLOVAK),
    _rule(r"\w\w\wť\b", "sk", _CZECH_SLOVAK),
    # Norwegian kj/gj (kjøre, gjøre, igjen) where Danish writes k/g (køre, gøre, igen); nouns in -het (nb, nn,
    # sv) against Danish -hed; Norwegian -sjon against Danish and Swedish -tion.
    _rule(r"kj|gj", "nb nn", _NORDIC),
    _rule(r"\w\w\whed(?:en|er|erne)?\b", "da", _NORDIC),
    _rule(r"\w\w\whet(?:en|er|ene|erna)?\b", "nb nn sv", _NORDIC),
    _rule(r"\w\wsjon(?:en|er|ene)?\b", "nb nn", _NORDIC),
    _rule(r"\w\wtion(?:en|er|erne|ens)?\b", "da sv", _NORDIC),
    # Danish weak past tense -ede (flyttede) where Norwegian writes -et/-te; Danish definite plural -erne.
    _rule(r"\w\w\wede\b", "da", _NORDIC),
    _rule(r"\w\werne\b", "da", _NORDIC),
    # Danish øj (øje, højt) against Norwegian øy (øye, høyt); Danish ud- against Norwegian/Swedish ut-.
    _rule(r"øj", "da", _NORDIC),
    _rule(r"øy", "nb nn", _NORDIC),
    _rule(r"\bud\w\w\w", "da", _NORDIC),
    _rule(r"\but\w\w\w", "nb nn sv", _NORDIC),
    # Danish ej against Norwegian ei (arbejde/arbeid, vej/vei, nej/nei); Norwegian doubles a final consonant
    # Danish writes single or as -nd/-ld (takk/tak, litt/lidt, vann/vand, full/fuld).
    _rule(r"ej", "da", _NORDIC),
    _rule(r"ei", "nb nn", _NORDIC),
    _rule(r"\w(?:tt|kk|pp|mm|nn|ll)\b", "nb nn", _NORDIC),
    # Gaelic initial mutations: lenition (bh- mh- dh- gh- fh-, and lenited consonants inside words: abhainn,
    # Inbhear) in Irish and Scottish Gaelic, eclipsis (bhf- gc-
    # dt- bp- mb- nd-, n- before a vowel) and h- before an accented vowel (na hÉireann) in Irish; the digraph ao
    # (faoi, saol) in both.
    _rule(r"\b(?:bh|mh|dh|gh|fh)[aeiouáéíóúàèìòù]|\B[bmdf]h[aeiouáéíóúàèìòù]", "ga gd", _GAELIC),
    _rule(r"\b(?:bhf|gc|dt|bp|mb|nd)[aeiouáéíóú]", "ga", _GAELIC),
    _rule(r"\b(?:n-|t-|h)[áéíóú]", "ga", _GAELIC),
    _rule(r"ao", "ga gd", _GAELIC),
    # Romanian: enclitic article and its cases (-ul, -ului, -ilor/-elor, plural -ii), verbs in -ează, and
    # clitics joined by a hyphen (s-a, n-am, într-un, mi-a).
    _rule(r"\w[^\Wf]ul\b", "ro", _ROMANIAN),
    _rule(r"\w\w(?:ului|ilor|elor)\b", "ro", _ROMANIAN),
    # the diphthong oa (poate, toate, coajă), which the other Romance languages hardly write
    _rule(r"oa", "ro", _ROMANIAN),
    _rule(r"\w\w\wii\b", "ro", _ROMANIAN),
    _rule(r"\w\weaz[aă]\b", "ro", _ROMANIAN),
    # Romanian typed with legacy fonts: ã for ă at the end of a word (cãrþi, aceastã).
    _rule(r"\w\wã\b", "ro", _ROMANIAN),
    _rule(r"\b(?:s|n|l|m|v|i|ne|te|le|mi|ti|ți|si|și|sa|să|ca|că|nu|intr|într|dintr|printr)"
          r"-(?:a|am|ai|au|ar|ati|ați|o|un|ul|l|i|le|mi|ti|si|ne|va)\b", "ro", _ROMANIAN),
    # Finnish: y is a common vowel (Estonian writes ü), case endings -ssa/-sta/-lla/-lta, adjectives in -nen;
    # Estonian: comitative -ga, translative -ks, ablative -lt, plural -d (Finnish -t).
    _rule(r"y", "fi", _FINNIC),
    _rule(r"\w\w(?:ss|st|ll|lt)[aä]\b", "fi", _FINNIC),
    _rule(r"\w\wnen\b", "fi", _FINNIC),
    _rule(r"\w\w(?:ga|ks|lt)\b", "et", _FINNIC),
    _rule(r"\w\w[aeiu]d\b", "et", _FINNIC),
    # Estonian 3rd singular -b (saab, tuleb; Finnish saa, tulee), allative -le and adessive -l (Finnish -lle,
    # -lla), nouns in -mine (Finnish -minen); Finnish clitics -kin/-kaan and verb endings -mme/-tte/-vat.
    _rule(r"\w\w[aeiu]b\b", "et", _FINNIC),
    _rule(r"\w\w[aeiuõäöü]le\b", "et", _FINNIC),
    _rule(r"\w\w\w[aeiu]l\b", "et", _FINNIC),
    _rule(r"\w\wmine\b", "et", _FINNIC),
    _rule(r"\w\w(?:lle|kin|kaan|kään|mme|tte|vat|vät)\b", "fi", _FINNIC),
    # Russian infinitive -ть (Bulgarian and Macedonian have no infinitive) and adjective endings -ого/-ый/-ая;
    # Bulgarian hyphenated comparative and superlative (по-добро, най-добър) and aorist 3rd plural -аха/-иха
    # (Macedonian drops the х: направија).
    _rule(r"\w\wть(?:ся)?\b", "ru", _EAST_SLAVIC_BALKAN),
    _rule(r"\w\w(?:ого|его|ый|ые|ая|ое)\b", "ru", _EAST_SLAVIC_BALKAN),
    _rule(r"\b(?:по|най)-\w", "bg", _EAST_SLAVIC_BALKAN),
    _rule(r"\w\w[аия]ха\b", "bg", _EAST_SLAVIC_BALKAN),
)


_WORD_END = re.compile(r"^((?:\\w)+)(.+)\\b$")  # a rule "\w\w<ending>\b": so many letters, then an ending


def _alternation(patterns: list[str]) -> re.Pattern:
    """One pattern for several rules; endings after the same number of letters share that prefix, which the
    regular expression engine then tries once per position instead of once per rule."""
    endings: dict[str, list[str]] = {}
    others: list[str] = []
    for pattern in patterns:
        match = _WORD_END.match(pattern)
        if match and "|" not in pattern:
            endings.setdefault(match.group(1), []).append(match.group(2))
        else:
            others.append(pattern)
    parts = [f"{prefix}(?:{'|'.join(ends)})\\b" for prefix, ends in endings.items()]
    return re.compile("|".join(f"(?:{part})" for part in [*parts, *others]))


def _by_group() -> tuple[tuple[frozenset[str], tuple[tuple[re.Pattern, tuple[str, ...]], ...]], ...]:
    """Per group, one pattern per set of credited languages, so that a text is scanned once for each (a stretch
    of text two such rules both match counts once)."""
    groups: dict[frozenset[str], dict[tuple[str, ...], list[str]]] = {}
    for rule in SPELLING_RULES:
        groups.setdefault(rule.group, {}).setdefault(rule.credits, []).append(rule.pattern.pattern)
    return tuple(
        (group, tuple((_alternation(patterns), credits) for credits, patterns in by_credits.items()))
        for group, by_credits in groups.items()
    )


# The rules by group, so that one check per group decides whether its rules run.
RULES_BY_GROUP = _by_group()
